package io.hermesbus.api;

/** No plugin on the class path provides a bus of the requested name. The message lists the names found. */
public class UnknownBusException extends HermesBusException {
    private static final long serialVersionUID = 1L;

    public UnknownBusException(String message) {
        super(message);
    }
}
