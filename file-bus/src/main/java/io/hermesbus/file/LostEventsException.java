package io.hermesbus.file;

import java.io.IOException;

/**
 * Events that {@code send} had acknowledged ({@code write_behind}) were lost because writing them failed, or a force
 * of acknowledged events failed. Thrown once, by the producer's next send, flush or close; the producer maps it to a
 * {@link io.hermesbus.api.FailedToSendEventException}.
 */
final class LostEventsException extends IOException {
    private static final long serialVersionUID = 1L;

    /** How many acknowledged events are not in the log; 0 when they are but may not be durable. */
    private final long lost;

    LostEventsException(String message, long lost, Throwable cause) {
        super(message, cause);
        this.lost = lost;
    }

    long lost() {
        return lost;
    }
}
