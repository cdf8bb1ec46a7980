package io.hermesbus.file;

import static io.hermesbus.file.TestBus.numbers;
import static io.hermesbus.file.TestBus.offsets;
import static io.hermesbus.file.TestBus.range;
import static io.hermesbus.file.TestBus.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.Event;
import io.hermesbus.api.FailedToSendEventException;
import io.hermesbus.api.InvalidSettingsException;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Batched appends in one JVM: group commit among concurrent senders in every mode, write-behind's flush points as a
 * consumer sees them, and how failures of a batch are reported.
 */
class BatchingTest {
    /** Never reached in these tests: the write-behind queue is written only by what the test does. */
    private static final String NO_TICK = "60000";

    @AfterEach
    void removeSeams() {
        CrashSeam.beforeForce = null;
        CrashSeam.beforeWrite = null;
    }

    @ParameterizedTest(name = "durability {0}, write_behind {1}")
    @CsvSource({"sync, false", "group, false", "os, false", "group, true", "os, true"})
    void concurrentSendersEachFindEveryEventOnceInTheirOrder(String durability, boolean writeBehind) throws Exception {
        int threads = 4;
        int each = durability.equals("sync") ? 150 : 2_000;
        AtomicInteger forces = new AtomicInteger();
        AtomicInteger largestForce = new AtomicInteger();
        CrashSeam.beforeForce = records -> {
            forces.incrementAndGet();
            largestForce.accumulateAndGet(records, Math::max);
        };
        try (TestBus bus = new TestBus()) {
            // small segments and index intervals: batches cross rolls and get several index entries
            FileBusProducer producer = bus.producer("durability", durability, "write_behind", writeBehind,
                    "segment_bytes", 20_000, "index_interval_bytes", 500, "sync_interval_ms", 5);
            sendConcurrently(producer, threads, each);
            producer.close();

            List<Event> events = readAll(bus.consumer());
            assertThat(offsets(events)).as("offsets").isEqualTo(range(0, (long) threads * each));
            assertEachThreadsEventsOnceInOrder(events, threads, each);
            assertThat(FileBus.check(bus.folder).badRecords()).isEmpty();
            if (durability.equals("sync")) {
                assertThat(forces.get()).as("forces for %d sends (one per batch)", threads * each)
                        .isLessThan(threads * each);
                assertThat(largestForce.get()).as("records covered by the largest single force").isGreaterThan(1);
            }
        }
    }

