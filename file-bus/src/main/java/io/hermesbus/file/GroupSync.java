package io.hermesbus.file;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Group commit for {@code durability = group}: appends return after their write; a daemon thread forces the
 * active segment every {@code sync_interval_ms} when something is unforced, and the appending thread forces
 * itself once {@code sync_events} appends are unforced. A force makes durable everything written to the file
 * before it started, whoever wrote it.
 *
 * <p>The same tick ends this JVM's lease on the writers' OS lock ({@link SharedFolder#endLease}), after the force,
 * so that writers in other processes get their turn at least every {@code sync_interval_ms}. An {@code os} writer
 * has this timer too, for the lease only: it counts no appends, so its tick never forces.
 *
 * <p>The thread is never interrupted: an interrupt during {@code force} would close the writer's channel.
 */
final class GroupSync {
    /**
     * The longest this JVM leaves the writers' OS lock to other processes after a tick ended its lease (see
     * {@link SharedFolder#endLease}): long enough for a process blocked on the lock to be woken and take it (measured
     * on a loaded 2-core VM: 80 us typically, 600 us at the 99th percentile; parking overshoots by about 100 us).
     * At most a tenth of the interval, so that a writer without rivals loses little of each lease.
     */
    private static final long MAX_HANDOFF_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

    private final Path folder;
    private final SharedFolder shared;
    private final long intervalNanos;
    private final long handoffNanos;
    private final long maxUnforced;
    /** Appends counted so far; the writer increments it under the writers' lock. */
    private final AtomicLong appended = new AtomicLong();
    /** All appends up to this count are forced. */
    private final AtomicLong forced = new AtomicLong();
    private volatile FileChannel channel;
    /** A failure of the thread's force, reported by the next append. */
    private volatile IOException failure;
    private volatile boolean stopped;
    private Thread thread;

    GroupSync(SharedFolder shared, long intervalMs, long maxUnforced) {
        this.folder = shared.folder();
        this.shared = shared;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.handoffNanos = Math.min(MAX_HANDOFF_NANOS, intervalNanos / 10);
        this.maxUnforced = maxUnforced;
    }

    /** Starts the forcing thread on the writer's active segment. */
    void start(FileChannel active) {
        channel = active;
        thread = new Thread(this::forceEveryInterval, "hermes-bus-file-group-sync " + folder);
        thread.setDaemon(true);
        thread.start();
    }

    /** The writer's active segment changed; the one before was forced. */
    void switchTo(FileChannel active) {
        channel = active;
    }

    /**
     * Called by the writer after each append to {@code active}; forces when too many appends are unforced.
     *
     * @throws IOException if this force fails, or the thread's last one did (reported once)
     */
    void afterAppend(FileChannel active) throws IOException {
        IOException failed = failure;
        if (failed != null) {
            failure = null;
            throw new IOException("forcing " + folder + " in the background failed: " + failed, failed);
        }
        long count = appended.incrementAndGet();
        if (count - forced.get() >= maxUnforced) {
            active.force(false);
            forcedUpTo(count);
        }
    }

    /** The writer forced everything itself (when finishing a segment). */
    void allForced() {
        forcedUpTo(appended.get());
    }

    private void forcedUpTo(long count) {
        forced.accumulateAndGet(count, Math::max);
    }

    private void forceEveryInterval() {
        while (!stopped) {
            LockSupport.parkNanos(this, intervalNanos);
            long count = appended.get();
            if (count > forced.get()) {
                try {
                    channel.force(false);
                    forcedUpTo(count);
                } catch (ClosedChannelException e) {
                    // the writer closed or replaced this channel meanwhile, having forced it; try again next time
                } catch (IOException e) {
                    failure = e;
                }
            }
            shared.endLease(handoffNanos);
        }
    }

    /** Stops the thread and waits for it (briefly); the writer forces a last time itself. */
    void stop() {
        stopped = true;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the caller's business; the thread ends on its own
            }
        }
    }
}
