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
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A correct bus unlike ours, as an outsider writes one from the docs, keeping only the plugin methods: events stored
 * as JSON text (so malformed text can sit on it), offsets of any kind made from the publish number (float: epoch
 * seconds; str: zero-padded text; bytes: 8 bytes big-endian), retention of the oldest, and, optionally, a fetch
 * delay: after each open or seek a consumer sees records only once its first fetch comes back, as a Kafka consumer
 * does, so a look that does not wait finds nothing yet.
 */
final class JsonTextBus implements MessageBusProvider {
    private record Stored(String json, Instant publishedAt) {
    }

    private final OffsetKind kind;
    private final Duration fetchDelay;
    /** Every record ever published, guarded by this bus; retention only moves {@link #oldest}. */
    private final List<Stored> stored = new ArrayList<>();
    private int oldest;

    private JsonTextBus(OffsetKind kind, Duration fetchDelay) {
        this.kind = kind;
        this.fetchDelay = fetchDelay;
    }

    /** A fresh bus with offsets of {@code kind}; its declared delivery delay is twice its fetch delay. */
    static BusUnderTest bus(OffsetKind kind, Duration fetchDelay) {
        JsonTextBus bus = new JsonTextBus(kind, fetchDelay);
        return new BusUnderTest(bus, Map.of(), kind)
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
        return switch (kind) {
            case INT -> Offset.of((long) number);
            case FLOAT -> Offset.of(1_700_000_000.0 + number * 0.25);
            case STR -> Offset.of(String.format("event-%08d", number));
            case BYTES -> Offset.of(ByteBuffer.allocate(Long.BYTES).putLong(number).array());
        };
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
            return kind;
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
                int end = kind == OffsetKind.INT ? stored.size() : stored.size() - 1;
                if (oldest > end || offset.isBefore(offsetOf(oldest)) || offset.isAfter(offsetOf(end))) {
                    throw new OffsetOutOfRangeException("offset " + offset + " is outside the retained range, from number "
                            + oldest + " to " + end);
                }
                int number = oldest;
                while (offsetOf(number).isBefore(offset)) {
                    number++;
                }
                moveTo(number);
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
