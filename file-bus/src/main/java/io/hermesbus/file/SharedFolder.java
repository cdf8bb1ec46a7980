package io.hermesbus.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What all plugins of one bus folder share inside this JVM: the writers' lock and the wake-up signal for waiting
 * consumers. One instance per canonical folder path, counted by {@link #acquire} and {@link #release}.
 *
 * <p>Why the writers' lock is shared: the OS lock on {@code writer.lock} belongs to the whole JVM. A second
 * {@code FileChannel.lock} on it in the same JVM throws {@code OverlappingFileLockException}, and closing
 * <em>any</em> channel on that file releases every lock the JVM holds on it. So the JVM keeps a single channel on
 * the lock file per folder, open while any plugin of the folder is open, and threads take turns with an in-JVM
 * lock before taking the OS lock.
 */
final class SharedFolder {
    private static final Map<Path, SharedFolder> OPEN = new HashMap<>();

    private final Path folder;
    private int users;

    private final ReentrantLock writers = new ReentrantLock();
    /** The channel on writer.lock; opened by the first writer, closed with the last user. Guarded by {@link #writers}. */
    private FileChannel lockChannel;
    private FileLock heldLock;
    private final ByteBuffer writerId = ByteBuffer.allocate(Long.BYTES);

    private final AtomicLong appends = new AtomicLong();
    private final AtomicInteger waiters = new AtomicInteger();
    private final ReentrantLock signalLock = new ReentrantLock();
    private final Condition appended = signalLock.newCondition();

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
     * Takes the writers' lock: first this JVM's, then the OS lock shared with other processes. Blocks until both
     * are held.
     *
     * @throws IOException if the OS lock cannot be taken; nothing is held then
     */
    void lockWriters() throws IOException {
        writers.lock();
        try {
            if (lockChannel == null || !lockChannel.isOpen()) {
                // an interrupt during lock() closes the channel; open it again rather than fail forever
                lockChannel = FileChannel.open(folder.resolve(SegmentFormat.LOCK_FILE),
                        StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            heldLock = lockChannel.lock();
        } catch (IOException | RuntimeException | Error e) {
            writers.unlock();
            throw e;
        }
    }

    /** Releases what {@link #lockWriters} took. */
    void unlockWriters() {
        try {
            if (heldLock != null && heldLock.isValid()) {
                heldLock.release();
            }
        } catch (IOException e) {
            // the lock dies with its channel: close it, the next writer opens a new one
            closeLockChannel();
        } finally {
            heldLock = null;
            writers.unlock();
        }
    }

    /**
     * The id of the writer that changed the folder last, as recorded in writer.lock; 0 when none is. Only while
     * holding the writers' lock. Read through the lock's own channel: opening and closing another channel on
     * writer.lock would release this JVM's lock.
     */
    long lastWriterId() throws IOException {
        writerId.clear();
        return FileIo.readFully(lockChannel, writerId, 0) == Long.BYTES ? writerId.getLong(0) : 0;
    }

    /** Records {@code id} as the writer that changes the folder from now on. Only while holding the writers' lock. */
    void recordWriter(long id) throws IOException {
        writerId.clear();
        writerId.putLong(id).flip();
        FileIo.writeFully(lockChannel, writerId, 0);
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

    /** A counter that grows with every append made in this JVM; consumers read it before looking for events. */
    long appendCount() {
        return appends.get();
    }

    /** Called by a writer of this JVM after each append: wakes the consumers that wait. */
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
