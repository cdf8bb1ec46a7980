package io.hermesbus.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.FolderWatch;
import io.hermesbus.api.MessageBuses;
import io.hermesbus.file.process.PacedProducerMain;
import io.hermesbus.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live tail across processes: a consumer in this JVM tails a producer in another process. With the folder watched (the
 * default) each append wakes the consumer, so it needs no poll: with {@code poll_interval_ms} at 1000, events sent 5 ms
 * apart still arrive a few milliseconds after their send, which a poll every second could not give (half a second
 * late on average). Without a watch (the setting, or a watch that cannot be had) the poll still delivers everything.
 * And the watch is the JVM's one inotify instance, whatever the number of consumers, closed with the last of them.
 */
class LiveTailTest {
    private static final Duration GENEROUS = Duration.ofSeconds(60);
    private static final int EVENTS = 200;
    private static final String WATCH_THREAD = "hermes-bus folder watch";

    @TempDir
    Path work;

    @AfterEach
    void watchAvailableAgain() {
        SharedFolder.makeWatchUnavailable(false);
    }

    @Test
    void aConsumerLearnsOfAnotherProcesssAppendsFromTheWatchNotThePoll() throws Exception {
        Path bus = Files.createDirectories(work.resolve("bus"));
        long[] latencies = tail(bus, Map.of("poll_interval_ms", "1000"));
        // a poll every second would give a median near 500 ms; the watch gives a few ms even on a busy machine
        assertThat(latencies[EVENTS / 2]).as("median latency (ns) of %s events, poll_interval_ms 1000", EVENTS)
                .isLessThan(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(latencies[EVENTS * 9 / 10]).as("90th percentile latency (ns)").isLessThan(TimeUnit.MILLISECONDS.toNanos(250));
    }

    @Test
    void withTheWatchSwitchedOffTheConsumerPollsAndStillSeesEveryEvent() throws Exception {
        Path bus = Files.createDirectories(work.resolve("bus"));
        int inotifyBefore = inotifyInstances();
        long[] latencies = tail(bus, Map.of("watch", "false", "poll_interval_ms", "5"));
        assertThat(inotifyInstances()).as("inotify instances of this JVM: the consumer opened none").isEqualTo(inotifyBefore);
        assertThat(latencies[EVENTS / 2]).as("median latency (ns), polling every 5 ms").isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
    }

    @Test
    void whenTheFolderCannotBeWatchedTheConsumerFallsBackToThePoll() throws Exception {
        Path bus = Files.createDirectories(work.resolve("bus"));
        SharedFolder.makeWatchUnavailable(true); // as when the user has no inotify instance left
        int inotifyBefore = inotifyInstances();
        int watchedBefore = FolderWatch.registrations();
        long[] latencies = tail(bus, Map.of("poll_interval_ms", "5"));
        assertThat(FolderWatch.registrations()).isEqualTo(watchedBefore);
        assertThat(inotifyInstances()).isEqualTo(inotifyBefore);
        assertThat(latencies[EVENTS / 2]).as("median latency (ns), polling every 5 ms").isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
    }

    @Test
    void threeHundredConsumersShareOneWatchAndClosingThemReleasesIt() throws Exception {
        int before = inotifyInstances();
        int watchedBefore = FolderWatch.registrations(); // 0 unless another test left a consumer open
        boolean openBefore = FolderWatch.isOpen();
        List<AbstractMessageBusConsumerPlugin> open = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                // a folder of its own for every third consumer, the others two by two on shared folders
                Path folder = Files.createDirectories(work.resolve("bus-" + (i % 3 == 0 ? i : i / 3 * 3 + 1)));
                AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer("file", Map.of("path", folder.toString()));
                open.add(consumer);
                consumer.open();
                consumer.setTimeout(1);
                assertThat(consumer.iterator().hasNext()).isFalse(); // waited: the folder is watched now
                assertThat(inotifyInstances()).as("inotify instances with %d consumers open", i + 1).isLessThanOrEqualTo(before + 1);
            }
            assertThat(FolderWatch.isOpen()).isTrue();
            assertThat(threadsNamed(WATCH_THREAD)).isEqualTo(1);
            assertThat(FolderWatch.registrations()).isEqualTo(watchedBefore + 200); // 100 alone, 200 consumers on 100 folders
        } finally {
            open.forEach(AbstractMessageBusConsumerPlugin::close);
        }
        assertThat(FolderWatch.registrations()).isEqualTo(watchedBefore);
        assertThat(FolderWatch.isOpen()).isEqualTo(openBefore);
        assertThat(inotifyInstances()).as("inotify instances once all consumers are closed").isEqualTo(before);
        if (!openBefore) {
            awaitNoThreadNamed(WATCH_THREAD);
            awaitNoThreadNamed("FileSystemWatchService"); // the JDK's own thread of the watch service
        }

