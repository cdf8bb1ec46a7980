package io.hermesbus.tck.random;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Deadline;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBusProvider;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.OffsetOutOfRangeException;
import io.hermesbus.tck.BusUnderTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A small correct bus for the engine's own tests (the memory bus depends on the kit, so it cannot be used here): a
 * list of events under one lock, offsets derived from the list index, retention by moving the oldest index. Each
 * {@link Flaw} but {@code NONE} breaks one rule on purpose.
 */
final class ListBackedBus implements MessageBusProvider {

    enum Flaw {
        NONE,
        /** seek(o) moves to the event after o. */
        SEEK_OFF_BY_ONE,
        /** findNextEventOfCategory returns the right event but leaves the position where it was. */
        FIND_DOES_NOT_MOVE,
        /** All consumers of the bus share one position. */
        SHARED_POSITION,
        /** The 5th publish is acknowledged but never stored. */
        LOSES_FIFTH_EVENT,
        /** A consumer left behind by retention still reads the deleted events. */
        READS_DELETED_EVENTS,
        /** hasNext() blocks until the test releases it, ignoring interrupts, as a stuck client library would. */
        HAS_NEXT_HANGS,
        /**
         * A read with timeout 0 that finds no event waits 300 ms before it ends, as a client that always polls for a
         * while would: wrong (rule 4.2) yet agreeing with the model, only slow.
         */
        SLOW_EMPTY_READS
    }

    /** How long a read of {@link Flaw#SLOW_EMPTY_READS} waits where it should end at once. */
    static final long SLOW_READ_MS = 300;

    private final Flaw flaw;
    private final OffsetKind kind;
    private final CountDownLatch release;
    /** Every event ever stored, with its offset and timestamp; retention only moves {@link #oldest}. */
    private final List<Event> events = new ArrayList<>();
    private int oldest;
    private int sends;
    private int sharedPosition;

    private ListBackedBus(Flaw flaw, OffsetKind kind, CountDownLatch release) {
        if (kind != OffsetKind.INT && kind != OffsetKind.STR) {
            throw new IllegalArgumentException("this test bus offers int and str offsets only");
        }
        this.flaw = flaw;
        this.kind = kind;
        this.release = release;
    }

    /** A fresh bus with {@code flaw}, int offsets and retention. */
    static BusUnderTest bus(Flaw flaw) {
        return bus(flaw, OffsetKind.INT, true, new CountDownLatch(0));
    }

    /** A fresh bus with {@code flaw}; a hanging {@code hasNext()} waits for {@code release}. */
    static BusUnderTest bus(Flaw flaw, OffsetKind kind, boolean retention, CountDownLatch release) {
        ListBackedBus events = new ListBackedBus(flaw, kind, release);
        BusUnderTest bus = new BusUnderTest(events, Map.of(), kind);
        return retention ? bus.withRetention(events::retainNewest) : bus;
    }

    @Override
    public String name() {
        return "list";
    }

    @Override
    public AbstractMessageBusProducerPlugin producer(Map<String, ?> settings) {
        return new Producer();
    }

    @Override
    public AbstractMessageBusConsumerPlugin consumer(Map<String, ?> settings) {
        return new Consumer();
    }

    private synchronized void retainNewest(int count) {
        oldest = Math.max(oldest, events.size() - count);
    }

    private Offset offsetOf(int index) {
        return kind == OffsetKind.INT ? Offset.of((long) index) : Offset.of(String.format("%08d", index));
    }

    /**
     * The index {@code seek(offset)} moves to, or OffsetOutOfRange: int offsets from the oldest retained to the end,
     * str offsets from the oldest retained to the newest.
     */
    private int indexForSeek(Offset offset) {
        offset.requireKind(kind);
        int newestAccepted = kind == OffsetKind.INT ? events.size() : events.size() - 1;
        if (oldest > newestAccepted || offset.isBefore(offsetOf(oldest))
                || offset.isAfter(offsetOf(newestAccepted))) {
            throw new OffsetOutOfRangeException("offset " + offset + " is outside the retained range");
        }
        int index = oldest;
        while (index < events.size() && events.get(index).offset().isBefore(offset)) {
            index++;
        }
        return index;
    }

    private final class Producer extends AbstractMessageBusProducerPlugin {
        Producer() {
            super(Map.of());
        }

        @Override
        protected void doSend(Event event) {
            synchronized (ListBackedBus.this) {
                sends++;
                if (flaw == Flaw.LOSES_FIFTH_EVENT && sends == 5) {
                    return;
                }
                events.add(event.at(offsetOf(events.size()), Instant.now()));
                ListBackedBus.this.notifyAll();
            }
        }
    }

    private final class Consumer extends AbstractMessageBusConsumerPlugin {
        private int position;

        Consumer() {
            super(Map.of());
        }

        private int position() {
            return flaw == Flaw.SHARED_POSITION ? sharedPosition : position;
        }

        private void moveTo(int index) {
            if (flaw == Flaw.SHARED_POSITION) {
                sharedPosition = index;
            } else {
                position = index;
            }
        }

        @Override
        protected OffsetKind offsetKind() {
            return kind;
        }

        @Override
        protected void doOpen() {
            doSeekToBeginning();
        }

        @Override
        protected void doSeekToBeginning() {
            synchronized (ListBackedBus.this) {
                moveTo(oldest);
            }
        }

        @Override
        protected void doSeek(Offset offset) {
            synchronized (ListBackedBus.this) {
                int index = indexForSeek(offset);
                moveTo(flaw == Flaw.SEEK_OFF_BY_ONE ? index + 1 : index);
            }
        }

        @Override
        public Optional<Event> findNextEventOfCategory(String category) {
            int before = position();
            Optional<Event> found = super.findNextEventOfCategory(category);
            if (flaw == Flaw.FIND_DOES_NOT_MOVE) {
                moveTo(before);
            }
            return found;
        }

        /** Waits, holding the bus's lock, until an event is at the position or the deadline passes. */
        @Override
        protected Offset awaitRecord(Deadline deadline) throws InterruptedException {
            if (flaw == Flaw.HAS_NEXT_HANGS) {
                awaitReleaseIgnoringInterrupts();
            }
            if (flaw == Flaw.SLOW_EMPTY_READS && deadline.passed() && nothingToRead()) {
                Thread.sleep(SLOW_READ_MS);
            }
            synchronized (ListBackedBus.this) {
                while (true) {
                    if (position() < oldest && flaw != Flaw.READS_DELETED_EVENTS) {
                        throw new OffsetOutOfRangeException("the next event, at offset " + offsetOf(position())
                                + ", was deleted by retention");
                    }
                    if (position() < events.size()) {
                        return offsetOf(position());
                    }
                    if (deadline.passed()) {
                        return null;
                    }
                    ListBackedBus.this.wait(deadline.isNever() ? 0 : deadline.remainingMs());
                }
            }
        }

        private boolean nothingToRead() {
            synchronized (ListBackedBus.this) {
                return position() >= events.size();
            }
        }

        @Override
        protected Event readRecord() {
            synchronized (ListBackedBus.this) {
                return events.get(position());
            }
        }

        @Override
        protected void advance() {
            synchronized (ListBackedBus.this) {
                moveTo(position() + 1);
            }
        }

        @Override
        protected String describePosition() {
            return "offset " + offsetOf(position()) + " of a list-backed bus";
        }

        private void awaitReleaseIgnoringInterrupts() {
            while (true) {
                try {
                    release.await();
                    return;
                } catch (InterruptedException ignored) {
                    // The flaw under test: a library that swallows interrupts.
                }
            }
        }
    }
}
