package io.hermesbus.sqlite;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.sqlite.BusyHandler;

/**
 * How a connection waits for another connection's lock on the bus file: it tries again every
 * {@value #SHORT_RETRY_MICROS} µs for the first {@value #SHORT_PHASE_MS} ms, then every millisecond up to
 * {@value #MEDIUM_PHASE_MS} ms, then every {@value #LONG_RETRY_MS} ms, until {@code timeoutMs} have passed (then the
 * statement fails with {@code SQLITE_BUSY}, as with SQLite's busy timeout).
 *
 * <p>Why not SQLite's own busy timeout: its handler sleeps 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50 ms, then 100 ms a
 * step. A writer committing a transaction (Hermes' producer commits each event) holds the file's exclusive lock for
 * about a millisecond, a few times more on a busy disk; a reader that meets it sleeps 1 ms, then 2 ms more, then 5,
 * and so on, each step a fresh chance to meet the next commit. While the reader is caught up that costs a few
 * milliseconds now and then; once it is behind, every event it reads is a read transaction that may meet a commit
 * and pay these steps, so it reads more slowly than the producer writes and falls further behind: seconds behind a
 * producer at a few hundred events per second. Retrying every 0.1 ms gets the lock within about 0.1 ms of its
 * release, at the cost of a few failed lock attempts (two system calls each) during the commit. The longer steps
 * later keep a long wait (a {@code VACUUM} rewriting the whole file) from costing CPU.
 *
 * <p>Interrupting the waiting thread ends the wait at once: the statement fails as busy, and the caller sees the
 * interrupt.
 */
final class LockWait extends BusyHandler {
    static final long SHORT_RETRY_MICROS = 100;
    static final long SHORT_PHASE_MS = 50;
    static final long MEDIUM_PHASE_MS = 500;
    static final long LONG_RETRY_MS = 5;

    private final long timeoutNanos;
    /** When the current wait began: the first call of a wait has {@code previousCalls} 0. */
    private long started;
    /** When this handler was last called. */
    private long lastCall;

    private LockWait(int timeoutMs) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    }

    /** Makes {@code connection} wait for locks this way, for at most {@code timeoutMs} per statement step. */
    static void install(java.sql.Connection connection, int timeoutMs) throws java.sql.SQLException {
        BusyHandler.setHandler(connection, new LockWait(timeoutMs));
    }

    @Override
    protected int callback(int previousCalls) {
        long now = System.nanoTime();
        if (previousCalls == 0 || now - lastCall > TimeUnit.MILLISECONDS.toNanos(4 * LONG_RETRY_MS)) {
            started = now; // a new wait (the second test, in case SQLite did not count this one from 0)
        }
        lastCall = now;
        long waited = now - started;
        if (waited >= timeoutNanos || Thread.currentThread().isInterrupted()) {
            return 0; // give up: the statement fails with SQLITE_BUSY
        }
        long pause = waited < TimeUnit.MILLISECONDS.toNanos(SHORT_PHASE_MS) ? TimeUnit.MICROSECONDS.toNanos(SHORT_RETRY_MICROS)
                : waited < TimeUnit.MILLISECONDS.toNanos(MEDIUM_PHASE_MS) ? TimeUnit.MILLISECONDS.toNanos(1)
                : TimeUnit.MILLISECONDS.toNanos(LONG_RETRY_MS);
        LockSupport.parkNanos(this, Math.min(pause, timeoutNanos - waited));
        return 1; // try again
    }
}
