package io.hermesbus.memory;

import io.hermesbus.api.Deadline;
import io.hermesbus.api.Event;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.OffsetOutOfRangeException;
import io.hermesbus.api.WrongOffsetKindException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An embedded bus, held in memory and shared by name within one JVM. A bus comes into being when the first
 * {@link MemoryBusProducer} or {@link MemoryBusConsumer} naming it is opened, and lives until {@link #drop}.
 *
 * <p>Events are numbered 0, 1, 2, ... in publish order; the number maps to an offset of the bus's
 * {@link #offsetKind()}, from its first offset in steps (see the README). Numbers are never reused, even after
 * retention deletes events.
 *
 * <p>Thread-safe: any number of producers and consumers may use one bus from any threads.
 */
public final class MemoryBus {
    private static final ConcurrentMap<String, MemoryBus> BUSES = new ConcurrentHashMap<>();

    private final MemoryBusSettings settings;
    /**
     * Guards every change to {@link #events} and every wait. Consumers read events that are there without it
     * (see {@link RetainedEvents}), and take it only to wait, or to report a deletion.
     */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();
    private final RetainedEvents events = new RetainedEvents();

    private MemoryBus(MemoryBusSettings settings) {
        this.settings = settings;
    }

    /**
     * The bus called {@code name}, or empty if no plugin has opened it yet (or it was dropped).
     *
     * @param name the bus's name, as in the {@code name} setting
     * @return the live bus, which every plugin open on that name shares; or empty
     */
    public static Optional<MemoryBus> named(String name) {
        return Optional.ofNullable(BUSES.get(name));
    }

    /**
     * Forgets the bus called {@code name}, with its events; does nothing if there is none. The next plugin that
     * opens that name gets a new, empty bus. Plugins open on the old bus keep using it, detached. Meant for tests.
     *
     * @param name the bus's name, as in the {@code name} setting
     */
    public static void drop(String name) {
        BUSES.remove(name);
    }

    /**
     * The bus named in {@code wanted}, created on first use.
     *
     * @throws InvalidSettingsException if the bus exists with another {@code offset_kind}, {@code first_offset},
     *     {@code offset_step} or {@code max_events}
     */
    static MemoryBus openShared(MemoryBusSettings wanted) {
        MemoryBus bus = BUSES.computeIfAbsent(wanted.name(), name -> new MemoryBus(wanted));
        bus.requireSameShape(wanted);
        return bus;
    }

    private void requireSameShape(MemoryBusSettings wanted) {
        // the kind first: first offsets and steps of different kinds differ anyway, and would hide the cause
        requireSame(MemoryBusSettings.OFFSET_KIND, wanted.offsetKind(), settings.offsetKind());
        requireSame(MemoryBusSettings.FIRST_OFFSET, wanted.numbering().firstOffset(), settings.numbering().firstOffset());
        requireSame(MemoryBusSettings.OFFSET_STEP, wanted.numbering().offsetStep(), settings.numbering().offsetStep());
        requireSame(MemoryBusSettings.MAX_EVENTS, wanted.describeMaxEvents(), settings.describeMaxEvents());
    }

    private void requireSame(String setting, Object wanted, Object existing) {
        if (!wanted.equals(existing)) {
            throw new InvalidSettingsException(setting, "is " + wanted + ", but memory bus '" + name()
                    + "' already exists with " + setting + " " + existing + "; give the same " + setting
                    + " or use another bus name");
        }
    }

    /**
     * The bus's name, as given in the {@code name} setting.
     *
     * @return the name, never blank
     */
    public String name() {
        return settings.name();
    }

    /**
     * The kind of offset this bus gives, fixed when it was created.
     *
     * @return the kind, never null
     */
    public OffsetKind offsetKind() {
        return settings.offsetKind();
    }

    /**
     * How many of the newest events the bus keeps after each publish; empty when it keeps all of them.
     *
     * @return the count, at least 1; empty when unlimited
     */
    public OptionalInt maxEvents() {
        return settings.maxEvents();
    }

    /**
     * How many events the bus retains now: 0 on an empty bus.
     *
     * @return the count, {@code >= 0}; events deleted by retention do not count
     */
    public int size() {
        lock.lock();
        try {
            return events.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Deletes all but the newest {@code count} events, as Kafka's {@code deleteRecords} does. Does nothing when
     * the bus holds {@code count} events or fewer; {@code 0} empties it. Offsets are not reused: the next event
     * published gets the offset it would have had anyway. Consumers whose position was deleted get an
     * {@link OffsetOutOfRangeException} when they next read.
     *
     * @param count how many of the newest events to keep, {@code >= 0}
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public void retainNewest(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        lock.lock();
        try {
            events.retainNewest(count);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends {@code event} with the next offset and the current time, applies max_events, wakes waiting readers.
     *
     * @throws IllegalStateException if the bus's offsets are used up; the event is not published
     */
    Event publish(Event event) {
        lock.lock();
        try {
            long number = events.next();
            if (!settings.numbering().hasOffset(number)) {
                throw offsetsUsedUp(number);
            }
            Event stamped = event.at(offsetOf(number), Instant.now());
            events.append(stamped);
            settings.maxEvents().ifPresent(events::retainNewest);
            published.signalAll();
            return stamped;
        } finally {
            lock.unlock();
        }
    }

    private IllegalStateException offsetsUsedUp(long number) {
        OffsetNumbering numbering = settings.numbering();
        return new IllegalStateException("memory bus '" + name() + "' has no offset left for its event number "
                + number + " (first_offset " + numbering.firstOffset() + " + " + number + " * offset_step "
                + numbering.offsetStep() + "): " + numbering.limit() + ". The event was not published; a bus with a"
                + " smaller first_offset or offset_step has room for more events");
    }

    /** The number of the oldest retained event, or of the next one published when none is retained. */
    long oldestNumber() {
        lock.lock();
        try {
            return events.oldest();
        } finally {
            lock.unlock();
        }
    }

    /** The offset of event {@code number}, which has been published (or is 0: the first offset is always there). */
    Offset offsetOf(long number) {
        return settings.numbering().offsetOf(number);
    }

    /** The offset of event {@code number}, published or the next, for messages: "none" when offsets are used up. */
    String describeOffsetOf(long number) {
        return settings.numbering().hasOffset(number) ? offsetOf(number).toString() : "none (offsets are used up)";
    }

    /**
     * The number of the first event whose offset is {@code >= offset}. Accepted: the retained offsets, and below the
     * oldest one those above the newest deleted offset (no event was deleted at or after them); for {@code int}, also
     * the {@linkplain #intEnd end}.
     *
     * @throws WrongOffsetKindException if {@code offset} is not of this bus's kind
     * @throws OffsetOutOfRangeException naming {@code offset} and the accepted range, if it is outside that range
     */
    long numberToSeek(Offset offset) {
        offset.requireKind(settings.offsetKind());
        lock.lock();
        try {
            long oldest = events.oldest();
            long next = events.next();
            if (intEnd().filter(offset::equals).isPresent()) {
                return next;
            }
            if (events.isEmpty()) {
                throw seekOutOfRange(offset, "the bus retains no events");
            }
            // an offset at or below the newest deleted one asks for deleted events; one between it and the oldest
            // retained one asks for none that were deleted, so it lands on the oldest (the kit's rule 3.11)
            boolean deletedAny = oldest > 0;
            if (deletedAny && !offset.isAfter(offsetOf(oldest - 1))) {
                throw seekOutOfRange(offset, "it is below the oldest retained offset " + offsetOf(oldest)
                        + ", and not above the newest deleted offset " + offsetOf(oldest - 1));
            }
            if (!deletedAny && offset.isBefore(offsetOf(oldest))) {
                throw seekOutOfRange(offset, "it is below the oldest retained offset " + offsetOf(oldest));
            }
            if (offset.isAfter(offsetOf(next - 1))) {
                throw seekOutOfRange(offset, "it is beyond the newest retained offset " + offsetOf(next - 1));
            }
            return firstNumberAtOrAfter(offset, oldest, next - 1);
        } finally {
            lock.unlock();
        }
    }

    /**
     * For {@code int} offsets, the end, where a seek waits for the next event published: one above the newest offset
     * published, or the first offset before any event is; empty for the other kinds, and once the newest offset is
     * the greatest long.
     */
    private Optional<Offset> intEnd() {
        if (settings.offsetKind() != OffsetKind.INT) {
            return Optional.empty();
        }
        long next = events.next();
        if (next == 0) {
            return Optional.of(offsetOf(0));
        }
        long newest = ((Offset.IntOffset) offsetOf(next - 1)).value();
        return newest == Long.MAX_VALUE ? Optional.empty() : Optional.of(Offset.of(newest + 1));
    }

    /** Binary search, valid because offsets increase with numbers; {@code offset <= offsetOf(high)}. */
    private long firstNumberAtOrAfter(Offset offset, long low, long high) {
        while (low < high) {
            long middle = low + (high - low) / 2;
            if (offsetOf(middle).isBefore(offset)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private OffsetOutOfRangeException seekOutOfRange(Offset offset, String why) {
        return new OffsetOutOfRangeException("cannot seek to offset " + offset + " on memory bus '" + name()
                + "': " + why + "; " + acceptedRange());
    }

    private String acceptedRange() {
        Optional<Offset> end = intEnd();
        if (events.isEmpty()) {
            return end.map(offset -> "the only accepted offset is " + offset + ", to wait for the next event published")
                    .orElse("no offset is accepted until an event is published; seekToBeginning() waits for the next one");
        }
        Offset oldest = offsetOf(events.oldest());
        String range = "accepted offsets are " + oldest + " to " + offsetOf(events.next() - 1)
                + end.map(offset -> ", or " + offset + " to wait for the next event published").orElse("");
        return events.oldest() == 0 ? range : range + "; an offset above the newest deleted offset "
                + offsetOf(events.oldest() - 1) + " and below " + oldest + " goes to the event at " + oldest;
    }

    /**
     * Waits until event {@code number} is published, at most until {@code deadline}. Returns at once, without looking
     * at the interrupt status, when the event is there.
     *
     * @return whether the event is there
     * @throws OffsetOutOfRangeException if retention deleted event {@code number}, before or during the wait
     * @throws InterruptedException if the thread is interrupted before or during the wait
     */
    boolean awaitEvent(long number, Deadline deadline) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                requireRetained(number);
                if (number < events.next()) {
                    return true;
                }
                if (deadline.passed()) {
                    return false;
                }
                // a publish wakes every waiter, so loop: another publish may already have deleted our event
                if (deadline.isNever()) {
                    published.await();
                } else {
                    published.awaitNanos(deadline.remainingNanos());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The events, for a {@link RetainedEvents.Reader}, which reads them without the lock. */
    RetainedEvents events() {
        return events;
    }

    /**
     * The event numbered {@code number}, which has been published.
     *
     * @throws OffsetOutOfRangeException if retention deleted it
     */
    Event eventAt(long number) {
        lock.lock();
        try {
            requireRetained(number);
            return events.get(number);
        } finally {
            lock.unlock();
        }
    }

    private void requireRetained(long number) {
        if (number < events.oldest()) {
            String oldest = events.isEmpty()
                    ? "no event is retained; the next one published will have offset " + describeOffsetOf(events.next())
                    : "the oldest retained offset is " + offsetOf(events.oldest());
            throw new OffsetOutOfRangeException("memory bus '" + name() + "': the event at offset " + offsetOf(number)
                    + " (the consumer's position) was deleted by retention before it was read; " + oldest
                    + ". Call seekToBeginning() to go on from the oldest retained event, knowing events were lost");
        }
    }

    @Override
    public String toString() {
        return "MemoryBus{name=" + name() + ", offsetKind=" + offsetKind() + ", firstOffset="
                + settings.numbering().firstOffset() + ", offsetStep=" + settings.numbering().offsetStep() + ", maxEvents="
                + settings.describeMaxEvents() + ", size=" + size() + "}";
    }
}
