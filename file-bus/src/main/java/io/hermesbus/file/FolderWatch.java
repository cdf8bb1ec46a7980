package io.hermesbus.file;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This JVM's one watch on the bus folders its consumers wait on: a single {@link WatchService} (on Linux one inotify
 * instance, with one watch per folder, and the JDK's own thread reading it), and one relay thread that turns each
 * change in a folder into the wake-up a writer of this JVM gives ({@link SharedFolder#signalAppended}). So a consumer
 * waiting for an append made by another process wakes as soon as the kernel reports the write, not at its next poll.
 *
 * <p>One service for the whole JVM, not one per folder or per consumer: each inotify instance counts against the
 * user's {@code fs.inotify.max_user_instances} (often 128), a watch only against {@code max_user_watches} (tens of
 * thousands). The service is opened with the first folder watched and closed with the last one, so a JVM without
 * waiting consumers keeps neither an inotify instance nor a thread.
 *
 * <p>What changed does not matter: every change wakes the folder's waiting consumers, which look at their position
 * as they would after a poll. Watched: {@code ENTRY_CREATE} (a new segment, renamed into place) and
 * {@code ENTRY_MODIFY} (a record written, a torn tail cut). An {@code OVERFLOW} wakes them too, so lost events lose
 * nothing. A key that is no longer valid (the folder was deleted, or its file system unmounted) is reported to its folders, which fall
 * back to polling. Watching never writes to the folder.
 */
final class FolderWatch {
    private static final Object LOCK = new Object();
    /** Open while a folder is watched. Guarded by {@link #LOCK}. */
    private static WatchService service;
    /**
     * The shared folders of each key. Usually one; two when two paths of this JVM lead to one directory (a bind
     * mount), since the kernel then gives both the same watch. Replaced, never changed, under {@link #LOCK}; read
     * by the relay without it.
     */
    private static volatile Map<WatchKey, List<SharedFolder>> folders = Map.of();

    private FolderWatch() {
    }

    /**
     * Watches {@code shared}'s folder, opening the service (and starting the relay) if none is open.
     *
     * @return the key, for {@link #unwatch}
     * @throws IOException if the folder cannot be watched: the service cannot be opened (no inotify instance left,
     *     for example) or the watch cannot be added (no watch left, or the folder is gone)
     * @throws UnsupportedOperationException if the file system offers no watch service
     */
    static WatchKey watch(SharedFolder shared) throws IOException {
        synchronized (LOCK) {
            if (service == null) {
                service = FileSystems.getDefault().newWatchService();
                WatchService started = service;
                Thread relay = new Thread(() -> relay(started), "hermes-bus file-bus watch");
                relay.setDaemon(true);
                relay.start();
            }
            WatchKey key;
            try {
                key = shared.folder().register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            } catch (IOException | RuntimeException e) {
                closeIfUnused();
                throw e;
            }
            Map<WatchKey, List<SharedFolder>> next = new HashMap<>(folders);
            List<SharedFolder> sharing = new ArrayList<>(next.getOrDefault(key, List.of()));
            sharing.add(shared);
            next.put(key, List.copyOf(sharing));
            folders = Map.copyOf(next);
            return key;
        }
    }

    /** Stops watching for {@code shared}; the last folder closes the service, which ends both threads. */
    static void unwatch(WatchKey key, SharedFolder shared) {
        synchronized (LOCK) {
            forget(key, shared);
            closeIfUnused();
        }
    }

    /** Whether this JVM has a watch service open: for tests, which check that none outlives its consumers. */
    static boolean isOpen() {
        synchronized (LOCK) {
            return service != null;
        }
    }

    /** How many folders this JVM watches: for tests. */
    static int watchedFolders() {
        return folders.values().stream().mapToInt(List::size).sum();
    }

    private static void forget(WatchKey key, SharedFolder shared) {
        List<SharedFolder> sharing = folders.get(key);
        if (sharing == null || !sharing.contains(shared)) {
            return;
        }
        Map<WatchKey, List<SharedFolder>> next = new HashMap<>(folders);
        List<SharedFolder> left = new ArrayList<>(sharing);
        left.remove(shared);
        if (left.isEmpty()) {
            next.remove(key);
            key.cancel();
        } else {
            next.put(key, List.copyOf(left));
        }
        folders = Map.copyOf(next);
    }

    private static void closeIfUnused() {
        if (folders.isEmpty() && service != null) {
            try {
                service.close(); // closes the inotify instance; the JDK's thread ends, and the relay's take() throws
            } catch (IOException ignored) {
                // nothing more can be done with it; a new one is opened when a folder is watched again
            }
            service = null;
        }
    }

    /** The relay's loop: each signalled key wakes its folders' consumers; ends when its service is closed. */
    private static void relay(WatchService watching) {
        while (true) {
            WatchKey key;
            try {
                key = watching.take();
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            }
            key.pollEvents(); // what changed does not matter; taking the events lets reset() wait for new ones
            boolean valid = key.reset();
            List<SharedFolder> sharing = folders.getOrDefault(key, List.of());
            for (SharedFolder shared : sharing) {
                if (valid) {
                    shared.signalAppended();
                } else {
                    shared.watchLost(key);
                }
            }
            if (!valid) {
                synchronized (LOCK) {
                    for (SharedFolder shared : sharing) {
                        forget(key, shared);
                    }
                    if (service == watching) {
                        closeIfUnused();
                    }
                }
            }
        }
    }
}
