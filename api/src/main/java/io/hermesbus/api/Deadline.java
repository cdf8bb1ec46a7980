package io.hermesbus.api;

import java.util.concurrent.TimeUnit;

/**
 * When a wait ends: a length of time, measured on {@link System#nanoTime()} from the first time the deadline is
 * asked about, or never. A consumer's wait for an event gets one made from its timeout ({@link #after(Integer)}:
 * {@code null} is never, {@code 0} has passed at once, as Hermes' {@code setTimeout} means them). The clock starts
 * when the waiting does, so that a record found at once costs neither a clock read nor, for those two, an object.
 *
 * <p>A deadline of some length is used by one thread, the one that waits; {@link #never()} and a deadline of
 * {@code 0} may be shared.
 */
public final class Deadline {
    private static final long NEVER = -1;
    private static final Deadline NOT_AT_ALL = new Deadline(NEVER);
    private static final Deadline AT_ONCE = new Deadline(0);

    /** Nanoseconds from the start to the deadline, or {@link #NEVER}. */
    private final long timeoutNanos;
    /** When the deadline was first asked about; 0 until then. Never set for {@code never()} nor a length of 0. */
    private long startNanos;

    private Deadline(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * A deadline {@code timeoutMs} milliseconds from when it is first asked about; {@code null} never passes, {@code 0}
     * has passed already.
     *
     * @param timeoutMs the length in milliseconds, {@code >= 0}; {@code null} for no deadline
     * @return a deadline; {@link #never()} for {@code null}, a shared one that has passed for {@code 0}
     * @throws IllegalArgumentException if {@code timeoutMs} is negative
     */
    public static Deadline after(Integer timeoutMs) {
        if (timeoutMs == null) {
            return NOT_AT_ALL;
        }
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("a timeout must be >= 0 ms, or null for none; got " + timeoutMs + " ms");
        }
        return timeoutMs == 0 ? AT_ONCE : new Deadline(TimeUnit.MILLISECONDS.toNanos(timeoutMs));
    }

    /**
     * A deadline that never passes.
     *
     * @return one shared instance
     */
    public static Deadline never() {
        return NOT_AT_ALL;
    }

    /**
     * Whether this deadline never passes.
     *
     * @return true only for {@link #never()} (and {@code after(null)}, which is it)
     */
    public boolean isNever() {
        return timeoutNanos == NEVER;
    }

    /**
     * Whether the deadline has passed: at once for a timeout of 0, never for {@link #never()}.
     *
     * @return true once the time is up; always for a timeout of 0, never for {@link #never()}
     */
    public boolean passed() {
        return remainingNanos() == 0;
    }

    /**
     * Nanoseconds left: {@code 0} once passed, {@link Long#MAX_VALUE} for {@link #never()}.
     *
     * @return nanoseconds, {@code >= 0}
     */
    public long remainingNanos() {
        if (timeoutNanos == NEVER) {
            return Long.MAX_VALUE;
        }
        return timeoutNanos == 0 ? 0 : Math.max(0, timeoutNanos - elapsedNanos());
    }

    /**
     * Milliseconds left, rounded up so that a wait of that length never ends early: {@code 0} once passed,
     * {@link Long#MAX_VALUE} for {@link #never()}.
     *
     * @return milliseconds, {@code >= 0}
     */
    public long remainingMs() {
        long nanos = remainingNanos();
        return nanos == Long.MAX_VALUE ? nanos : (nanos + 999_999) / 1_000_000;
    }

    /**
     * Milliseconds since the deadline was first asked about; 0 for {@link #never()} and a timeout of 0.
     *
     * @return milliseconds, {@code >= 0}
     */
    public long elapsedMs() {
        return TimeUnit.NANOSECONDS.toMillis(elapsedNanos());
    }

    /**
     * Sleeps {@code atMostMs} milliseconds, or until the deadline if it comes first: how a bus that polls waits
     * between two looks. Returns at once when the deadline has passed.
     *
     * @param atMostMs the longest sleep, in milliseconds; {@code <= 0} does not sleep
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
        if (timeoutNanos == NEVER || timeoutNanos == 0) {
            return 0; // these two are shared: they keep no clock
        }
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
