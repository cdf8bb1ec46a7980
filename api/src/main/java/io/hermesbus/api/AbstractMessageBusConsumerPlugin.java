package io.hermesbus.api;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
 * <h2>Writing a plugin</h2>
 * The public methods are the protocol, written here once and final: the open checks, iteration, the timeout,
 * interrupts, {@code seekAfter} for every kind of offset. A plugin implements only what is specific to its bus, a
 * cursor over its records:
 * <ul>
 *   <li>{@link #offsetKind()}; {@link #doOpen()} and {@link #doClose()}; {@link #doSeekToBeginning()} and
 *       {@link #doSeek(Offset)}, which move the position;
 *   <li>{@link #awaitRecord(Deadline)}, which waits for the record at the position and tells its offset without
 *       decoding it; {@link #readRecord()}, which decodes it; {@link #advance()}, which moves past it;
 *   <li>{@link #describePosition()}, for messages;
 *   <li>optionally {@link #skipOtherCategories(String)}, so that a category search steps over records without
 *       decoding them, and {@link #checkPosition()}, for a bus that reads ahead.
 * </ul>
 * The base class calls them only while the consumer is open, with arguments already checked (not null, of the
 * bus's kind), and keeps the event {@code hasNext()} decoded until the position moves; after any exception from a
 * plugin method it reads again from the plugin's position. An instance is used by one thread at a time; different
 * instances may be used from different threads.
 */
public abstract class AbstractMessageBusConsumerPlugin implements Iterable<Event>, AutoCloseable {
    private final Settings settings;
    private Integer timeoutMs;
    private boolean open;
    /** The event at the position, decoded by a {@code hasNext()}; null when not decoded yet or the position moved. */
    private Event decoded;

    /**
     * Keeps an unmodifiable copy of {@code settings}; does no I/O. Names that look secret are secret.
     *
     * @param settings the plugin's settings, as Hermes passes them; copied, so later changes to the map are not seen
     */
    protected AbstractMessageBusConsumerPlugin(Map<String, ?> settings) {
        this(settings, Set.of());
    }

    /**
     * Keeps an unmodifiable copy of {@code settings}, whose {@code secretSettings} (its provider's
     * {@link MessageBusProvider#secretSettings()}) are never shown; does no I/O.
     *
     * @param settings the plugin's settings, as Hermes passes them; copied, so later changes to the map are not seen
     * @param secretSettings names of settings whose values are masked wherever the settings are shown, in addition to
     *     names that look secret; empty for none
     */
    protected AbstractMessageBusConsumerPlugin(Map<String, ?> settings, Set<String> secretSettings) {
        this.settings = Settings.of(settings, secretSettings);
    }

    /**
     * The settings this plugin was made with (unmodifiable).
     *
     * @return the settings, never null; values of secret settings are masked in its {@code toString()}
     */
    public final Settings settings() {
        return settings;
    }

    // ---- Hermes' methods: the protocol

    /**
     * Connects to the bus, with the settings given at construction, and moves to the oldest retained event (on a bus
     * without events: to the first one published later), unless the plugin documents otherwise; clients seek after
     * opening. Opening an open consumer closes it first, so it starts over.
     *
     * @throws HermesBusException if the bus cannot be reached or the settings are invalid; the consumer stays closed
     */
    public final void open() {
        close();
        doOpen();
        open = true;
    }

    /** Disconnects. Idempotent: closing a closed (or never opened) consumer does nothing. Never throws. */
    @Override
    public final void close() {
        decoded = null;
        if (open) {
            open = false;
            doClose();
        }
    }

    /**
     * Moves to the oldest retained event. On an empty bus, the next event yielded is the first one published
     * afterwards. This is how a consumer recovers after retention deleted its position.
     *
     * @throws NotOpenException if not open
     */
    public final void seekToBeginning() {
        requireOpen("seekToBeginning");
        decoded = null;
        doSeekToBeginning();
    }

    /**
     * Moves to the first event whose offset is {@code >= offset}.
     *
     * <p>Accepted offsets: from the oldest retained offset to the newest one, and, for {@code int} offsets, the
     * newest plus one (the end, where the consumer waits for the next event published). An offset in the gap
     * between the newest deleted offset and the oldest retained one may land on the oldest retained event or be
     * refused, as the plugin documents (tck/SPEC.md, "Seek range").
     *
     * @param offset where the next event is read from, of this bus's {@link #offsetKind() kind}; not null
     * @throws NotOpenException if not open
     * @throws WrongOffsetKindException if {@code offset} is not of this bus's kind; the position is then unchanged
     * @throws OffsetOutOfRangeException if a seek to {@code offset} would skip a deleted event, or {@code offset} lies
     *     beyond the end; the position is then unchanged
     */
    public final void seek(Offset offset) {
        Objects.requireNonNull(offset, "offset");
        requireOpen("seek");
        offset.requireKind(offsetKind());
        decoded = null;
        doSeek(offset);
    }

    /**
     * Moves to the first event whose offset is {@code > offset}: how a client resumes after the last event it
     * processed, for any kind of offset. It accepts what {@code seek(offset.successor())} accepts, the least offset
     * above {@code offset} (for {@code int} offsets, {@code seek(offset + 1)}, Hermes' own way to resume): the end
     * after the newest offset, and, after retention, the newest deleted offset when the bus lets a seek into the
     * gap below the oldest retained event land on it (tck/SPEC.md, "Seek range").
     *
     * <p>For {@code float}, {@code str} and {@code bytes} offsets it seeks to {@code offset} itself and, when the record
     * there has exactly that offset, steps over it, so that the end after the newest offset is reached without an
     * offset to name it. That record is never decoded, so {@code seekAfter} is how a client steps over an event that
     * cannot be read; it is waited for without limit (a seek that succeeded means it is on the bus), so a bus with a
     * delivery delay steps over it however late it arrives. When {@code seek(offset)} is refused, {@code offset} may
     * have been deleted with nothing missed after it: the successor is tried before the refusal is reported.
     *
     * @param offset the offset of the last event processed, of this bus's {@link #offsetKind() kind}; it need not be
     *     retained any more; not null
     * @throws NotOpenException if not open
     * @throws WrongOffsetKindException if {@code offset} is not of this bus's kind; the position is then unchanged
     * @throws OffsetOutOfRangeException as {@link #seek}; the position is then unchanged
     * @throws ConsumerInterruptedException if the thread is interrupted while waiting for the record at
     *     {@code offset}; the position is then at that record
     */
    public final void seekAfter(Offset offset) {
        Objects.requireNonNull(offset, "offset");
        requireOpen("seekAfter");
        offset.requireKind(offsetKind());
        decoded = null;
        if (offset.kind() == OffsetKind.INT) {
            doSeek(offset.successor().orElseThrow(
                    () -> new OffsetOutOfRangeException("cannot seek after " + offset + ": no int offset follows it")));
            return;
        }
        try {
            doSeek(offset);
        } catch (OffsetOutOfRangeException refused) {
            Offset above = offset.successor().orElseThrow(() -> refused);
            try {
                doSeek(above);
            } catch (OffsetOutOfRangeException alsoRefused) {
                throw refused; // it names the offset the caller gave
            }
            return;
        }
        if (offset.equals(awaitRecordAtPosition(Deadline.never()))) {
            advance();
        }
    }

    /**
     * Sets how long iteration waits for a new event once caught up, in milliseconds, before it ends. The wait
     * starts again after each event. {@code 0} does not wait; {@code null} waits until an event arrives. May be
     * called whether open or not. The default is {@code null}, as in Hermes.
     *
     * @param timeoutMs the wait in milliseconds, {@code >= 0}; {@code null} to wait until an event arrives
     * @throws IllegalArgumentException if {@code timeoutMs} is negative
     */
    public final void setTimeout(Integer timeoutMs) {
        if (timeoutMs != null && timeoutMs < 0) {
            throw new IllegalArgumentException("timeout must be >= 0 ms, or null to wait forever; got " + timeoutMs + " ms");
        }
        this.timeoutMs = timeoutMs;
    }

    /**
     * The timeout set by {@link #setTimeout}: milliseconds, or null for no limit.
     *
     * @return milliseconds, or null when iteration waits without limit (the default)
     */
    public final Integer timeoutMs() {
        return timeoutMs;
    }

    /**
     * Scans forward from the position for the first event of {@code category} and returns it, leaving the
     * position just after it. Events of other categories on the way are consumed. When none arrives within
     * the timeout (which, as in iteration, starts again after each event scanned), returns empty having consumed
     * what it scanned. Categories match exactly.
     *
     * <p>Records that {@link #skipOtherCategories} steps over are never decoded; every other record on the way is,
     * so one that cannot be is an {@link InvalidEventException} at its offset, with the position at it.
     *
     * <p>Not final, so that a plugin that wraps a search of its own (another language's plugin, for instance) can
     * call it; such an override keeps exactly this meaning. A plugin that only compares categories more cheaply
     * overrides {@link #skipOtherCategories} instead.
     *
     * @param category the category to find, compared exactly ({@code equals}); not null
     * @return the event found, with its offset and timestamp; empty when none came within the timeout
     * @throws NotOpenException if not open
     * @throws InvalidEventException naming the offset of a record on the way that cannot be decoded
     * @throws OffsetOutOfRangeException if retention deleted the position
     * @throws ConsumerInterruptedException if the thread is interrupted while waiting; its interrupt status is set
     *     and the position stays after what was scanned
     */
    public Optional<Event> findNextEventOfCategory(String category) {
        Objects.requireNonNull(category, "category");
        requireOpen("findNextEventOfCategory");
        checkPosition();
        Offset at;
        while ((at = awaitRecordAtPosition(Deadline.after(timeoutMs))) != null) {
            if (skippedOtherCategories(category)) {
                decoded = null; // the scan moved: wait for the record at the new position, afresh
                continue;
            }
            Event event = decode(at);
            step();
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
     * timeout, afresh on every call, and returns false when none came; once false, that iterator stays ended and
     * its {@code next()} throws {@link NoSuchElementException}. {@code hasNext()} decodes the event but never moves
     * the position; {@code next()} does, to just after the event it returns. A new iterator continues from the
     * position. If the waiting thread is interrupted, {@code hasNext()} throws {@link ConsumerInterruptedException}
     * with the thread's interrupt status set, and the position is unchanged.
     *
     * @throws NotOpenException if not open, and from the iterator's methods whenever the consumer is not open (also
     *     for an iterator taken before {@code close()})
     * @throws InvalidEventException (from {@code hasNext()} or {@code next()}) naming the offset of an event that
     *     cannot be decoded; the position stays at that event so nothing is skipped silently ({@code seekAfter}
     *     steps over it)
     * @throws OffsetOutOfRangeException (from {@code hasNext()} or {@code next()}) if retention deleted the
     *     position; {@code seekToBeginning()} recovers
     */
    @Override
    public final Iterator<Event> iterator() {
        requireOpen("iterator");
        return new EventIterator();
    }

    // ---- the plugin's part: what is specific to the bus

    /**
     * The kind of offset this bus gives; {@code seek} and {@code seekAfter} refuse offsets of another kind.
     *
     * @return never null; the same for every call on one instance
     */
    protected abstract OffsetKind offsetKind();

    /**
     * Connects and moves to the oldest retained event (on a bus without events: to where the next event published
     * will be). Called only while closed. On failure, releases what it acquired and throws.
     */
    protected abstract void doOpen();

    /**
     * Disconnects and releases what {@link #doOpen} acquired. Called only while open; must not throw (Hermes closes in
     * finally). The default does nothing, for a consumer that holds nothing open.
     */
    protected void doClose() {
    }

    /** Moves to the oldest retained event; on a bus without events, to where the next event published will be. */
    protected abstract void doSeekToBeginning();

    /**
     * Moves to the first record whose offset is {@code >= offset}, an offset of this bus's kind.
     *
     * @param offset where the next record is read from; not null and of this bus's kind (the base class checked)
     * @throws OffsetOutOfRangeException naming {@code offset} and the accepted range, if it lies outside that range
     *     (see {@link #seek}); the position must then be unchanged
     */
    protected abstract void doSeek(Offset offset);

    /**
     * Waits until the record at the position is there, at most until {@code deadline}, and returns its offset
     * without decoding it. Looks at least once, even when the deadline has passed; returns at once, without
     * looking at the interrupt status, when the record is already known to be there. Never moves the position.
     *
     * @param deadline when to stop waiting; may have passed already, and is {@link Deadline#never()} for no limit
     * @return the record's offset, or null if none came by the deadline
     * @throws InterruptedException if the thread is interrupted while waiting; the base class reports it as a
     *     {@link ConsumerInterruptedException} (the plugin may also throw that itself)
     * @throws OffsetOutOfRangeException if retention deleted the position
     */
    protected abstract Offset awaitRecord(Deadline deadline) throws InterruptedException;

    /**
     * Decodes the record at the position, which {@link #awaitRecord} has just found, into an event with its
     * {@linkplain Event#at offset and timestamp}. Never moves the position.
     *
     * @return the event, with {@link Event#offset()} and {@link Event#timestamp()} set to the record's; never null
     * @throws InvalidEventException if the record is not a Hermes event (the base class adds the record's offset
     *     when the exception has none)
     */
    protected abstract Event readRecord();

    /**
     * Moves past the record at the position, which {@link #awaitRecord} has found.
     *
     * @throws OffsetOutOfRangeException if the bus learns here that retention deleted the record since it was found
     *     (the position then stays), so that the event is not yielded; a bus need not look
     */
    protected abstract void advance();

    /**
     * Where the consumer is, for messages: the offset of the position, or what stands for it, and the bus, as in
     * {@code "offset 12 on file bus /var/lib/bus"}. Must not throw.
     *
     * @return a short, non-null description; never contains a secret setting
     */
    protected abstract String describePosition();

    /**
     * For category searches: steps over records from the position on that the bus can tell, without decoding them,
     * are not of {@code category} (a Kafka key, a category stored beside the JSON, an index), as far as it can
     * without waiting. Called with the record at the position found by {@link #awaitRecord}. A record it stops at
     * is decoded and compared by the search. The default steps over nothing.
     *
     * @param category the category the search looks for, not null
     * @return whether the position moved
     * @throws InvalidEventException if the record it stops at claims the category but is not a Hermes event of it
     * @throws InterruptedException if the thread is interrupted during a read
     */
    protected boolean skipOtherCategories(String category) throws InterruptedException {
        return false;
    }

    /**
     * Called before the first read of each iterator and of each category search. A bus that reads records ahead
     * of the position checks here that retention did not delete the position since, so that records it fetched
     * earlier do not hide the deletion. The default does nothing.
     *
     * @throws OffsetOutOfRangeException if retention deleted the position
     */
    protected void checkPosition() {
    }

    // ---- the protocol's own steps

    private void requireOpen(String operation) {
        if (!open) {
            throw NotOpenException.of(this, operation);
        }
    }

    /** {@link #awaitRecord}, with an interrupt reported as the plugin's error. */
    private Offset awaitRecordAtPosition(Deadline deadline) {
        try {
            return awaitRecord(deadline);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** {@link #skipOtherCategories}, with an interrupt reported as the plugin's error. */
    private boolean skippedOtherCategories(String category) {
        try {
            return skipOtherCategories(category);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private ConsumerInterruptedException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ConsumerInterruptedException("interrupted while waiting for the event at " + describePosition()
                + "; the position is unchanged", e);
    }

    /** The event of the record at the position, whose offset is {@code at}: decoded once until the position moves. */
    private Event decode(Offset at) {
        if (decoded == null) {
            try {
                decoded = readRecord();
            } catch (InvalidEventException e) {
                throw e.offset().isPresent() ? e : e.at(at);
            }
        }
        return decoded;
    }

    /** Moves past the record at the position. */
    private void step() {
        decoded = null;
        advance();
    }

    private final class EventIterator implements Iterator<Event> {
        private boolean started;
        private boolean ended;

        @Override
        public boolean hasNext() {
            requireOpen("hasNext");
            if (ended) {
                return false;
            }
            if (!started) {
                checkPosition();
                started = true;
            }
            if (decoded != null) {
                return true;
            }
            Offset at = awaitRecordAtPosition(Deadline.after(timeoutMs));
            if (at == null) {
                ended = true;
                return false;
            }
            decode(at);
            return true;
        }

        @Override
        public Event next() {
            requireOpen("next");
            if (!hasNext()) {
                throw new NoSuchElementException("no event arrived at " + describePosition() + " within the timeout of "
                        + timeoutMs + " ms");
            }
            Event event = decoded;
            step();
            return event;
        }
    }
}
