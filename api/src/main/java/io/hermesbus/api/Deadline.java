package io.hermesbus.api;

import java.util.concurrent.TimeUnit;

/**
 * When a wait ends: a length of time, measured on {@link System#nanoTime()} from the first time the deadline is
 * asked about, or never. A consumer's wait for an event gets one made from its timeout ({@link #after(Integer)}:
 * {@code null} is never, {@code 0} has passed at once, as Hermes' {@code setTimeout} means them). The clock starts
 * when the waiting does, so that a record found at once costs no clock read.
 *
 * <p>Used by one thread: the one that waits.
 */
public final class Deadline {
    /** Nanoseconds from the start to the deadline; {@code -1} for never. */
    private final long timeoutNanos;
    /** When the deadline was first asked about; 0 until then. */
    private long startNanos;

    private Deadline(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * A deadline {@code timeoutMs} milliseconds from now; {@code null} never passes, {@code 0} has passed already.
     *
     * @throws IllegalArgumentException if {@code timeoutMs} is negative
     */
    public static Deadline after(Integer timeoutMs) {
        if (timeoutMs == null) {
            return never();
        }
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("a timeout must be >= 0 ms, or null for none; got " + timeoutMs + " ms");
        }
        return new Deadline(TimeUnit.MILLISECONDS.toNanos(timeoutMs));
    }

    /** A deadline that never passes. */
    public static Deadline never() {
        return new Deadline(-1);
    }

    /** Whether this deadline never passes. */
    public boolean isNever() {
        return timeoutNanos < 0;
    }

    /** Whether the deadline has passed: always for a timeout of 0, never for {@link #never()}. */
    public boolean passed() {
        return timeoutNanos == 0 || remainingNanos() == 0;
    }

    /** Nanoseconds left: {@code 0} once passed, {@link Long#MAX_VALUE} for {@link #never()}. */
    public long remainingNanos() {
        if (isNever()) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, timeoutNanos - elapsedNanos());
    }

    /**
     * Milliseconds left, rounded up so that a wait of that length never ends early: {@code 0} once passed,
     * {@link Long#MAX_VALUE} for {@link #never()}.
     */
    public long remainingMs() {
        long nanos = remainingNanos();
        return nanos == Long.MAX_VALUE ? nanos : (nanos + 999_999) / 1_000_000;
    }

    /** Milliseconds since the deadline was first asked about. */
    public long elapsedMs() {
        return TimeUnit.NANOSECONDS.toMillis(elapsedNanos());
    }

    /**
     * Sleeps {@code atMostMs} milliseconds, or until the deadline if it comes first: how a bus that polls waits
     * between two looks. Returns at once when the deadline has passed.
     *
     * @throws InterruptedException if the thread is interrupted before or while it sleeps
     */
    public void sleep(long atMostMs) throws InterruptedException {
        long nanos = Math.min(TimeUnit.MILLISECONDS.toNanos(atMostMs), remainingNanos());
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    }

    private long elapsedNanos() {
        long now = System.nanoTime();
        if (startNanos == 0) {
            startNanos = now == 0 ? 1 : now;
        }
        return now - startNanos;
    }

    @Override
    public String toString() {
        return isNever() ? "never" : remainingMs() + " ms left";
    }
}
