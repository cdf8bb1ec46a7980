package io.hermesbus.file.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBuses;
import io.hermesbus.file.FileBus;
import io.hermesbus.file.FileBusCheck;
import io.hermesbus.file.ThreadedProducerMain;
import io.hermesbus.testing.ChildJvm;
import io.hermesbus.testing.ConsumerMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batched appends between real processes: a producer process with several sending threads halted exactly between a
 * batch's write and its force (a test seam in the child calls {@code Runtime.halt} there), in {@code sync}, in
 * {@code group} and with {@code write_behind}; and two producer processes with several threads each appending while
 * a third process tails.
 *
 * <p>A halt is a process kill, not a power loss: pages written but not forced stay in the page cache, so the batch
 * the child was about to force is in the log although no sender of it returned. What the durability table promises
 * for a process kill is what is checked: nothing acknowledged is lost (without write-behind), nothing is torn or
 * duplicated, and with write-behind only events acknowledged but not yet written may be missing.
 */
class BatchingAcrossProcessesTest {
    private static final Duration GENEROUS = Duration.ofSeconds(60);
    private static final int HALTED = 99;

    @TempDir
    Path work;

    @Test
    void syncWithSeveralThreadsHaltedBetweenWriteAndForceLosesNothingAcknowledged() throws Exception {
        // the 20th force that covers a batch of at least 2 records: group commit among the threads is under way
        crashBetweenWriteAndForce("sync", false, "20:2");
    }

    @Test
    void groupHaltedBetweenWriteAndForceLosesNothingAcknowledged() throws Exception {
        crashBetweenWriteAndForce("group", false, "3:1");
    }

    @Test
    void writeBehindHaltedBetweenWriteAndForceLosesOnlyWhatWasAcknowledgedAndNotWritten() throws Exception {
        crashBetweenWriteAndForce("group", true, "3:1");
    }

    private void crashBetweenWriteAndForce(String durability, boolean writeBehind, String halt) throws Exception {
        Path bus = Files.createDirectories(work.resolve("bus"));
        int threads = 4;
        Set<String> acknowledged = new HashSet<>();
        int haltedBatch;
        try (ChildJvm producer = ChildJvm.start(ThreadedProducerMain.class, work.resolve("producer.err"),
                bus.toString(), durability, String.valueOf(writeBehind), "t", String.valueOf(threads), "-1", halt)) {
            String halted = producer.awaitLine(line -> line.startsWith("halt "), GENEROUS, "'halt' from the producer");
            haltedBatch = Integer.parseInt(halted.substring(5));
            assertThat(producer.awaitExit(GENEROUS)).as("exit code of the halted producer; stderr: %s", producer.errorText())
                    .isEqualTo(HALTED);
            for (String line : producer.drain()) {
                if (line.startsWith("ack ")) {
                    acknowledged.add(line.substring(4));
                }
            }
        }
        assertThat(acknowledged).as("sends acknowledged before the halt").isNotEmpty();

        FileBusCheck check = FileBus.check(bus);
        assertThat(check.badRecords()).as("bad records after the halt").isEmpty();
        assertThat(check.tail()).as("a torn record: the batch was written whole before the halt").isEmpty();

        List<Event> events = CrossProcessTest.readAll(bus);
        Map<String, List<Long>> byThread = assertConsecutiveOnceEachInOrder(events);
        Set<String> onLog = new HashSet<>();
        byThread.forEach((category, seqs) -> seqs.forEach(seq -> onLog.add(category + " " + seq)));
        if (!writeBehind) {
            Set<String> missing = new HashSet<>(acknowledged);
            missing.removeAll(onLog);
            assertThat(missing).as("acknowledged sends missing from the log").isEmpty();
            assertThat(events.size()).as("events on the log: the acknowledged ones, plus the %d of the batch written"
                    + " but not forced (a process kill keeps written pages)", haltedBatch)
                    .isGreaterThanOrEqualTo(acknowledged.size() + (durability.equals("sync") ? haltedBatch : 0));
        }
        // with or without write-behind: each thread's events on the log are the first ones it sent (checked above:
        // 0, 1, 2, ... without a hole), so whatever is missing is the newest it sent, never one before a kept one

        // the next producer and a consumer go on without manual steps
        try (AbstractMessageBusProducerPlugin next = MessageBuses.producer("file", Map.of("path", bus.toString()))) {
            next.open();
            next.send(ThreadedProducerMain.event("after", 0));
        }
        List<Event> after = CrossProcessTest.readAll(bus);
        assertThat(after).hasSize(events.size() + 1);
        assertThat(after.get(events.size()).evcategory()).isEqualTo("after");
        assertThat(after.get(events.size()).offset().toString()).isEqualTo(String.valueOf(events.size()));
    }

