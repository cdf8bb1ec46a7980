package io.hermesbus.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.FolderWatch;
import io.hermesbus.api.MessageBuses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch that wakes a waiting consumer when its bus file changes: a commit wakes it, a change to another file of
 * the folder does not; consumers share the JVM's one watch service, which their closing releases; without a watch
 * the consumer polls and still reads everything.
 */
class FileWatchTest {
    @TempDir
    Path work;

    @AfterEach
    void availableAgain() {
        FileWatch.makeUnavailable(false);
    }

    @Test
    void aCommitWakesTheFilesConsumersAndAnotherFilesChangeDoesNot() throws Exception {
        Path file = work.resolve("bus.sqlite");
        Map<String, Object> settings = Map.of("uri", file.toString(), "retention_in_days", 30);
        try (AbstractMessageBusProducerPlugin producer = MessageBuses.producer("sqlite", settings)) {
            producer.open();
            FileWatch.Wakeup wakeup = new FileWatch.Wakeup(file);
            assertThat(FileWatch.watch(wakeup)).isTrue();
            try {
                assertThat(wakeup.watched()).isTrue();
                long before = wakeup.changes();
                Files.writeString(work.resolve("unrelated.txt"), "not the bus");
                Thread.sleep(200);
                assertThat(wakeup.changes()).as("changes counted after another file changed").isEqualTo(before);
                producer.send(new Event("base", "added", "Users", 1, Map.of(), 0, false));
                wakeup.await(before, TimeUnit.SECONDS.toNanos(10));
                assertThat(wakeup.changes()).as("changes counted after a commit").isGreaterThan(before);
            } finally {
                FileWatch.unwatch(wakeup);
            }
            assertThat(wakeup.watched()).isFalse();
        }
    }

    @Test
    void waitingConsumersShareOneWatchServiceWhichClosingThemReleases() throws Exception {
        boolean openBefore = FolderWatch.isOpen();
        List<AbstractMessageBusConsumerPlugin> consumers = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Path folder = Files.createDirectories(work.resolve("f" + (i % 10)));
                AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer("sqlite", Map.of("uri", folder.resolve("bus.sqlite").toString()));
                consumers.add(consumer);
                consumer.open();
                consumer.setTimeout(1);
                assertThat(consumer.iterator().hasNext()).isFalse(); // waited: watches its file now
            }
            assertThat(FolderWatch.isOpen()).isTrue();
            assertThat(threadsNamed("hermes-bus folder watch")).isEqualTo(1);
        } finally {
            consumers.forEach(AbstractMessageBusConsumerPlugin::close);
        }
        assertThat(FolderWatch.isOpen()).isEqualTo(openBefore);
    }

    @Test
    void withoutAWatchTheConsumerPollsAndReadsEverything() throws Exception {
        FileWatch.makeUnavailable(true);
        Path file = work.resolve("bus.sqlite");
        Map<String, Object> settings = Map.of("uri", file.toString(), "retention_in_days", 30);
        try (AbstractMessageBusProducerPlugin producer = MessageBuses.producer("sqlite", settings);
             AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer("sqlite", settings)) {
            producer.open();
            consumer.open();
            consumer.setTimeout(10_000);
            Thread sender = new Thread(() -> {
                for (int i = 0; i < 20; i++) {
                    producer.send(new Event("base", "added", "Users", i, Map.of(), 0, false));
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sender.start();
            List<Object> keys = new ArrayList<>();
            var events = consumer.iterator();
            for (int i = 0; i < 20; i++) {
                keys.add(events.next().objpkey());
            }
            sender.join();
            assertThat(keys).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
            assertThat(FolderWatch.isOpen()).isFalse();
        }
    }

    private static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive()).count();
    }
}
