package io.hermesbus.api;

/**
 * Base of every error a hermes-bus plugin reports. Unchecked, like the Python exceptions Hermes' own plugins
 * raise, so that it passes through {@link java.util.Iterator} and lambdas. Each subclass names one kind of
 * mistake; its message says what was wrong and what would have been right.
 */
public class HermesBusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HermesBusException(String message) {
        super(message);
    }

    public HermesBusException(String message, Throwable cause) {
        super(message, cause);
    }
}
