package io.hermesbus.api;

/**
 * A producer could not send an event. The cause is the plugin's own failure. When this is thrown the
 * event may or may not be on the bus; the plugin's documentation says which (a durable plugin says "not").
 */
public class FailedToSendEventException extends HermesBusException {
    private static final long serialVersionUID = 1L;

    /**
     * Reports a failed send.
     *
     * @param message which event failed to send, and with which plugin
     * @param cause the plugin's own failure
     */
    public FailedToSendEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
