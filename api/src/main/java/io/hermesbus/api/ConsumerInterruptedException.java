package io.hermesbus.api;

/**
 * The thread waiting for the next event was interrupted. The thread's interrupt status is set again before
 * this is thrown, so that the code above can see it. No event was consumed by the interrupted wait: iterating
 * again continues from the same position.
 */
public class ConsumerInterruptedException extends HermesBusException {
    private static final long serialVersionUID = 1L;

    /**
     * Reports an interrupted wait; the caller sets the thread's interrupt status again before throwing it.
     *
     * @param message what the consumer was waiting for, and where
     * @param cause the interrupt that ended the wait
     */
    public ConsumerInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
