package io.hermesbus.file.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBuses;
import io.hermesbus.testing.ChildJvm;
import io.hermesbus.testing.ConsumerMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file bus between real processes: a child JVM producing while another consumes, two child JVMs producing at
 * once, a child JVM waiting for this one's lease on the writers' lock. Processes killed with SIGKILL:
 * {@link KillCampaignTest}.
 */
class CrossProcessTest {
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void aConsumerProcessTailsWhatAProducerProcessWrites() throws Exception {
        Path bus = Files.createDirectories(work.resolve("bus"));
        int count = 2_000;
        try (ChildJvm consumer = ChildJvm.start(ConsumerMain.class, work.resolve("consumer.err"), "file", String.valueOf(count), "20000", "path=" + bus);
             ChildJvm producer = ChildJvm.start(ProducerMain.class, work.resolve("producer.err"), bus.toString(), "sync", "base", "0", String.valueOf(count), "300")) {
            consumer.awaitLine("open"::equals, GENEROUS, "'open' from the consumer");
            producer.awaitLine("done"::equals, GENEROUS, "'done' from the producer");
            assertThat(producer.awaitExit(GENEROUS)).as("producer exit code; stderr: %s", producer.errorText()).isZero();
            String end = consumer.awaitLine(line -> line.startsWith("end "), GENEROUS, "'end' from the consumer");
            assertThat(end).isEqualTo("end " + count);
            List<String> got = consumer.linesSeen().stream().filter(l -> l.startsWith("got ")).toList();
            for (int i = 0; i < count; i++) {
                assertThat(got.get(i)).isEqualTo("got " + i + " base " + i);
            }
        }
    }

    @Test
    void twoProducerProcessesAppendingAtOnceInterleaveWholeRecords() throws Exception {
        Path bus = Files.createDirectories(work.resolve("bus"));
        int each = 3_000;
        try (ChildJvm a = ChildJvm.start(ProducerMain.class, work.resolve("a.err"), bus.toString(), "os", "alpha", "0", String.valueOf(each), "200");
             ChildJvm b = ChildJvm.start(ProducerMain.class, work.resolve("b.err"), bus.toString(), "os", "beta", "0", String.valueOf(each), "200")) {
            assertThat(a.awaitExit(GENEROUS)).as("producer a; stderr: %s", a.errorText()).isZero();
            assertThat(b.awaitExit(GENEROUS)).as("producer b; stderr: %s", b.errorText()).isZero();
        }
        List<Event> events = readAll(bus);
        assertThat(events).hasSize(2 * each);
        Map<String, List<Long>> seqs = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            assertThat(event.offset().toString()).as("offsets are consecutive").isEqualTo(String.valueOf(i));
            seqs.computeIfAbsent(event.evcategory(), k -> new ArrayList<>()).add((Long) event.objattrs().get("seq"));
        }
        List<Long> expected = java.util.stream.LongStream.range(0, each).boxed().toList();
        assertThat(seqs.get("alpha")).as("alpha's events, once each, in order").isEqualTo(expected);
        assertThat(seqs.get("beta")).as("beta's events, once each, in order").isEqualTo(expected);
        assertThat(seqs.get("alpha").size() + seqs.get("beta").size()).isEqualTo(events.size());
    }

    /**
     * Under {@code os} a JVM keeps the writers' OS lock for a short lease; two producer processes sending as fast as
     * they can must still both get turns while both run, not one after the other.
     */
    @Test
    void twoOsProducerProcessesBothMakeProgressWhileBothRun() throws Exception {
        Path bus = Files.createDirectories(work.resolve("bus"));
        Path start = work.resolve("start");
        int each = 20_000;
        try (ChildJvm a = ChildJvm.start(ProducerMain.class, work.resolve("a.err"), bus.toString(), "os", "alpha", "0", String.valueOf(each), "400", start.toString());
             ChildJvm b = ChildJvm.start(ProducerMain.class, work.resolve("b.err"), bus.toString(), "os", "beta", "0", String.valueOf(each), "400", start.toString())) {
            a.awaitLine("open"::equals, GENEROUS, "'open' from producer a");
            b.awaitLine("open"::equals, GENEROUS, "'open' from producer b");
            Files.createFile(start);
            assertThat(a.awaitExit(GENEROUS)).as("producer a; stderr: %s", a.errorText()).isZero();
            assertThat(b.awaitExit(GENEROUS)).as("producer b; stderr: %s", b.errorText()).isZero();
        }
        List<Event> events = readAll(bus);
        assertThat(events).hasSize(2 * each);
        int turns = 1;
        for (int i = 1; i < events.size(); i++) {
            if (!events.get(i).evcategory().equals(events.get(i - 1).evcategory())) {
                turns++;
            }
        }
        // two runs would be all of one producer's events, then all of the other's
        assertThat(turns).as("runs of one producer's events in the log").isGreaterThan(2);
    }

    /** A lease ends at the next tick even while its producer stays open and idle. */
    @Test
    void anIdleProducersLeaseEndsAtTheNextTickSoAnotherProcessCanAppend() throws Exception {
        Path bus = Files.createDirectories(work.resolve("bus"));
        try (AbstractMessageBusProducerPlugin producer = MessageBuses.producer("file",
                Map.of("path", bus.toString(), "durability", "os", "sync_interval_ms", "200"))) {
            producer.open();
            producer.send(ProducerMain.event("here", 0, ""));
            try (ChildJvm other = ChildJvm.start(ProducerMain.class, work.resolve("other.err"), bus.toString(), "os", "other", "0", "1", "10")) {
                assertThat(other.awaitExit(GENEROUS)).as("other producer; stderr: %s", other.errorText()).isZero();
            }
            producer.send(ProducerMain.event("here", 1, "")); // after the other process's turn: re-checks the log
        }
        assertThat(readAll(bus)).extracting(Event::evcategory).containsExactly("here", "other", "here");
    }

    /**
     * A closing producer ends its lease at once, although the folder stays open in its JVM (a consumer) and
     * {@code sync_interval_ms} is a minute.
     */
    @Test
    void aClosedProducersLeaseEndsAtOnceEvenWhileAConsumerKeepsTheFolderOpen() throws Exception {
        Path bus = Files.createDirectories(work.resolve("bus"));
        try (AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer("file", Map.of("path", bus.toString()))) {
            try (AbstractMessageBusProducerPlugin producer = MessageBuses.producer("file",
                    Map.of("path", bus.toString(), "durability", "group", "sync_interval_ms", "60000"))) {
                producer.open();
                consumer.open();
                producer.send(ProducerMain.event("here", 0, ""));
            }
            try (ChildJvm other = ChildJvm.start(ProducerMain.class, work.resolve("other.err"), bus.toString(), "os", "other", "0", "1", "10")) {
                assertThat(other.awaitExit(Duration.ofSeconds(30))).as("other producer; stderr: %s", other.errorText()).isZero();
            }
        }
        assertThat(readAll(bus)).extracting(Event::evcategory).containsExactly("here", "other");
    }

    /** Every event of the file bus in {@code bus}, from the beginning. */
    static List<Event> readAll(Path bus) {
        List<Event> events = new ArrayList<>();
        try (AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer("file", Map.of("path", bus.toString()))) {
            consumer.open();
            consumer.seekToBeginning();
            consumer.setTimeout(0);
            consumer.forEach(events::add);
        }
        return events;
    }
}
