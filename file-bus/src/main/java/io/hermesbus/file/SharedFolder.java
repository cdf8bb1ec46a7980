package io.hermesbus.file;

import io.hermesbus.api.FolderWatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchEvent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What all plugins of one bus folder share inside this JVM: the writers' lock and the wake-up signal for waiting
 * consumers, which the writers of this JVM give after each append and, while consumers wait, the folder's watch
 * ({@link FolderWatch}) after each change another process makes. One instance per canonical folder path, counted by
 * {@link #acquire} and {@link #release}.
 *
 * <p>Why the writers' lock is shared: the OS lock on {@code writer.lock} belongs to the whole JVM. A second
 * {@code FileChannel.lock} on it in the same JVM throws {@code OverlappingFileLockException}, and closing
 * <em>any</em> channel on that file releases every lock the JVM holds on it. So the JVM keeps a single channel on
 * the lock file per folder, open while any plugin of the folder is open, and threads take turns with an in-JVM
 * lock before taking the OS lock.
 *
 * <p>Why a lease: taking and releasing the OS lock costs more than writing a record. So writers in {@code group}
 * and {@code os} mode keep it between sends ({@link #unlockWriters unlockWriters(true)}) until their timer or
 * their close calls {@link #endLease}; the in-JVM lock is still taken per send.
 *
 * <p>Why buffered writers are registered here: a writer with {@code write_behind} keeps acknowledged records in
 * this JVM's memory until it writes them. Whenever this JVM is about to give up the OS lock (a lease's end, an
 * unlock without lease), and whenever a {@code FileBus} change asks for it ({@link #writePending}), every such
 * buffer of the folder is written first, by whichever thread holds the lock: another process that takes the lock
 * then finds them in the log, before its own appends.
 */
final class SharedFolder {
    private static final Map<Path, SharedFolder> OPEN = new HashMap<>();

    private final Path folder;
    private int users;

    private final ReentrantLock writers = new ReentrantLock();
    /** The channel on writer.lock; opened by the first writer, closed with the last user. Guarded by {@link #writers}. */
    private FileChannel lockChannel;
    /** The OS lock while held: during a send, and between sends while this JVM keeps it on a lease. */
    private FileLock heldLock;
    /** Whether {@link #heldLock} is kept between sends; volatile so that {@link #endLease} can skip the lock. */
    private volatile boolean leased;
    /** The id in writer.lock as of this OS lock acquisition; 0 when not read yet. Guarded by {@link #writers}. */
    private long knownWriterId;
    /** Before this {@code System.nanoTime()}, this JVM leaves the OS lock to others. Guarded by {@link #writers}. */
    private long handoffUntil = System.nanoTime();
    private final ByteBuffer writerId = ByteBuffer.allocate(Long.BYTES);
    /** The write-behind buffers of this folder's writers in this JVM; replaced whole under {@link #writers}. */
    private volatile PendingWrites[] buffered = new PendingWrites[0];

    /** A writer's buffer of acknowledged records not yet written ({@code write_behind}). */
    interface PendingWrites {
        /**
         * Writes the buffered records; called with the writers' lock (in-JVM and OS) held. Never throws: a failure
         * is kept by the writer and reported by its next send or its close.
         */
        void writePendingLocked();
    }

    private final AtomicLong appends = new AtomicLong();
    private final AtomicInteger waiters = new AtomicInteger();
    private final ReentrantLock signalLock = new ReentrantLock();
    private final Condition appended = signalLock.newCondition();

    /** How long a consumer waits before trying again to watch a folder that could not be watched. */
    static final long WATCH_RETRY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static volatile boolean watchUnavailable;
    private final Object watchLock = new Object();
    /** The consumers of this JVM that wait on the folder (see {@link #startWatching}). Guarded by {@link #watchLock}. */
    private int watchers;
    /** The folder's watch while it has one. Guarded by {@link #watchLock}. */
    private FolderWatch.Registration watch;
    /** Whether {@link #watch} is set: read without the lock by waiting consumers. */
    private volatile boolean watched;
    /** The {@code System.nanoTime()} from which a failed or lost watch is tried again. Guarded by {@link #watchLock}. */
    private long watchRetryAt;

    private SharedFolder(Path folder) {
        this.folder = folder;
    }

    /** The shared state of {@code canonicalFolder} (a real path), counted as one more user. */
    static SharedFolder acquire(Path canonicalFolder) {
        synchronized (OPEN) {
            SharedFolder shared = OPEN.computeIfAbsent(canonicalFolder, SharedFolder::new);
            shared.users++;
            return shared;
        }
    }

    /**
     * One user fewer; the last one closes the lock file's channel. That happens inside the registry's monitor, so
     * that a new instance for the same folder cannot open its channel before this one is closed (closing it would
     * release the new one's lock).
     */
    void release() {
        synchronized (OPEN) {
            if (--users > 0) {
                return;
            }
            OPEN.remove(folder);
            closeLockChannel();
        }
    }

    Path folder() {
        return folder;
    }

    /**
     * Takes the writers' lock: first this JVM's, then the OS lock shared with other processes, unless this JVM still
     * holds that on a lease. Blocks until both are held. Right after a lease ended, first waits out the handoff that
     * {@link #endLease} asked for.
     *
     * @throws IOException if the OS lock cannot be taken; nothing is held then
     */
    void lockWriters() throws IOException {
        writers.lock();
        try {
            if (heldLock != null && heldLock.isValid()) {
                return; // leased: nobody else can have changed the folder meanwhile
            }
            long handoff = handoffUntil - System.nanoTime();
            if (handoff > 0) {
                LockSupport.parkNanos(this, handoff);
            }
            if (lockChannel == null || !lockChannel.isOpen()) {
                // an interrupt during lock() closes the channel; open it again rather than fail forever
                lockChannel = FileIo.open(folder.resolve(SegmentFormat.LOCK_FILE),
                        StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            heldLock = lockChannel.lock();
            knownWriterId = 0;
        } catch (IOException | RuntimeException | Error e) {
            writers.unlock();
            throw e;
        }
    }

    /**
     * Releases what {@link #lockWriters} took; with {@code keepLease}, this JVM keeps the OS lock until
     * {@link #endLease}, so that its next sends skip taking it and checking the writer id.
     */
    void unlockWriters(boolean keepLease) {
        try {
            leased = keepLease && heldLock != null && heldLock.isValid();
            if (!keepLease) {
                writePendingBeforeRelease();
                releaseOsLock();
            }
        } finally {
            writers.unlock();
        }
    }

    /**
     * Releases the OS lock if this JVM keeps it on a lease. Called every {@code sync_interval_ms} by the writers'
     * timer and when a writer closes; blocks while a writer of this JVM holds the lock. This JVM then leaves the OS
     * lock alone for {@code handoffNanos}: the kernel does not queue lock waiters, so re-locking at once would
     * usually win it again before a process blocked on it is even woken.
     */
    void endLease(long handoffNanos) {
        if (!leased) {
            return; // nothing to release; a lease taken right after this check ends at the next call
        }
        writers.lock();
        try {
            if (leased) {
                leased = false;
                writePendingBeforeRelease();
                releaseOsLock();
                handoffUntil = System.nanoTime() + handoffNanos;
            }
        } finally {
            writers.unlock();
        }
    }

    /** Registers a writer's write-behind buffer, written whenever this JVM gives up the OS lock. */
    void addPendingWrites(PendingWrites writes) {
        writers.lock();
        try {
            PendingWrites[] now = Arrays.copyOf(buffered, buffered.length + 1);
            now[now.length - 1] = writes;
            buffered = now;
        } finally {
            writers.unlock();
        }
    }

    /** Forgets a buffer registered with {@link #addPendingWrites}; it is not written any more. */
    void removePendingWrites(PendingWrites writes) {
        writers.lock();
        try {
            buffered = Arrays.stream(buffered).filter(w -> w != writes).toArray(PendingWrites[]::new);
        } finally {
            writers.unlock();
        }
    }

    /**
     * Writes every write-behind buffer of this folder in this JVM. Only while holding the writers' lock (in-JVM and
     * OS), and before the holder looks at the log: a {@code FileBus} change then sees every event that a send of
     * this JVM acknowledged.
     */
    void writePending() {
        for (PendingWrites writes : buffered) {
            writes.writePendingLocked();
        }
    }

    private void writePendingBeforeRelease() {
        if (buffered.length > 0 && heldLock != null && heldLock.isValid()) {
            writePending();
        }
    }

    private void releaseOsLock() {
        try {
            if (heldLock != null && heldLock.isValid()) {
                heldLock.release();
            }
        } catch (IOException e) {
            // the lock dies with its channel: close it, the next writer opens a new one
            closeLockChannel();
        } finally {
            heldLock = null;
        }
    }

    /**
     * The id of the writer that changed the folder last, as recorded in writer.lock; 0 when none is. Only while
     * holding the writers' lock. Read once per OS lock acquisition: while this JVM holds the lock, only its own
     * {@link #recordWriter} can change it. Read through the lock's own channel: opening and closing another channel
     * on writer.lock would release this JVM's lock.
     */
    long lastWriterId() throws IOException {
        if (knownWriterId == 0) {
            writerId.clear();
            knownWriterId = FileIo.readFully(lockChannel, writerId, 0) == Long.BYTES ? writerId.getLong(0) : 0;
        }
        return knownWriterId;
    }

    /** Records {@code id} as the writer that changes the folder from now on. Only while holding the writers' lock. */
    void recordWriter(long id) throws IOException {
        knownWriterId = 0; // unknown if the write fails half-way
        writerId.clear();
        writerId.putLong(id).flip();
        FileIo.writeFully(lockChannel, writerId, 0);
        knownWriterId = id;
    }

    /** Takes only this JVM's part of the writers' lock: enough to keep this JVM's writers out while one closes. */
    void lockInJvm() {
        writers.lock();
    }

    void unlockInJvm() {
        writers.unlock();
    }

    private void closeLockChannel() {
        if (lockChannel != null) {
            try {
                lockChannel.close();
            } catch (IOException ignored) {
                // closing releases the lock, which is all that matters
            }
            lockChannel = null;
        }
    }

    /**
     * A counter that grows with every append made in this JVM, and, while the folder is watched, with every change
     * another process makes to it; consumers read it before looking for events.
     */
    long appendCount() {
        return appends.get();
    }

    /**
     * Called by a writer of this JVM after each append, and by the {@link FolderWatch} relay after each change to
     * the watched folder: wakes the consumers that wait.
     */
    void signalAppended() {
        appends.incrementAndGet();
        if (waiters.get() > 0) { // read after the increment: a waiter that registers later sees the new count
            signalLock.lock();
            try {
                appended.signalAll();
            } finally {
                signalLock.unlock();
            }
        }
    }

    /**
     * A consumer of this JVM starts waiting on the folder, until it calls {@link #stopWatching}: the first one
     * watches the folder ({@link FolderWatch}), so that appends made by other processes wake waiters at once. If the
     * folder cannot be watched, waiters poll; {@link #watched()} tries again now and then.
     */
    void startWatching() {
        synchronized (watchLock) {
            if (++watchers == 1) {
                tryWatch();
            }
        }
    }

    /** A consumer that called {@link #startWatching} no longer waits (it closes); the last one ends the watch. */
    void stopWatching() {
        synchronized (watchLock) {
            if (--watchers == 0 && watch != null) {
                watched = false;
                watch.close();
                watch = null;
            }
        }
    }

    /**
     * Whether appends made by other processes wake the waiting consumers now (the folder is watched). While it is
     * not (the watch failed or was lost), tries to watch it again once every {@link #WATCH_RETRY_NANOS}.
     */
    boolean watched() {
        if (watched) {
            return true;
        }
        synchronized (watchLock) {
            if (watchers > 0 && watch == null && System.nanoTime() - watchRetryAt >= 0) {
                tryWatch();
            }
            return watched;
        }
    }

    /** The folder's watch ended by itself (the folder was deleted, or its file system unmounted). */
    private void watchLost(FolderWatch.Registration ended) {
        synchronized (watchLock) {
            if (ended == watch) {
                watched = false;
                watch = null;
                watchRetryAt = System.nanoTime() + WATCH_RETRY_NANOS;
            }
        }
        signalAppended(); // the waiters look, and wait from now on by polling
    }

    private void tryWatch() {
        if (watchUnavailable) {
            watchRetryAt = System.nanoTime() + WATCH_RETRY_NANOS;
            return;
        }
        try {
            // what changed does not matter: every change makes the waiters look at their position, as after a poll
            watch = FolderWatch.watch(folder, new FolderWatch.Listener() {
                @Override
                public void changed(List<WatchEvent<?>> events) {
                    signalAppended();
                }

                @Override
                public void lost(FolderWatch.Registration ended) {
                    watchLost(ended);
                }
            });
            watched = true;
            // an append may have come between a waiter's last look and now, unreported: make every waiter look again
            signalAppended();
        } catch (IOException | RuntimeException e) {
            // no inotify instance or watch left, a file system without watches, ...: the waiters poll meanwhile
            watchRetryAt = System.nanoTime() + WATCH_RETRY_NANOS;
        }
    }

    /** Test seam: makes every folder of this JVM fail to be watched from now on, as when no inotify instance is left. */
    static void makeWatchUnavailable(boolean unavailable) {
        watchUnavailable = unavailable;
    }

    /**
     * Waits until an append of this JVM moves {@link #appendCount()} away from {@code seen}, or {@code nanos} pass.
     *
     * @throws InterruptedException if the thread is interrupted
     */
    void awaitAppend(long seen, long nanos) throws InterruptedException {
        signalLock.lockInterruptibly();
        waiters.incrementAndGet();
        try {
            long left = nanos;
            while (appends.get() == seen && left > 0) {
                left = appended.awaitNanos(left);
            }
        } finally {
            waiters.decrementAndGet();
            signalLock.unlock();
        }
    }
}
