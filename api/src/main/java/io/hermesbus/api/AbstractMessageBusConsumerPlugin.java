package io.hermesbus.api;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A message bus consumer plugin: how a Hermes client reads events from a bus. The Java form of Hermes'
 * {@code AbstractMessageBusConsumerPlugin}, with the same method names.
 *
 * <p>A client uses one instance in a loop: {@code open()}, {@code seek(next)} (or {@code seekToBeginning()}),
 * {@code setTimeout(ms)}, iterate until the timeout, {@code close()}, and again. The rules below are those of
 * the conformance kit ({@code tck/SPEC.md}); the numbers in brackets name them.
 *
 * <ul>
 *   <li>Lifecycle [1.x]: the constructor only keeps the settings (no I/O). {@code open()} and {@code close()} may
 *       alternate any number of times on one instance; {@code close()} on a closed consumer does nothing. Any
 *       other method, other than {@code setTimeout}, throws {@link NotOpenException} while the consumer is closed.
 *   <li>Position [2.x, 3.x]: a consumer has a position, the next event it will yield. Consumers never share it.
 *   <li>Waiting [4.x]: when the consumer is caught up, iteration waits up to the timeout for a new event.
 * </ul>
 *
 * <p>An instance is used by one thread at a time; different instances may be used from different threads.
 */
public abstract class AbstractMessageBusConsumerPlugin implements Iterable<Event>, AutoCloseable {
    private final Settings settings;
    private Integer timeoutMs;

    /** Keeps an unmodifiable copy of {@code settings}; does no I/O. */
    protected AbstractMessageBusConsumerPlugin(Map<String, ?> settings) {
        this.settings = Settings.of(settings);
    }

    /** The settings this plugin was made with (unmodifiable). */
    public final Settings settings() {
        return settings;
    }

    /**
     * Connects to the bus, with the settings given at construction. The position after {@code open()} is the
     * oldest retained event unless the plugin documents otherwise; clients seek after opening.
     *
     * @throws HermesBusException if the bus cannot be reached or the settings are invalid
     */
    public abstract void open();

    /** Disconnects. Idempotent: closing a closed (or never opened) consumer does nothing. */
    @Override
    public abstract void close();

    /**
     * Moves to the oldest retained event. On an empty bus, the next event yielded is the first one published
     * afterwards.
     */
    public abstract void seekToBeginning();

    /**
     * Moves to the first event whose offset is {@code >= offset}.
     *
     * <p>Accepted offsets: from the oldest retained offset to the newest one, and, for {@code int} offsets, the
     * newest plus one (the end, where the consumer waits for the next event published).
     *
     * @throws OffsetOutOfRangeException if {@code offset} is below the oldest retained offset or beyond the end;
     *     the position is then unchanged
     * @throws WrongOffsetKindException if {@code offset} is not of this bus's kind
     */
    public abstract void seek(Offset offset);

    /**
     * Moves to the first event whose offset is {@code > offset}: how a client resumes after the last event it
     * processed, for any kind of offset. For {@code int} offsets this is {@code seek(offset + 1)}, which also
     * accepts the offset just below the oldest retained one (nothing was missed). For the other kinds,
     * {@code offset} must lie between the oldest and the newest retained offsets.
     *
     * <p>The default implementation seeks to {@code offset} and, when the next event has exactly that offset,
     * steps over it. Plugins may override it with something cheaper that keeps the same meaning.
     *
     * @throws OffsetOutOfRangeException as {@link #seek}; the position is then unchanged
     */
    public void seekAfter(Offset offset) {
        if (offset instanceof Offset.IntOffset i) {
            if (i.value() == Long.MAX_VALUE) {
                throw new OffsetOutOfRangeException("cannot seek after " + offset + ": no int offset follows it");
            }
            seek(Offset.of(i.value() + 1));
            return;
        }
        seek(offset);
        Integer kept = timeoutMs;
        timeoutMs = 0;
        try {
            Iterator<Event> next = iterator();
            if (next.hasNext()) {
                Offset found = next.next().offset();
                if (!offset.equals(found)) {
                    seek(found);
                }
            }
        } finally {
            timeoutMs = kept;
        }
    }

    /**
     * Sets how long iteration waits for a new event once caught up, in milliseconds, before it ends. The wait
     * starts again after each event. {@code 0} does not wait; {@code null} waits until an event arrives. May be
     * called whether open or not. The default is {@code null}, as in Hermes.
     *
     * @throws IllegalArgumentException if {@code timeoutMs} is negative
     */
    public final void setTimeout(Integer timeoutMs) {
        if (timeoutMs != null && timeoutMs < 0) {
            throw new IllegalArgumentException("timeout must be >= 0 ms, or null to wait forever; got " + timeoutMs + " ms");
        }
        this.timeoutMs = timeoutMs;
    }

    /** The timeout set by {@link #setTimeout}: milliseconds, or null for no limit. */
    public final Integer timeoutMs() {
        return timeoutMs;
    }

    /**
     * Scans forward from the position for the first event of {@code category} and returns it, leaving the
     * position just after it. Events of other categories on the way are consumed. When none arrives within
     * the timeout (which, as in iteration, starts again after each event), returns empty having consumed what
     * it scanned.
     *
     * <p>The default implementation iterates. Plugins that can compare categories more cheaply than by decoding
     * each event should override it.
     */
    public Optional<Event> findNextEventOfCategory(String category) {
        for (Event event : this) {
            if (event.evcategory().equals(category)) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }

    /**
     * Iterates from the position, in bus order. Each event has its {@link Event#offset() offset} and
     * {@link Event#timestamp() timestamp} set, and offsets strictly increase.
     *
     * <p>{@code hasNext()} returns true at once when an event is available; otherwise it waits for one up to the
     * timeout and returns false when none came; once false, that iterator stays ended. {@code hasNext()} never
     * moves the position; {@code next()} does, to just after the event it returns. A new iterator continues from
     * the position. If the waiting thread is interrupted, {@code hasNext()} throws
     * {@link ConsumerInterruptedException} with the thread's interrupt status set, and the position is unchanged.
     *
     * @throws NotOpenException (from the iterator's methods) if the consumer is not open
     * @throws InvalidEventException (from {@code hasNext()} or {@code next()}) naming the offset of an event
     *     that cannot be decoded; the position stays at that event so nothing is skipped silently
     */
    @Override
    public abstract Iterator<Event> iterator();
}
