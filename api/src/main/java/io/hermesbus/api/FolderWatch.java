package io.hermesbus.api;

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

/**
 * This JVM's one watch on the folders that waiting consumers of file-based buses depend on: a single
 * {@link WatchService} (on Linux one inotify instance, with one watch per folder, and the JDK's own thread reading
 * it), and one relay thread that hands each folder's changes to its {@linkplain Listener listeners}. A consumer waiting
 * for what another process writes can so wake as soon as the kernel reports the write, instead of at its next poll.
 *
 * <p>One service for the whole JVM, not one per folder or consumer: each inotify instance counts against the user's
 * {@code fs.inotify.max_user_instances} (often 128), a watch only against {@code max_user_watches} (tens of
 * thousands). It is opened with the first registration and closed with the last, so a JVM without waiting consumers
 * keeps neither an inotify instance nor a thread. Entries created, modified and deleted are watched. Watching never
 * writes to the folder.
 */
public final class FolderWatch {
    private static final Object LOCK = new Object();
    /** Open while a folder is watched. Guarded by {@link #LOCK}. */
    private static WatchService service;
    /**
     * The registrations of each key. Two paths to one directory (a bind mount) get the same key from the kernel.
     * Replaced, never changed, under {@link #LOCK}; read by the relay without it.
     */
    private static volatile Map<WatchKey, List<Registration>> registrations = Map.of();

    private FolderWatch() {
    }

    /**
     * What a folder's watch reports to. Called on the relay thread: return quickly, and never wait for a lock that is
     * held while calling {@link #watch} or {@link Registration#close()}.
     */
    public interface Listener {
        /**
         * Entries of the folder changed. {@code events} name them (their context is the entry's name, relative to the
         * folder); an {@link StandardWatchEventKinds#OVERFLOW} event means the kernel lost some: anything may have
         * changed.
         *
         * @param events the changes, in the order the kernel reported them
         */
        void changed(List<WatchEvent<?>> events);

        /**
         * The watch ended by itself (the folder was deleted, or its file system unmounted): no more calls follow for
         * {@code ended}. Called at most once, possibly just after its holder closed it or replaced it: compare
         * {@code ended} with the registration held.
         *
         * @param ended the registration whose watch ended
         */
        void lost(Registration ended);
    }

    /** One folder watched for one listener, until {@link #close()} or {@link Listener#lost}. */
    public static final class Registration implements AutoCloseable {
        private final WatchKey key;
        private final Listener listener;

        private Registration(WatchKey key, Listener listener) {
            this.key = key;
            this.listener = listener;
        }

        /** Stops this watch; the last registration closes the service and its threads. Idempotent. */
        @Override
        public void close() {
            synchronized (LOCK) {
                forget(this);
                closeIfUnused();
            }
        }
    }

    /**
     * Watches {@code folder} for {@code listener}, opening the service (and starting the relay) if none is open.
     *
     * @param folder the folder to watch (its entries, not its subfolders' entries)
     * @param listener told of the folder's changes until the registration is closed or lost
     * @return the registration; close it to stop watching
     * @throws IOException if the folder cannot be watched: no inotify instance or watch left, the folder is gone
     * @throws UnsupportedOperationException if the folder's file system offers no watch service
     */
    public static Registration watch(Path folder, Listener listener) throws IOException {
        synchronized (LOCK) {
            if (service == null) {
                service = FileSystems.getDefault().newWatchService();
                WatchService started = service;
                Thread relay = new Thread(() -> relay(started), "hermes-bus folder watch");
                relay.setDaemon(true);
                relay.start();
            }
            WatchKey key;
            try {
                key = folder.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            } catch (IOException | RuntimeException e) {
                closeIfUnused();
                throw e;
            }
            Registration registration = new Registration(key, listener);
            Map<WatchKey, List<Registration>> next = new HashMap<>(registrations);
            List<Registration> sharing = new ArrayList<>(next.getOrDefault(key, List.of()));
            sharing.add(registration);
            next.put(key, List.copyOf(sharing));
            registrations = Map.copyOf(next);
            return registration;
        }
    }

    /**
     * Whether this JVM has a watch service open: for tests, which check that none outlives its consumers.
     *
     * @return true while at least one registration is held
     */
    public static boolean isOpen() {
        synchronized (LOCK) {
            return service != null;
        }
    }

    /**
     * How many registrations this JVM holds: for tests.
     *
     * @return the number of registrations not yet closed nor lost; 0 when no service is open
     */
    public static int registrations() {
        return registrations.values().stream().mapToInt(List::size).sum();
    }

    /** Removes {@code registration}; whether it was still there. Under {@link #LOCK}. */
    private static boolean forget(Registration registration) {
        List<Registration> sharing = registrations.get(registration.key);
        if (sharing == null || !sharing.contains(registration)) {
            return false;
        }
        Map<WatchKey, List<Registration>> next = new HashMap<>(registrations);
        List<Registration> left = new ArrayList<>(sharing);
        left.remove(registration);
        if (left.isEmpty()) {
            next.remove(registration.key);
            registration.key.cancel();
        } else {
            next.put(registration.key, List.copyOf(left));
        }
        registrations = Map.copyOf(next);
        return true;
    }

    private static void closeIfUnused() {
        if (registrations.isEmpty() && service != null) {
            try {
                service.close(); // closes the inotify instance; the JDK's thread ends, and the relay's take() throws
            } catch (IOException ignored) {
                // nothing more can be done with it; a new one is opened when a folder is watched again
            }
            service = null;
        }
    }

    /** The relay's loop: hands each signalled key's events to its listeners; ends when its service is closed. */
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
            List<Registration> sharing = registrations.getOrDefault(key, List.of());
            if (valid) {
                sharing.forEach(registration -> registration.listener.changed(events));
                continue;
            }
            List<Registration> ended = new ArrayList<>();
            synchronized (LOCK) {
                for (Registration registration : sharing) {
                    if (forget(registration)) {
                        ended.add(registration);
                    }
                }
                if (service == watching) {
                    closeIfUnused();
                }
            }
            // outside the lock: a listener may take its own lock, which it also holds while closing a registration
            ended.forEach(registration -> registration.listener.lost(registration));
        }
    }
}
