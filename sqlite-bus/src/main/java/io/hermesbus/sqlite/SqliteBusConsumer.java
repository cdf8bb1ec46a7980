package io.hermesbus.sqlite;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.ConsumerInterruptedException;
import io.hermesbus.api.Deadline;
import io.hermesbus.api.Event;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.InvalidEventException;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.OffsetOutOfRangeException;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads a bus file written by Hermes' SQLite producer (or by {@link SqliteBusProducer}), beside any number of
 * producers and consumers in this and other processes. Settings: {@code uri}, the path of the file
 * ({@code retention_in_days} is accepted and ignored, so that one settings map serves both plugins). The file is
 * opened read-only, as Hermes' consumer opens it: a consumer never changes it.
 *
 * <p>Follows {@link AbstractMessageBusConsumerPlugin} exactly. Offsets are {@code int}s, the rows' {@code msgid}
 * (1, 2, 3, ..., never reused); timestamps are the rows' {@code timestamp} (Unix seconds, read to the microsecond).
 *
 * <ul>
 *   <li><b>File missing</b>: {@code open()} succeeds, and the consumer reads the file as a bus on which nothing was
 *       written yet (its first event will have offset 1); each read looks again, so iteration waits, within its
 *       timeout, for Hermes' producer to create the file, as Hermes' own consumer does. The same holds for a file
 *       without the {@code hermesmessages} table yet.
 *   <li><b>Seek range</b>: {@code seek(o)} accepts, as Hermes' consumer checks, the oldest retained {@code msgid}
 *       to one past the last {@code msgid} SQLite handed out ({@code sqlite_sequence} + 1, the end, where the next
 *       event will be). <b>Empty table</b> (retention deleted every event, or none was written): only the end is
 *       accepted (Hermes' own consumer fails with a {@code TypeError} there). Anything else is an
 *       {@link OffsetOutOfRangeException} naming the accepted range, with the position unchanged.
 *   <li><b>Retention</b>: a consumer whose position was deleted (by a producer's {@code retention_in_days}) gets
 *       {@link OffsetOutOfRangeException} naming its position and the oldest retained event, never a silent jump;
 *       {@link #seekToBeginning()} recovers.
 *   <li><b>Waiting</b>: a caught-up consumer waits for its file to change and looks again (two indexed queries),
 *       until an event comes or the timeout passes: from its first wait on it watches the file ({@link FileWatch}),
 *       so each commit by any process wakes it, and it looks every {@value #WATCHED_LOOK_MS} ms anyway; a file that
 *       cannot be watched is looked at every {@value #POLL_INTERVAL_MS} ms.
 *   <li><b>Reads are never stale</b>: each event is read from the file when {@code hasNext()} asks for it (one read
 *       transaction an event, no read-ahead), so a position that retention deleted is always reported.
 *   <li><b>Locks</b>: while a writer commits, SQLite locks the file for a moment. A read that meets a lock waits
 *       for it ({@link LockWait}: it tries again every 0.1 ms at first, so it gets in right after the commit) and
 *       retries, for as long as the timeout allows but at least {@value #LOCK_PATIENCE_MS} ms (without
 *       limit when the timeout is {@code null}); a lock held longer is a {@link BusFileLockedException} naming the
 *       file, with the position unchanged. So with a timeout, a wait can end up to {@value #LOCK_PATIENCE_MS} ms
 *       plus one read's wait (1 s) late when the file is locked throughout.
 *   <li><b>Bad rows</b>: a row whose {@code data} is not an event Hermes can read, or whose {@code timestamp} is
 *       not a number, is an {@link InvalidEventException} at its offset, at every read; {@code seekAfter} steps over
 *       it on purpose.
 * </ul>
 *
 * <p>One thread at a time per instance; each consumer has its own read-only connection and position.
 */
public final class SqliteBusConsumer extends AbstractMessageBusConsumerPlugin {
    /** How often a caught-up consumer looks at the file for new events when it cannot watch it. */
    static final long POLL_INTERVAL_MS = 5;
    /**
     * How often a caught-up consumer that watches the file looks at it although nothing woke it: every commit wakes
     * it, so this only guards against a watch that stopped reporting without a word.
     */
    static final long WATCHED_LOOK_MS = 1_000;
    /** The least a read waits for a writer's lock to go, whatever the timeout. */
    static final long LOCK_PATIENCE_MS = 2_000;
    /**
     * The wait for a lock within one read ({@link LockWait}: every 0.1 ms at first, then less often); then the
     * consumer's loop, which also watches the deadline, tries again.
     */
    private static final int BUSY_TIMEOUT_MS = 1_000;

    private final SqliteBusSettings busSettings;
    /** The reader while open. */
    private BusReader reader;
    /** The {@code msgid} from which the next event is read. */
    private long position;
    /** The first row at or after the position, as the last {@link #awaitRecord} read it. */
    private BusRow row;
    /** Wakes the consumer when the file changes, once it watches it ({@link FileWatch}); made at open. */
    private FileWatch.Wakeup wakeup;
    /** Whether {@link #wakeup} was given to {@link FileWatch#watch} (and must be taken back at close). */
    private boolean watching;
    /** When a file that could not be watched is tried again ({@code System.nanoTime()}). */
    private long watchRetryAt;

    /**
     * Keeps and checks the settings; does no I/O.
     *
     * @param settings {@code uri}, the bus file (required), and optionally {@code retention_in_days}, as the module's
     *     README lists them
     * @throws InvalidSettingsException naming a setting that is unknown, missing or invalid
     */
    public SqliteBusConsumer(Map<String, ?> settings) {
        super(settings);
        this.busSettings = SqliteBusSettings.forConsumer(settings());
    }

    @Override
    protected OffsetKind offsetKind() {
        return OffsetKind.INT;
    }

    /**
     * Opens the bus file read-only, if it exists (a missing file is not an error: see the class's description).
     *
     * @throws InvalidSettingsException naming {@code uri} if it names a folder or a file that is not an SQLite
     *     database
     * @throws HermesBusException if the file's {@code hermesmessages} table is not Hermes', or SQLite fails
     * @throws BusFileLockedException if the file stays locked by a writer for longer than the consumer waits
     */
    @Override
    protected void doOpen() {
        BusReader opened = new BusReader(busSettings.file(), BUSY_TIMEOUT_MS);
        try {
            position = lookPatiently(opened, Long.MAX_VALUE, null, Deadline.after(timeoutMs())).oldest();
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        reader = opened;
        wakeup = new FileWatch.Wakeup(busSettings.file());
        watching = false;
        watchRetryAt = System.nanoTime();
    }

    @Override
    protected void doClose() {
        if (watching) {
            FileWatch.unwatch(wakeup);
            watching = false;
        }
        reader.close();
        reader = null;
    }

    @Override
    protected void doSeekToBeginning() {
        position = lookPatiently(reader, Long.MAX_VALUE, null, Deadline.after(timeoutMs())).oldest();
    }

    /** One indexed query; on an empty table only the end is accepted. */
    @Override
    protected void doSeek(Offset offset) {
        long target = ((Offset.IntOffset) offset).value();
        BusSnapshot bounds = lookPatiently(reader, Long.MAX_VALUE, null, Deadline.after(timeoutMs()));
        if (target < bounds.oldest() || target > bounds.end()) {
            throw new OffsetOutOfRangeException("cannot seek to offset " + target + " on SQLite bus " + reader.file() + ": "
                    + (bounds.isEmpty()
                        ? "it holds no event, so the only offset accepted is " + bounds.end() + ", where the next event will be"
                        : "offsets from the oldest retained event, " + bounds.oldest() + ", to " + bounds.end()
                            + ", one past the newest (where the next event will be), are accepted")
                    + "; the position is unchanged");
        }
        position = target;
    }

    /**
     * Reads the row at the position from the file (one indexed query; no read-ahead, so a deletion is always seen),
     * and while there is none, waits up to the deadline for the file to change and looks again: from the first wait
     * on, the consumer watches the file ({@link FileWatch}), so each commit wakes it, and it looks every
     * {@value #WATCHED_LOOK_MS} ms anyway; a file that cannot be watched is looked at every {@value #POLL_INTERVAL_MS}
     * ms.
     */
    @Override
    protected Offset awaitRecord(Deadline deadline) {
        row = null;
        while (true) {
            long changes = wakeup.changes();
            // the usual case, a row at the position, costs one rowid lookup; anything else needs the bounds
            BusRow atPosition = patiently(reader, deadline, () -> reader.rowAt(position));
            if (atPosition != null) {
                row = atPosition;
                return Offset.of(row.msgid());
            }
            BusSnapshot seen = lookPatiently(reader, position, null, deadline);
            requireRetained(seen);
            if (seen.row() != null) {
                row = seen.row();
                return Offset.of(row.msgid());
            }
            if (deadline.passed()) {
                return null;
            }
            if (!wakeup.watched() && System.nanoTime() - watchRetryAt >= 0) {
                if (watching) {
                    FileWatch.unwatch(wakeup); // the watch ended by itself (the folder was deleted): start afresh
                }
                watching = FileWatch.watch(wakeup);
                if (watching) {
                    continue; // look once more: a commit may have come before the watch was in place
                }
                watchRetryAt = System.nanoTime() + FileWatch.RETRY_NANOS;
            }
            long waitMs = wakeup.watched() ? WATCHED_LOOK_MS : POLL_INTERVAL_MS;
            awaitChange(changes, Math.min(TimeUnit.MILLISECONDS.toNanos(waitMs), deadline.remainingNanos()));
        }
    }

    /** Waits for a change to the file reported after {@code seen} was read, at most {@code nanos}. */
    private void awaitChange(long seen, long nanos) {
        try {
            wakeup.await(seen, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsumerInterruptedException("interrupted while waiting for the event at offset " + position
                    + " on SQLite bus " + busSettings.file() + "; the position is unchanged", e);
        }
    }

    /** @throws InvalidEventException if the row's {@code data} is not an event Hermes can read, or its {@code timestamp} not a number */
    @Override
    protected Event readRecord() {
        if (!(row.timestamp() instanceof Number seconds)) {
            throw new InvalidEventException("its timestamp column holds " + row.timestamp()
                    + " where Hermes writes Unix seconds (a REAL)");
        }
        if (row.data() == null) {
            throw new InvalidEventException("its data column is NULL where Hermes writes the event's JSON");
        }
        return Event.fromJson(row.data()).at(Offset.of(row.msgid()), EventTimestamps.fromSeconds(seconds.doubleValue()));
    }

    @Override
    protected void advance() {
        position = row.msgid() + 1;
        row = null;
    }

    @Override
    protected String describePosition() {
        return "offset " + position + " on SQLite bus " + reader.file();
    }

    /**
     * One query finds the next row that may be of the category: SQLite compares {@code json_extract(data,
     * '$.evcategory')}, so the rows skipped never reach Java (see the README for the cost). The search then stops
     * at that row, or at the end when there is none: every row before it was scanned.
     */
    @Override
    protected boolean skipOtherCategories(String category) {
        BusSnapshot seen = lookPatiently(reader, row.msgid(), category, Deadline.after(timeoutMs()));
        requireRetained(seen);
        long next = seen.row() != null ? seen.row().msgid() : seen.end();
        if (next == row.msgid()) {
            return false;
        }
        position = next;
        row = null;
        return true;
    }

    /** The position is retained and not beyond the end; otherwise nothing may be read from it. */
    private void requireRetained(BusSnapshot seen) {
        if (position < seen.oldest()) {
            throw new OffsetOutOfRangeException("the event at offset " + position + " on SQLite bus " + reader.file()
                    + " was deleted (retention) before this consumer read it; "
                    + (seen.isEmpty() ? "no event is retained" : "the oldest retained is " + seen.oldest())
                    + ". seekToBeginning() moves to the oldest retained event; the position is unchanged");
        }
        if (position > seen.end()) {
            throw new OffsetOutOfRangeException("the position " + position + " on SQLite bus " + reader.file()
                    + " lies beyond its end, " + seen.end() + ": the file was replaced or its sqlite_sequence reset"
                    + " while this consumer read it. seekToBeginning() moves to the oldest event of the file as it is now;"
                    + " the position is unchanged");
        }
    }

    /** {@link BusReader#look}, {@linkplain #patiently patiently}. */
    private BusSnapshot lookPatiently(BusReader open, long from, String category, Deadline deadline) {
        return patiently(open, deadline, () -> open.look(from, category));
    }

    /** One read of the file, as SQLite reports it. */
    @FunctionalInterface
    private interface Read<T> {
        T run() throws SQLException;
    }

    /**
     * One read of the file, retried while a writer holds its lock, or while a writer that was killed mid-write has
     * left a transaction that only a producer may roll back: up to the deadline, but at least
     * {@value #LOCK_PATIENCE_MS} ms, and forever if the deadline is.
     */
    private <T> T patiently(BusReader open, Deadline deadline, Read<T> read) {
        Deadline patience = Deadline.after((int) LOCK_PATIENCE_MS);
        while (true) {
            try {
                return read.run();
            } catch (SQLException e) {
                boolean locked = BusFiles.isBusy(e);
                if (!locked && !BusFiles.isHotJournal(e)) {
                    throw BusFiles.failure(e, open.file(), "reading SQLite bus");
                }
                if (!deadline.isNever() && deadline.passed() && patience.passed()) {
                    if (!locked) {
                        throw new HermesBusException("SQLite bus " + open.file() + " has held, for " + patience.elapsedMs()
                                + " ms, a transaction that a writer left unfinished (it was killed mid-write): a read-only"
                                + " consumer may not roll it back; the next producer to open the file does (so does any"
                                + " read-write SQLite connection). Nothing was read and the position is unchanged ("
                                + e.getMessage() + ")", e);
                    }
                    throw new BusFileLockedException("SQLite bus " + open.file() + " stayed locked by another connection"
                            + " for " + patience.elapsedMs() + " ms (" + e.getMessage() + "): a writer holds a long"
                            + " transaction or a VACUUM, or a tool keeps the file locked; nothing was read and the position"
                            + " is unchanged, so it is safe to try again", e);
                }
                pause(POLL_INTERVAL_MS);
            }
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsumerInterruptedException("interrupted while waiting for the event at offset " + position
                    + " on SQLite bus " + busSettings.file() + "; the position is unchanged", e);
        }
    }
}
