package io.hermesbus.api;

/**
 * Base of every error a hermes-bus plugin reports. Unchecked, like the Python exceptions Hermes' own plugins
 * raise, so that it passes through {@link java.util.Iterator} and lambdas. Each subclass names one kind of
 * mistake; its message says what was wrong and what would have been right.
 */
public class HermesBusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An error without a cause.
     *
     * @param message what was wrong and what would have been right
     */
    public HermesBusException(String message) {
        super(message);
    }

    /**
     * An error caused by another one, such as the bus's own exception.
     *
     * @param message what was wrong and what would have been right
     * @param cause the underlying failure
     */
    public HermesBusException(String message, Throwable cause) {
        super(message, cause);
    }
}
