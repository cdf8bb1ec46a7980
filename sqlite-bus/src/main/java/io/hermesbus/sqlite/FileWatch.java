package io.hermesbus.sqlite;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This JVM's one watch on the folders of the bus files its consumers wait on: a single {@link WatchService} (on Linux
 * one inotify instance, with one watch per folder, and the JDK's own thread reading it), and a relay thread that
 * wakes the consumers of a file whenever the file or its journal changes. A commit creates the journal, writes the
 * file and deletes the journal: the consumer wakes at the first of these and reads as soon as the commit's lock is
 * gone ({@link LockWait}), instead of at its next poll. Changes to other files of the folder wake nobody.
 *
 * <p>One service for the whole JVM, opened with the first consumer that waits and closed with the last one, so that
 * a JVM without waiting consumers keeps neither an inotify instance nor a thread (a user has 128 instances by default,
 * {@code fs.inotify.max_user_instances}). Watching never writes anything. A consumer whose file cannot be watched
 * (no instance or watch left, a folder that does not exist yet, the watch ended because the folder was deleted)
 * polls instead ({@link Wakeup#watched()} says which).
 */
final class FileWatch {
    /** How long a consumer waits before trying again to watch a file that could not be watched. */
    static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Object LOCK = new Object();
    /** Open while a file is watched. Guarded by {@link #LOCK}. */
    private static WatchService service;
    /** The wake-ups of each key; replaced, never changed, under {@link #LOCK}; read by the relay without it. */
    private static volatile Map<WatchKey, List<Wakeup>> wakeups = Map.of();
    private static volatile boolean unavailable;

    private FileWatch() {
    }

    /**
     * One consumer's wake-up: a count of the changes to its file, bumped by the relay, and the means to wait for the
     * next one.
     */
    static final class Wakeup {
        private final Path folder;
        private final String name;
        private final AtomicLong changes = new AtomicLong();
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        /** Guarded by {@link FileWatch#LOCK}. */
        private WatchKey key;
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

        private void signal() {
            changes.incrementAndGet();
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** Whether an event about {@code changed} (a name in the folder) concerns this file or its journal. */
        private boolean concerns(Object changed) {
            return changed instanceof Path path && path.toString().startsWith(name);
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
        synchronized (LOCK) {
            if (wakeup.key != null) {
                return true;
            }
            try {
                if (service == null) {
                    service = FileSystems.getDefault().newWatchService();
                    WatchService started = service;
                    Thread relay = new Thread(() -> relay(started), "hermes-bus sqlite-bus watch");
                    relay.setDaemon(true);
                    relay.start();
                }
                WatchKey key = wakeup.folder.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                Map<WatchKey, List<Wakeup>> next = new HashMap<>(wakeups);
                List<Wakeup> sharing = new ArrayList<>(next.getOrDefault(key, List.of()));
                sharing.add(wakeup);
                next.put(key, List.copyOf(sharing));
                wakeups = Map.copyOf(next);
                wakeup.key = key;
                wakeup.watched = true;
                return true;
            } catch (IOException | RuntimeException e) {
                // no inotify instance or watch left, no such folder, no watch service: the consumer polls
                closeIfUnused();
                return false;
            }
        }
    }

    /** Stops watching for {@code wakeup}; the last one closes the service, which ends both threads. */
    static void unwatch(Wakeup wakeup) {
        synchronized (LOCK) {
            forget(wakeup);
            closeIfUnused();
        }
    }

    /** Whether this JVM has a watch service open: for tests, which check that none outlives its consumers. */
    static boolean isOpen() {
        synchronized (LOCK) {
            return service != null;
        }
    }

    /** Test seam: makes every file of this JVM fail to be watched from now on, as when no inotify instance is left. */
    static void makeUnavailable(boolean unavailableNow) {
        unavailable = unavailableNow;
    }

    private static void forget(Wakeup wakeup) {
        wakeup.watched = false;
        WatchKey key = wakeup.key;
        wakeup.key = null;
        List<Wakeup> sharing = key == null ? null : wakeups.get(key);
        if (sharing == null || !sharing.contains(wakeup)) {
            return;
        }
        Map<WatchKey, List<Wakeup>> next = new HashMap<>(wakeups);
        List<Wakeup> left = new ArrayList<>(sharing);
        left.remove(wakeup);
        if (left.isEmpty()) {
            next.remove(key);
            key.cancel();
        } else {
            next.put(key, List.copyOf(left));
        }
        wakeups = Map.copyOf(next);
    }

    private static void closeIfUnused() {
        if (wakeups.isEmpty() && service != null) {
            try {
                service.close(); // closes the inotify instance; the JDK's thread ends, and the relay's take() throws
            } catch (IOException ignored) {
                // nothing more can be done with it; a new one is opened when a file is watched again
            }
            service = null;
        }
    }

    /** The relay's loop: wakes the consumers of each changed file; ends when its service is closed. */
    private static void relay(WatchService watching) {
        while (true) {
            WatchKey key;
            try {
                key = watching.take();
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            }
            List<WatchEvent<?>> events = key.pollEvents();
            boolean valid = key.reset();
            List<Wakeup> sharing = wakeups.getOrDefault(key, List.of());
            for (Wakeup wakeup : sharing) {
                if (!valid || events.stream().anyMatch(e -> e.kind() == StandardWatchEventKinds.OVERFLOW || wakeup.concerns(e.context()))) {
                    wakeup.signal();
                }
            }
            if (!valid) {
                synchronized (LOCK) {
                    sharing.forEach(FileWatch::forget); // the folder is gone: its consumers poll from now on
                    if (service == watching) {
                        closeIfUnused();
                    }
                }
            }
        }
    }
}
