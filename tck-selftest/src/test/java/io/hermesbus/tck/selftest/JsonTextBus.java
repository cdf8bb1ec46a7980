package io.hermesbus.tck.selftest;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Deadline;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBusProvider;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.OffsetOutOfRangeException;
import io.hermesbus.tck.BusUnderTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A correct bus unlike ours, as an outsider writes one from the docs, keeping only the plugin methods: events stored
 * as JSON text (so malformed text can sit on it), offsets as other buses choose them ({@link OutsiderOffsets}),
 * retention of the oldest, and, optionally, a fetch delay: after each open or seek a consumer sees records only once
 * its first fetch comes back, as a Kafka consumer does, so a look that does not wait finds nothing yet. A seek into
 * the gap below the oldest retained event lands on it, or, for a bus that keeps no record of what it deleted, is
 * refused: both are correct (tck/SPEC.md, "Seek range").
 */
final class JsonTextBus implements MessageBusProvider {
    private record Stored(String json, Instant publishedAt) {
    }

    private final OutsiderOffsets offsets;
    private final boolean landsInGap;
    private final Duration fetchDelay;
    /** Every record ever published, guarded by this bus; retention only moves {@link #oldest}. */
    private final List<Stored> stored = new ArrayList<>();
    private int oldest;

    private JsonTextBus(OutsiderOffsets offsets, boolean landsInGap, Duration fetchDelay) {
        this.offsets = offsets;
        this.landsInGap = landsInGap;
        this.fetchDelay = fetchDelay;
    }

    /** A fresh bus whose seeks into the gap land on the oldest retained event. */
    static BusUnderTest bus(OutsiderOffsets offsets) {
        return bus(offsets, true, Duration.ZERO);
    }

    /**
     * A fresh bus; with {@code landsInGap} false its seeks into the gap are refused. Its declared delivery delay is
     * twice its fetch delay.
     */
    static BusUnderTest bus(OutsiderOffsets offsets, boolean landsInGap, Duration fetchDelay) {
        JsonTextBus bus = new JsonTextBus(offsets, landsInGap, fetchDelay);
        return new BusUnderTest(bus, Map.of(), offsets.kind)
                .withRetention(bus::retainNewest)
                .withRawPublishing((category, text) -> bus.append(text))
                .withDeliveryDelay(fetchDelay.multipliedBy(2));
    }

    @Override
    public String name() {
        return "json-text";
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
        oldest = Math.max(oldest, stored.size() - count);
    }

    private synchronized void append(String json) {
        stored.add(new Stored(json, Instant.now()));
        notifyAll();
    }

    private Offset offsetOf(int number) {
        return offsets.offsetOf(number);
    }

    /**
     * The number a seek to {@code offset} moves to; the caller holds the lock.
     *
     * @throws OffsetOutOfRangeException beyond the end, at or below a deleted offset, or (unless the bus lands there)
     *     in the gap below the oldest retained event
     */
    private int numberToSeek(Offset offset) {
        if (stored.isEmpty()) {
            throw new OffsetOutOfRangeException("offset " + offset + ": nothing was ever published here");
        }
        Offset newest = offsetOf(stored.size() - 1);
        Offset end = offsets.kind == OffsetKind.INT ? newest.successor().orElseThrow() : newest;
        if (offset.isAfter(end)) {
            throw new OffsetOutOfRangeException("offset " + offset + " lies beyond the end, " + end);
        }
        if (oldest > 0 && !offset.isAfter(offsetOf(oldest - 1))) {
            throw new OffsetOutOfRangeException("offset " + offset + " is at or below deleted offset " + offsetOf(oldest - 1));
        }
        if (oldest < stored.size() && offset.isBefore(offsetOf(oldest))) {
            if (!landsInGap) {
                throw new OffsetOutOfRangeException("offset " + offset + " lies below the oldest retained " + offsetOf(oldest));
            }
            return oldest;
        }
        int number = oldest;
        while (number < stored.size() && offsetOf(number).isBefore(offset)) {
            number++;
        }
        return number;
    }

    private final class Producer extends AbstractMessageBusProducerPlugin {
        Producer() {
            super(Map.of());
        }

        @Override
        protected void doSend(Event event) {
            append(event.toJson());
        }
    }

    private final class Consumer extends AbstractMessageBusConsumerPlugin {
        private int position;
        /** When the fetch started by the last open or seek comes back. */
        private long fetchedAtNanos;

        Consumer() {
            super(Map.of());
        }

        private void moveTo(int number) {
            position = number;
            fetchedAtNanos = System.nanoTime() + fetchDelay.toNanos();
        }

        @Override
        protected OffsetKind offsetKind() {
            return offsets.kind;
        }

        @Override
        protected void doOpen() {
            doSeekToBeginning();
        }

        @Override
        protected void doSeekToBeginning() {
            synchronized (JsonTextBus.this) {
                moveTo(oldest);
            }
        }

        @Override
        protected void doSeek(Offset offset) {
            synchronized (JsonTextBus.this) {
                moveTo(numberToSeek(offset));
            }
        }

        @Override
        protected Offset awaitRecord(Deadline deadline) throws InterruptedException {
            synchronized (JsonTextBus.this) {
                while (true) {
                    if (position < oldest) {
                        throw new OffsetOutOfRangeException("the record at " + describePosition() + " was deleted");
                    }
                    long untilFetched = fetchedAtNanos - System.nanoTime();
                    if (position < stored.size() && untilFetched <= 0) {
                        return offsetOf(position);
                    }
                    if (deadline.passed()) {
                        return null;
                    }
                    long waitNanos = Math.min(deadline.remainingNanos(), untilFetched > 0 ? untilFetched : Long.MAX_VALUE);
                    if (waitNanos == Long.MAX_VALUE) {
                        JsonTextBus.this.wait();
                    } else {
                        TimeUnit.NANOSECONDS.timedWait(JsonTextBus.this, waitNanos);
                    }
                }
            }
        }

        @Override
        protected Event readRecord() {
            synchronized (JsonTextBus.this) {
                Stored record = stored.get(position);
                return Event.fromJson(record.json()).at(offsetOf(position), record.publishedAt());
            }
        }

        @Override
        protected void advance() {
            position++;
        }

        @Override
        protected String describePosition() {
            return "offset " + offsetOf(position) + " of a JSON text bus";
        }
    }
}