    /** Each of {@code threads} threads sends {@code each} events of category {@code t<i>} numbered 0, 1, ... */
    static void sendConcurrently(FileBusProducer producer, int threads, int each) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String category = "t" + t;
            Thread sender = new Thread(() -> {
                try {
                    start.await();
                    for (long n = 0; n < each; n++) {
                        producer.send(TestBus.event(category, n));
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "sender-" + t);
            sender.start();
            senders.add(sender);
        }
        start.countDown();
        for (Thread sender : senders) {
            sender.join();
        }
        assertThat(failure.get()).as("a sender's failure").isNull();
    }

    static void assertEachThreadsEventsOnceInOrder(List<Event> events, int threads, int each) {
        Map<String, List<Long>> byThread = new HashMap<>();
        for (Event event : events) {
            byThread.computeIfAbsent(event.evcategory(), c -> new ArrayList<>()).add((Long) event.objpkey());
        }
        for (int t = 0; t < threads; t++) {
            assertThat(byThread.get("t" + t)).as("thread %d's events, once each, in its order", t)
                    .isEqualTo(range(0, each));
        }
    }

    @Test
    void writeBehindIsRefusedWithSyncDurabilityNamingWhy() {
        try (TestBus bus = new TestBus()) {
            assertThatThrownBy(() -> new FileBusProducer(bus.settings("durability", "sync", "write_behind", "true")))
                    .isInstanceOf(InvalidSettingsException.class)
                    .hasMessageContaining("write_behind")
                    .hasMessageContaining("sync");
            assertThatThrownBy(() -> new FileBusProducer(bus.settings("write_behind", true)))
                    .as("sync is the default durability").isInstanceOf(InvalidSettingsException.class);
            assertThatThrownBy(() -> new FileBusProducer(bus.settings("durability", "os", "write_behind", "yes")))
                    .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("[false, true]");
            new FileBusProducer(bus.settings("durability", "group", "write_behind", "TRUE"));
            new FileBusProducer(bus.settings("durability", "sync", "write_behind", false));
        }
    }

    @Test
    void writeBehindEventsAppearAtTheNextTick() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer("durability", "group", "write_behind", "true", "sync_interval_ms", "50");
            FileBusConsumer consumer = bus.consumer();
            consumer.setTimeout(2_000);
            long sent = System.nanoTime();
            producer.send(TestBus.event(0));
            producer.send(TestBus.event(1));

            List<Event> seen = new ArrayList<>();
            for (Event event : consumer) {
                seen.add(event);
                if (seen.size() == 2) {
                    break;
                }
            }
            assertThat(numbers(seen)).containsExactly(0L, 1L);
            assertThat((System.nanoTime() - sent) / 1_000_000).as("ms until both were readable").isLessThan(1_500);
        }
    }

    @Test
    void writeBehindEventsAppearOnlyOnceWrittenAtTheThresholdAtFlushAndAtClose() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer("durability", "os", "write_behind", "true", "sync_interval_ms", NO_TICK);
            FileBusConsumer consumer = bus.consumer();

            producer.send(TestBus.event(0));
            assertThat(readAll(consumer)).as("queued, not written: no consumer sees it").isEmpty();
            producer.flush();
            assertThat(numbers(readAll(consumer))).as("after flush()").containsExactly(0L);

            // the threshold: the send whose record brings the queue to 64 KiB writes it
            String filler = "x".repeat(1000);
            long n = 1;
            long queuedBytes = 0;
            while (queuedBytes + recordBytes(big(n, filler)) < LogWriter.WRITE_BEHIND_BYTES) {
                queuedBytes += recordBytes(big(n, filler));
                producer.send(big(n++, filler));
            }
            assertThat(readAll(consumer)).as("%d events queued, under the threshold", n - 1).isEmpty();
            producer.send(big(n++, filler));
            assertThat(numbers(readAll(consumer))).as("the send that reached the threshold wrote them all")
                    .isEqualTo(range(1, n));

            producer.send(TestBus.event(n));
            assertThat(readAll(consumer)).isEmpty();
            producer.close();
            assertThat(numbers(readAll(consumer))).as("after close()").containsExactly(n);
        }
    }

    private static long recordBytes(Event event) {
        return SegmentFormat.recordBytes(event.evcategory().length(), event.toJsonBytes().length);
    }

    private static Event big(long n, String filler) {
        return new Event("base", "added", "Users", n, Map.of("filler", filler), 0, false);
    }

    @Test
    void anotherWriterOfThisJvmAndFileBusChangesWriteTheQueueFirst() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer behind = bus.producer("durability", "os", "write_behind", "true", "sync_interval_ms", NO_TICK,
                    "segment_bytes", 1);
            FileBusProducer direct = bus.producer("segment_bytes", 1); // sync
            FileBusConsumer consumer = bus.consumer();

            TestBus.send(behind, 0, 3);
            direct.send(TestBus.event(3));
            assertThat(numbers(readAll(consumer))).as("the sync send wrote the queue of this JVM first")
                    .containsExactly(0L, 1L, 2L, 3L);

            TestBus.send(behind, 4, 9);
            FileBus.retainNewest(bus.folder, 2);
            consumer.seekToBeginning();
            assertThat(numbers(readAll(consumer))).as("retention counted the queued events").containsExactly(7L, 8L);
        }
    }

    @Test
    void aFailedWriteBehindWriteIsReportedByTheNextSendNamingTheLostEvents() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer("durability", "group", "write_behind", "true", "sync_interval_ms", "20");
            FileBusConsumer consumer = bus.consumer();
            TestBus.send(producer, 0, 2);
            producer.flush();

            CountDownLatch failed = new CountDownLatch(1);
            CrashSeam.beforeWrite = records -> {
                failed.countDown();
                throw new UncheckedIOException(new IOException("disk full (test)"));
            };
            TestBus.send(producer, 2, 5); // acknowledged, then lost at the next tick
            assertThat(failed.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the tick tried to write").isTrue();
            Thread.sleep(100); // the tick records the failure right after the write failed

            assertThatThrownBy(() -> producer.send(TestBus.event(99)))
                    .isInstanceOf(FailedToSendEventException.class)
                    .hasMessageContaining("3 events that send had acknowledged")
                    .hasMessageContaining("disk full (test)");
            CrashSeam.beforeWrite = null;
            TestBus.send(producer, 5, 7); // reported once; the producer goes on
            producer.flush();

            assertThat(numbers(readAll(consumer))).as("the lost events and the reporting send's are not in the log")
                    .containsExactly(0L, 1L, 5L, 6L);
            assertThat(offsets(readAll(bus.consumer()))).isEqualTo(range(0, 4));
        }
    }

    @Test
    void aFailedWriteBehindWriteIsReportedByFlushAndByClose() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer("durability", "os", "write_behind", "true", "sync_interval_ms", NO_TICK);
            TestBus.send(producer, 0, 4);
            CrashSeam.beforeWrite = records -> {
                throw new UncheckedIOException(new IOException("disk full (test)"));
            };
            assertThatThrownBy(producer::flush).isInstanceOf(FailedToSendEventException.class)
                    .hasMessageContaining("4 events that send had acknowledged");

            TestBus.send(producer, 4, 6);
            assertThatThrownBy(producer::close).isInstanceOf(FailedToSendEventException.class)
                    .hasMessageContaining("2 events that send had acknowledged");
            CrashSeam.beforeWrite = null;
            assertThat(readAll(bus.consumer())).isEmpty();

            FileBusProducer next = bus.producer();
            next.send(TestBus.event(6));
            assertThat(numbers(readAll(bus.consumer()))).containsExactly(6L);
        }
    }

    @Test
    void aFailedBatchFailsTheSendsInItAndTheNextBatchWorks() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer("durability", "group");
            producer.send(TestBus.event(0));
            CrashSeam.beforeWrite = records -> {
                throw new UncheckedIOException(new IOException("disk full (test)"));
            };
            assertThatThrownBy(() -> producer.send(TestBus.event(1)))
                    .isInstanceOf(FailedToSendEventException.class).hasMessageContaining("disk full (test)");
            CrashSeam.beforeWrite = null;
            producer.send(TestBus.event(2));
            assertThat(numbers(readAll(bus.consumer()))).containsExactly(0L, 2L);
            assertThat(offsets(readAll(bus.consumer()))).containsExactly(0L, 1L);
        }
    }
}
