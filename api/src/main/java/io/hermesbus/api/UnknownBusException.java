package io.hermesbus.api;

/** No plugin on the class path provides a bus of the requested name. The message lists the names found. */
public class UnknownBusException extends HermesBusException {
    private static final long serialVersionUID = 1L;

    /**
     * An unknown (or twice provided) bus name.
     *
     * @param message the name asked for, the names found and how a jar registers its provider
     */
    public UnknownBusException(String message) {
        super(message);
    }
}