    @Test
    void twoProducerProcessesWithSeveralThreadsEachAppendWhileAThirdTails() throws Exception {
        Path bus = Files.createDirectories(work.resolve("bus"));
        Path start = work.resolve("start");
        int threads = 3;
        int each = 1_500;
        int total = 2 * threads * each;
        try (ChildJvm consumer = ChildJvm.start(ConsumerMain.class, work.resolve("consumer.err"), "file",
                String.valueOf(total), "30000", "path=" + bus);
             ChildJvm a = ChildJvm.start(ThreadedProducerMain.class, work.resolve("a.err"), bus.toString(), "group",
                     "false", "a", String.valueOf(threads), String.valueOf(each), "-", start.toString());
             ChildJvm b = ChildJvm.start(ThreadedProducerMain.class, work.resolve("b.err"), bus.toString(), "os",
                     "true", "b", String.valueOf(threads), String.valueOf(each), "-", start.toString())) {
            a.awaitLine("open"::equals, GENEROUS, "'open' from producer a");
            b.awaitLine("open"::equals, GENEROUS, "'open' from producer b");
            consumer.awaitLine("open"::equals, GENEROUS, "'open' from the consumer");
            Files.createFile(start);
            assertThat(a.awaitExit(GENEROUS)).as("producer a; stderr: %s", a.errorText()).isZero();
            assertThat(b.awaitExit(GENEROUS)).as("producer b; stderr: %s", b.errorText()).isZero();
            String end = consumer.awaitLine(line -> line.startsWith("end "), GENEROUS, "'end' from the consumer");
            assertThat(end).as("consumer stderr: %s", consumer.errorText()).isEqualTo("end " + total);

            // got <offset> <category> <seq>
            List<String> got = consumer.linesSeen().stream().filter(l -> l.startsWith("got ")).toList();
            assertThat(got).hasSize(total);
            Map<String, List<Long>> byThread = new HashMap<>();
            for (int i = 0; i < got.size(); i++) {
                String[] fields = got.get(i).split(" ");
                assertThat(fields[1]).as("offset of the %d-th event the tailing consumer read", i).isEqualTo(String.valueOf(i));
                byThread.computeIfAbsent(fields[2], k -> new ArrayList<>()).add(Long.parseLong(fields[3]));
            }
            List<Long> expected = java.util.stream.LongStream.range(0, each).boxed().toList();
            assertThat(byThread).hasSize(2 * threads);
            byThread.forEach((category, seqs) ->
                    assertThat(seqs).as("%s's events, once each, in its order", category).isEqualTo(expected));
        }
        assertThat(CrossProcessTest.readAll(bus)).hasSize(total);
    }

    /**
     * A write-behind producer holds the writers' lock on a lease (after the write its buffer's threshold caused) with
     * events still in its buffer; a producer process waits for the lock. When this JVM gives the lock up (here: another
     * producer of this JVM opens, whose opening ends the lease; the tick, a minute away, plays no part), it writes the
     * buffer first: a consumer sees the buffered events only then, and before the other process's event.
     */
    @Test
    void aWriteBehindBufferIsWrittenBeforeTheLockGoesToAnotherProcess() throws Exception {
        Path bus = Files.createDirectories(work.resolve("bus"));
        String filler = "x".repeat(1000);
        try (io.hermesbus.file.FileBusProducer behind = new io.hermesbus.file.FileBusProducer(Map.of("path", bus.toString(),
                "durability", "os", "write_behind", "true", "sync_interval_ms", "60000"));
             AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer("file", Map.of("path", bus.toString()))) {
            behind.open();
            consumer.open();
            consumer.setTimeout(0);
            long n = 0;
            List<Event> seen = new ArrayList<>();
            while (seen.isEmpty()) { // until the threshold wrote the buffer: this JVM now holds the lock on a lease
                behind.send(ProducerMain.event("behind", n++, filler));
                consumer.forEach(seen::add);
            }
            long written = n;
            assertThat(seen).as("the threshold wrote every event sent so far").hasSize((int) written);
            for (int i = 0; i < 3; i++) {
                behind.send(ProducerMain.event("behind", n++, filler));
            }
            consumer.forEach(seen::add);
            assertThat(seen).as("3 more events only in the buffer").hasSize((int) written);

            try (ChildJvm other = ChildJvm.start(ProducerMain.class, work.resolve("other.err"), bus.toString(), "os",
                    "other", "0", "1", "10")) {
                Thread.sleep(1_500); // the child starts and waits for the writers' lock, which this JVM holds
                consumer.forEach(seen::add);
                assertThat(seen).as("nothing new while this JVM holds the lock").hasSize((int) written);
                assertThat(other.drain()).as("the other process is still waiting for the lock").doesNotContain("open");
                try (AbstractMessageBusProducerPlugin another = MessageBuses.producer("file",
                        Map.of("path", bus.toString(), "durability", "os"))) {
                    another.open(); // ends this JVM's lease: the buffer is written, then the lock goes
                }
                assertThat(other.awaitExit(GENEROUS)).as("other producer; stderr: %s", other.errorText()).isZero();
            }
            consumer.forEach(seen::add);
            List<String> order = seen.stream().map(e -> e.evcategory() + " " + e.objattrs().get("seq")).toList();
            List<String> expected = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                expected.add("behind " + i);
            }
            expected.add("other 0");
            assertThat(order).as("the buffered events, written when the lock was given up, before the other process's")
                    .isEqualTo(expected);
        }
    }

    /** Offsets 0, 1, 2, ...; per thread (category) the seqs 0, 1, 2, ... each once. Returns the seqs per category. */
    private static Map<String, List<Long>> assertConsecutiveOnceEachInOrder(List<Event> events) {
        Map<String, List<Long>> byThread = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            assertThat(event.offset().toString()).as("offset of event %d", i).isEqualTo(String.valueOf(i));
            byThread.computeIfAbsent(event.evcategory(), k -> new ArrayList<>()).add((Long) event.objattrs().get("seq"));
        }
        byThread.forEach((category, seqs) -> {
            List<Long> expected = java.util.stream.LongStream.range(0, seqs.size()).boxed().toList();
            assertThat(seqs).as("%s's events on the log: its first sends, once each, in order", category).isEqualTo(expected);
        });
        return byThread;
    }
}
