package io.hermesbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM's one folder watch: a change reaches the folder's listeners, a deleted folder ends its watch once, and the
 * service closes with its last registration.
 */
class FolderWatchTest {
    @TempDir
    Path work;

    /** Records what the relay reports. */
    private static final class Recorder implements FolderWatch.Listener {
        final BlockingQueue<Object> reports = new LinkedBlockingQueue<>();

        @Override
        public void changed(List<WatchEvent<?>> events) {
            events.forEach(e -> reports.add(String.valueOf(e.context())));
        }

        @Override
        public void lost(FolderWatch.Registration ended) {
            reports.add(ended);
        }

        Object next() throws InterruptedException {
            return reports.poll(10, TimeUnit.SECONDS); // generous: inotify reports within milliseconds
        }
    }

    @Test
    void aChangeReachesEveryListenerOfTheFolderAndTheLastCloseEndsTheService() throws Exception {
        Path folder = Files.createDirectories(work.resolve("watched"));
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        int before = FolderWatch.registrations();
        try (FolderWatch.Registration a = FolderWatch.watch(folder, first);
             FolderWatch.Registration b = FolderWatch.watch(folder, second)) {
            assertThat(FolderWatch.registrations()).isEqualTo(before + 2);
            Files.writeString(folder.resolve("00.log"), "x");
            assertThat(first.next()).isEqualTo("00.log");
            assertThat(second.next()).isEqualTo("00.log");
        }
        assertThat(FolderWatch.registrations()).isEqualTo(before);
        if (before == 0) {
            assertThat(FolderWatch.isOpen()).isFalse();
        }
    }

    @Test
    void aDeletedFolderEndsItsWatchOnceAndCloseAfterwardsIsHarmless() throws Exception {
        Path folder = Files.createDirectories(work.resolve("doomed"));
        Recorder recorder = new Recorder();
        int before = FolderWatch.registrations();
        FolderWatch.Registration registration = FolderWatch.watch(folder, recorder);
        Files.delete(folder);
        Object report;
        do {
            report = recorder.next();
            assertThat(report).as("a report before the timeout").isNotNull();
        } while (report instanceof String); // the deletion of the folder itself may come first as an event
        assertThat(report).isSameAs(registration);
        assertThat(FolderWatch.registrations()).isEqualTo(before);
        registration.close();
        assertThat(recorder.reports.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aFolderThatDoesNotExistIsAnErrorAndLeavesNothingOpen() {
        boolean openBefore = FolderWatch.isOpen();
        assertThat(catchThrowable(() -> FolderWatch.watch(work.resolve("missing"), new Recorder())))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(FolderWatch.isOpen()).isEqualTo(openBefore);
    }
}