        // one after the other: never more than one instance, none left
        Path folder = Files.createDirectories(work.resolve("one-after-the-other"));
        for (int i = 0; i < 300; i++) {
            try (AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer("file", Map.of("path", folder.toString()))) {
                consumer.open();
                consumer.setTimeout(1);
                assertThat(consumer.iterator().hasNext()).isFalse();
                assertThat(inotifyInstances()).isLessThanOrEqualTo(before + 1);
            }
        }
        assertThat(inotifyInstances()).isEqualTo(before);
        assertThat(FolderWatch.registrations()).isEqualTo(watchedBefore);
        if (!openBefore) {
            awaitNoThreadNamed(WATCH_THREAD);
        }
    }

    /** A watch that ends by itself (its folder deleted) is reported: the folder's consumers poll from then on. */
    @Test
    void aFolderDeletedUnderItsWatchFallsBackToPolling() throws Exception {
        Path folder = Files.createDirectories(work.resolve("doomed")).toRealPath();
        int watchedBefore = FolderWatch.registrations();
        SharedFolder shared = SharedFolder.acquire(folder);
        try {
            shared.startWatching();
            assertThat(shared.watched()).isTrue();
            assertThat(FolderWatch.registrations()).isEqualTo(watchedBefore + 1);
            long seen = shared.appendCount();
            Files.delete(folder);
            shared.awaitAppend(seen, TimeUnit.SECONDS.toNanos(10)); // the relay wakes the waiters when the watch ends
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (FolderWatch.registrations() > watchedBefore && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(FolderWatch.registrations()).isEqualTo(watchedBefore);
            assertThat(shared.watched()).as("watched, 10 s before the next try").isFalse();
            shared.stopWatching();
        } finally {
            shared.release();
        }
    }

    /** A consumer that only iterated without waiting (timeout 0) never watches. */
    @Test
    void aConsumerThatNeverWaitsNeverWatches() throws Exception {
        Path folder = Files.createDirectories(work.resolve("bus"));
        int before = inotifyInstances();
        int watchedBefore = FolderWatch.registrations();
        try (AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer("file", Map.of("path", folder.toString()))) {
            consumer.open();
            consumer.setTimeout(0);
            assertThat(consumer.iterator().hasNext()).isFalse();
            assertThat(FolderWatch.registrations()).isEqualTo(watchedBefore);
            assertThat(inotifyInstances()).isEqualTo(before);
        }
    }

    /**
     * Runs a producer process sending {@value #EVENTS} events 5 ms apart while a consumer of this JVM, with
     * {@code consumerSettings}, tails the folder; checks that every event arrives once, in order, and returns the
     * sorted latencies: from each send returning in the producer to the consumer's {@code next()} returning here
     * ({@code System.nanoTime()} is one clock for all processes on Linux).
     */
    private long[] tail(Path bus, Map<String, String> consumerSettings) throws Exception {
        Map<String, Object> settings = new HashMap<>(consumerSettings);
        settings.put("path", bus.toString());
        Path start = work.resolve("start");
        long[] received = new long[EVENTS];
        try (AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer("file", settings);
             ChildJvm producer = ChildJvm.start(PacedProducerMain.class, work.resolve("producer.err"), bus.toString(), "group",
                     String.valueOf(EVENTS), "5", start.toString())) {
            consumer.open();
            consumer.setTimeout((int) GENEROUS.toMillis());
            CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
                Iterator<Event> events = consumer.iterator();
                for (int i = 0; i < EVENTS; i++) {
                    Event event = events.next();
                    received[i] = System.nanoTime();
                    assertThat(event.objattrs().get("seq")).as("event %d", i).isEqualTo((long) i);
                }
            });
            producer.awaitLine("open"::equals, GENEROUS, "'open' from the producer");
            Thread.sleep(200); // the consumer is waiting by now (and watching, where it does)
            Files.createFile(start);
            producer.awaitLine("done"::equals, GENEROUS, "'done' from the producer");
            assertThat(producer.awaitExit(GENEROUS)).as("producer exit code; stderr: %s", producer.errorText()).isZero();
            reading.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
            long[] latencies = new long[EVENTS];
            for (String line : producer.linesSeen()) {
                if (line.startsWith("sent ")) {
                    String[] parts = line.split(" ");
                    int seq = Integer.parseInt(parts[1]);
                    latencies[seq] = received[seq] - Long.parseLong(parts[2]);
                }
            }
            Arrays.sort(latencies);
            return latencies;
        }
    }

    /** The inotify instances this JVM holds: its file descriptors that are {@code anon_inode:inotify}. */
    static int inotifyInstances() throws IOException {
        int count = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals("anon_inode:inotify")) {
                        count++;
                    }
                } catch (IOException e) {
                    // closed since it was listed (the listing's own descriptor, for one)
                }
            }
        }
        return count;
    }

    private static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive()).count();
    }

    private static void awaitNoThreadNamed(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (threadsNamed(name) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(threadsNamed(name)).as("threads named '%s' left", name).isZero();
    }
}
