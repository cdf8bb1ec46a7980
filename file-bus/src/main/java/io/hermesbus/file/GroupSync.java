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
 * active segment every {@code sync_interval_ms} when something is unforced, and the writing thread forces
 * itself once {@code sync_events} appends are unforced. A force makes durable everything written to the file
 * before it started, whoever wrote it.
 *
 * <p>With {@code write_behind}, each tick first writes the writer's buffered records ({@code beforeForce}), so
 * that the force that follows covers them; and a write that brings the unforced appends to {@code sync_events}
 * asks this thread for a force at once rather than forcing itself, so that the sender goes on filling its buffer
 * while the disk works. In {@code group} mode a second daemon thread writes them every
 * {@code sync_interval_ms} too, so that a force that takes long (a busy disk: tens to hundreds of milliseconds)
 * never keeps events from consumers: whichever of the two comes first writes the buffer, the other finds it empty.
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
    /** Whether ticks force: {@code group} mode; an {@code os} writer's timer only ends leases (and writes behind). */
    private final boolean forces;
    /** Run at each tick before the force: writing a write-behind buffer; null without write_behind. */
    private final Runnable beforeForce;
    /** Appends counted so far; the writer increments it under the writers' lock. */
    private final AtomicLong appended = new AtomicLong();
    /** All appends up to this count are forced. */
    private final AtomicLong forced = new AtomicLong();
    private volatile FileChannel channel;
    /** A failure of the thread's force, reported by the next send ({@link #takeFailure}). */
    private volatile IOException failure;
    private volatile boolean stopped;
    /** Write-behind: a writer reached {@code sync_events} unforced appends and asks for a force now. */
    private volatile boolean forceRequested;
    private Thread thread;
    /** Group mode with write-behind: writes the buffer every interval, whatever the forces cost; else null. */
    private Thread writer;

    GroupSync(SharedFolder shared, long intervalMs, long maxUnforced, boolean forces, Runnable beforeForce) {
        this.folder = shared.folder();
        this.shared = shared;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.handoffNanos = Math.min(MAX_HANDOFF_NANOS, intervalNanos / 10);
        this.maxUnforced = maxUnforced;
        this.forces = forces;
        this.beforeForce = beforeForce;
    }

    /** Starts the forcing thread on the writer's active segment. */
    void start(FileChannel active) {
        channel = active;
        thread = new Thread(this::forceEveryInterval, "hermes-bus-file-group-sync " + folder);
        thread.setDaemon(true);
        thread.start();
        if (forces && beforeForce != null) {
            writer = new Thread(this::writeEveryInterval, "hermes-bus-file-write-behind " + folder);
            writer.setDaemon(true);
            writer.start();
        }
    }

    private void writeEveryInterval() {
        while (!stopped) {
            LockSupport.parkNanos(this, intervalNanos);
            if (!stopped) {
                beforeForce.run();
            }
        }
    }

    /** The writer's active segment changed; the one before was forced. */
    void switchTo(FileChannel active) {
        channel = active;
    }

    /**
     * Called by the writer, under the writers' lock, after writing a batch of {@code records} to {@code active};
     * in {@code group} mode forces when {@code sync_events} or more appends are unforced.
     *
     * @throws IOException if this force fails
     */
    void afterAppend(FileChannel active, int records) throws IOException {
        if (!forces) {
            return;
        }
        long count = appended.addAndGet(records);
        if (count - forced.get() >= maxUnforced && beforeForce != null) {
            // write-behind: the sender goes on filling its buffer while this thread forces
            forceRequested = true;
            LockSupport.unpark(thread);
            return;
        }
        if (count - forced.get() >= maxUnforced) {
            CrashSeam.beforeForce(count - forced.get());
            active.force(false);
            forcedUpTo(count);
        }
    }

    /** Appends written and not yet forced ({@code group} mode; 0 otherwise). */
    long unforced() {
        return appended.get() - forced.get();
    }

    /** The failure of a background force since the last call, if any, as an exception to report; clears it. */
    IOException takeFailure() {
        IOException failed = failure;
        if (failed == null) {
            return null;
        }
        failure = null;
        return new IOException("forcing " + folder + " in the background failed (events that send had acknowledged"
                + " may not be durable): " + failed, failed);
    }

    /** The writer forced everything itself (when finishing a segment). */
    void allForced() {
        forcedUpTo(appended.get());
    }

    private void forcedUpTo(long count) {
        forced.accumulateAndGet(count, Math::max);
    }

    private void forceEveryInterval() {
        long nextTick = System.nanoTime() + intervalNanos;
        while (!stopped) {
            LockSupport.parkNanos(this, nextTick - System.nanoTime());
            boolean tick = System.nanoTime() - nextTick >= 0;
            if (!tick && !forceRequested) {
                continue; // woken early for nothing (stop, or a spurious wake-up)
            }
            forceRequested = false;
            if (tick && beforeForce != null) {
                beforeForce.run();
            }
            long count = appended.get();
            if (count > forced.get()) {
                try {
                    CrashSeam.beforeForce(count - forced.get());
                    channel.force(false);
                    forcedUpTo(count);
                } catch (ClosedChannelException e) {
                    // the writer closed or replaced this channel meanwhile, having forced it; try again next time
                } catch (IOException e) {
                    failure = e;
                }
            }
            if (tick) {
                shared.endLease(handoffNanos);
                nextTick = System.nanoTime() + intervalNanos;
            }
        }
    }

    /** Stops the thread and waits for it (briefly); the writer forces a last time itself. */
    void stop() {
        stopped = true;
        for (Thread running : new Thread[] {thread, writer}) {
            if (running != null) {
                LockSupport.unpark(running);
                try {
                    running.join(TimeUnit.SECONDS.toMillis(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the caller's business; the thread ends on its own
                    return;
                }
            }
        }
    }
}
