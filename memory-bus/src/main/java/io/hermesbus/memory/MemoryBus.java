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
 * {@link #offsetKind()} (see the README). Numbers are never reused, even after retention deletes events.
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

    /** The bus called {@code name}, or empty if no plugin has opened it yet (or it was dropped). */
    public static Optional<MemoryBus> named(String name) {
        return Optional.ofNullable(BUSES.get(name));
    }

    /**
     * Forgets the bus called {@code name}, with its events; does nothing if there is none. The next plugin that
     * opens that name gets a new, empty bus. Plugins open on the old bus keep using it, detached. Meant for tests.
     */
    public static void drop(String name) {
        BUSES.remove(name);
    }

    /**
     * The bus named in {@code wanted}, created on first use.
     *
     * @throws InvalidSettingsException if the bus exists with another {@code offset_kind} or {@code max_events}
     */
    static MemoryBus openShared(MemoryBusSettings wanted) {
        MemoryBus bus = BUSES.computeIfAbsent(wanted.name(), name -> new MemoryBus(wanted));
        bus.requireSameShape(wanted);
        return bus;
    }

    private void requireSameShape(MemoryBusSettings wanted) {
        if (wanted.offsetKind() != settings.offsetKind()) {
            throw new InvalidSettingsException(MemoryBusSettings.OFFSET_KIND, "is " + wanted.offsetKind()
                    + ", but memory bus '" + name() + "' already exists with offset_kind " + settings.offsetKind()
                    + "; give offset_kind " + settings.offsetKind() + " or use another bus name");
        }
        if (!wanted.maxEvents().equals(settings.maxEvents())) {
            throw new InvalidSettingsException(MemoryBusSettings.MAX_EVENTS, "is " + wanted.describeMaxEvents()
                    + ", but memory bus '" + name() + "' already exists with max_events " + settings.describeMaxEvents()
                    + "; give the same max_events or use another bus name");
        }
    }

    /** The bus's name, as given in the {@code name} setting. */
    public String name() {
        return settings.name();
    }

    /** The kind of offset this bus gives, fixed when it was created. */
    public OffsetKind offsetKind() {
        return settings.offsetKind();
    }

    /** How many of the newest events the bus keeps after each publish; empty when it keeps all of them. */
    public OptionalInt maxEvents() {
        return settings.maxEvents();
    }

    /** How many events the bus retains now: 0 on an empty bus. */
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

    /** Appends {@code event} with the next offset and the current time, applies max_events, wakes waiting readers. */
    Event publish(Event event) {
        lock.lock();
        try {
            Event stamped = event.at(offsetOf(events.next()), Instant.now());
            events.append(stamped);
            settings.maxEvents().ifPresent(events::retainNewest);
            published.signalAll();
            return stamped;
        } finally {
            lock.unlock();
        }
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

    Offset offsetOf(long number) {
        return OffsetNumbering.offsetOf(settings.offsetKind(), number);
    }

    /**
     * The number of the first event whose offset is {@code >= offset}.
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
            boolean atEnd = offset.kind() == OffsetKind.INT && offset.equals(offsetOf(next));
            if (atEnd) {
                return next;
            }
            if (events.isEmpty()) {
                throw seekOutOfRange(offset, "the bus retains no events");
            }
            if (offset.isBefore(offsetOf(oldest))) {
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
        Offset end = offsetOf(events.next());
        boolean intKind = settings.offsetKind() == OffsetKind.INT;
        if (events.isEmpty()) {
            return intKind
                    ? "the only accepted offset is " + end + ", that of the next event published"
                    : "no offset is accepted until an event is published; seekToBeginning() waits for the next one";
        }
        String range = "accepted offsets are " + offsetOf(events.oldest()) + " to " + offsetOf(events.next() - 1);
        return intKind ? range + ", or " + end + " to wait for the next event published" : range;
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
                    ? "no event is retained; the next one published will have offset " + offsetOf(events.next())
                    : "the oldest retained offset is " + offsetOf(events.oldest());
            throw new OffsetOutOfRangeException("memory bus '" + name() + "': the event at offset " + offsetOf(number)
                    + " (the consumer's position) was deleted by retention before it was read; " + oldest
                    + ". Call seekToBeginning() to go on from the oldest retained event, knowing events were lost");
        }
    }

    @Override
    public String toString() {
        return "MemoryBus{name=" + name() + ", offsetKind=" + offsetKind() + ", maxEvents="
                + settings.describeMaxEvents() + ", size=" + size() + "}";
    }
}
