package io.hermesbus.api;

import java.util.Optional;

/**
 * An event could not be read or written as Hermes JSON: malformed JSON, a missing field or one of a type Java's
 * {@link Event} cannot hold, or a value Hermes cannot carry. The message names the path of the value in the event
 * ({@code objattrs.groups[2]}) and, for malformed JSON, the line and column. When the event came from a bus, {@link #offset()} tells where
 * it lies, so that the reader can seek past it deliberately; nothing is skipped silently.
 */
public class InvalidEventException extends HermesBusException {
    private static final long serialVersionUID = 1L;

    private final transient Offset offset;

    /**
     * An invalid event not located on a bus (yet).
     *
     * @param message what is wrong, naming the path of the value in the event
     */
    public InvalidEventException(String message) {
        this(message, null, null);
    }

    /**
     * An invalid event not located on a bus (yet), caused by another error.
     *
     * @param message what is wrong, naming the path of the value in the event
     * @param cause the underlying failure, such as a decoding error
     */
    public InvalidEventException(String message, Throwable cause) {
        this(message, null, cause);
    }

    private InvalidEventException(String message, Offset offset, Throwable cause) {
        super(message, cause);
        this.offset = offset;
    }

    /**
     * The same error, now naming the bus offset at which the bad event lies.
     *
     * @param where the offset of the bad event on its bus; not null
     * @return a new exception with the offset, the same cause and stack trace; this one is unchanged
     */
    public InvalidEventException at(Offset where) {
        InvalidEventException located = new InvalidEventException(
                "invalid event at offset " + where + ": " + getMessage(), where, getCause());
        located.setStackTrace(getStackTrace());
        return located;
    }

    /**
     * The offset of the bad event on its bus, when it was read from one.
     *
     * @return the offset; empty for an event not read from a bus
     */
    public Optional<Offset> offset() {
        return Optional.ofNullable(offset);
    }
}
