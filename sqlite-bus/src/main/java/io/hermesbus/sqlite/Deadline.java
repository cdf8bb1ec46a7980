package io.hermesbus.sqlite;

/** The end of a wait of a consumer's timeout: milliseconds, or none ({@code null}: wait forever). */
final class Deadline {
    private final long start = System.nanoTime();
    private final Long timeoutNanos;

    private Deadline(Long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /** A deadline {@code timeoutMs} from now; {@code null} never passes. */
    static Deadline after(Integer timeoutMs) {
        return new Deadline(timeoutMs == null ? null : timeoutMs * 1_000_000L);
    }

    boolean passed() {
        return timeoutNanos != null && elapsedNanos() >= timeoutNanos;
    }

    /** Milliseconds left, rounded up so that a wait never ends early; {@link Long#MAX_VALUE} for no deadline. */
    long remainingMs() {
        if (timeoutNanos == null) {
            return Long.MAX_VALUE;
        }
        long left = timeoutNanos - elapsedNanos();
        return left <= 0 ? 0 : (left + 999_999) / 1_000_000;
    }

    /** Whether this deadline is "forever". */
    boolean isNever() {
        return timeoutNanos == null;
    }

    long elapsedMs() {
        return elapsedNanos() / 1_000_000;
    }

    private long elapsedNanos() {
        return System.nanoTime() - start;
    }
}
