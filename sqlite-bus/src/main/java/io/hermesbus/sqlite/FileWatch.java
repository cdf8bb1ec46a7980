package io.hermesbus.sqlite;

import io.hermesbus.api.FolderWatch;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A consumer's watch on its bus file, through this JVM's one {@link FolderWatch}: it wakes the consumer whenever the
 * file or its journal changes. A commit creates the journal, writes the file and deletes the journal: the consumer
 * wakes at the first of these and reads as soon as the commit's lock is gone ({@link LockWait}), instead of at its
 * next poll. Changes to other files of the folder wake nobody. A consumer whose file cannot be watched (no inotify
 * instance or watch left, a folder that does not exist yet, the watch ended because the folder was deleted) polls
 * instead ({@link Wakeup#watched()} says which).
 */
final class FileWatch {
    /** How long a consumer waits before trying again to watch a file that could not be watched. */
    static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static volatile boolean unavailable;

    private FileWatch() {
    }

    /**
     * One consumer's wake-up: a count of the changes to its file, bumped by the watch, and the means to wait for the
     * next one.
     */
    static final class Wakeup implements FolderWatch.Listener {
        private final Path folder;
        private final String name;
        private final AtomicLong changes = new AtomicLong();
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        /** The watch while there is one; set and cleared by the consumer's thread. */
        private volatile FolderWatch.Registration registration;
        private volatile boolean watched;

        /** The wake-up of a consumer of {@code file}. */
        Wakeup(Path file) {
            Path absolute = file.toAbsolutePath().normalize();
            this.folder = absolute.getParent();
            this.name = String.valueOf(absolute.getFileName());
        }

        /** How many changes were reported so far; read before looking at the file, then passed to {@link #await}. */
        long changes() {
            return changes.get();
        }

        /** Whether changes to the file wake this consumer now: false before {@link #watch}, or when the watch ended. */
        boolean watched() {
            return watched;
        }

        /**
         * Waits until a change is reported after {@code seen} was read, or {@code nanos} pass.
         *
         * @throws InterruptedException if the thread is interrupted
         */
        void await(long seen, long nanos) throws InterruptedException {
            lock.lockInterruptibly();
            try {
                long left = nanos;
                while (changes.get() == seen && left > 0) {
                    left = changed.awaitNanos(left);
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void changed(List<WatchEvent<?>> events) {
            if (events.stream().anyMatch(e -> e.kind() == StandardWatchEventKinds.OVERFLOW || concerns(e.context()))) {
                signal();
            }
        }

        @Override
        public void lost(FolderWatch.Registration ended) {
            if (ended == registration) {
                watched = false; // the folder is gone: the consumer polls, and watches afresh later
            }
            signal();
        }

        private void signal() {
            changes.incrementAndGet();
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** Whether an event about {@code entry} (a name in the folder) concerns this file or its journal. */
        private boolean concerns(Object entry) {
            return entry instanceof Path path && path.toString().startsWith(name);
        }
    }

    /**
     * Watches {@code wakeup}'s file: from now on, every change to it or its journal wakes it.
     *
     * @return whether it is watched; false if it cannot be (then the consumer polls), with nothing held
     */
    static boolean watch(Wakeup wakeup) {
        if (unavailable || wakeup.folder == null) {
            return false;
        }
        if (wakeup.registration == null) {
            try {
                wakeup.registration = FolderWatch.watch(wakeup.folder, wakeup);
            } catch (IOException | RuntimeException e) {
                return false; // no inotify instance or watch left, no such folder, no watch service: the consumer polls
            }
            wakeup.watched = true;
        }
        return true;
    }

    /** Stops watching for {@code wakeup}. */
    static void unwatch(Wakeup wakeup) {
        wakeup.watched = false;
        if (wakeup.registration != null) {
            wakeup.registration.close();
            wakeup.registration = null;
        }
    }

    /** Test seam: makes every file of this JVM fail to be watched from now on, as when no inotify instance is left. */
    static void makeUnavailable(boolean unavailableNow) {
        unavailable = unavailableNow;
    }
}
