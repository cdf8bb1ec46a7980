package io.hermesbus.sqlite;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.ConsumerInterruptedException;
import io.hermesbus.api.Event;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.InvalidEventException;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.NotOpenException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.OffsetOutOfRangeException;
import io.hermesbus.api.WrongOffsetKindException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

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
 *   <li><b>Waiting</b>: a caught-up consumer looks at the file every {@value #POLL_INTERVAL_MS} ms (two indexed
 *       queries) until an event comes or the timeout passes.
 *   <li><b>Reads are never stale</b>: each event is read from the file when {@code hasNext()} asks for it (one read
 *       transaction an event, no read-ahead), so a position that retention deleted is always reported.
 *   <li><b>Locks</b>: while a writer commits, SQLite locks the file for a moment. A read that meets a lock waits
 *       for it and retries, for as long as the timeout allows but at least {@value #LOCK_PATIENCE_MS} ms (without
 *       limit when the timeout is {@code null}); a lock held longer is a {@link BusFileLockedException} naming the
 *       file, with the position unchanged. So with a timeout, a wait can end up to {@value #LOCK_PATIENCE_MS} ms
 *       late when the file is locked throughout.
 *   <li><b>Bad rows</b>: a row whose {@code data} is not an event Hermes can read, or whose {@code timestamp} is
 *       not a number, is an {@link InvalidEventException} at its offset, at every read; {@code seekAfter} steps over
 *       it on purpose.
 * </ul>
 *
 * <p>One thread at a time per instance; each consumer has its own read-only connection and position.
 */
public final class SqliteBusConsumer extends AbstractMessageBusConsumerPlugin {
    /** How often a caught-up consumer looks at the file for new events. */
    static final long POLL_INTERVAL_MS = 5;
    /** The least a read waits for a writer's lock to go, whatever the timeout. */
    static final long LOCK_PATIENCE_MS = 2_000;
    /**
     * SQLite's own wait for a lock within one look; kept short so that the consumer's loop, which can be
     * interrupted, does the longer waiting.
     */
    private static final int BUSY_TIMEOUT_MS = 50;

    private final SqliteBusSettings busSettings;
    /** The reader while open, null while closed. */
    private BusReader reader;
    /** The {@code msgid} from which the next event is read. */
    private long position;
    /** The event at the position, decoded by a {@code hasNext()} that found it; null when not decoded yet. */
    private Event pending;

    /**
     * Keeps and checks the settings; does no I/O.
     *
     * @throws InvalidSettingsException naming a setting that is unknown, missing or invalid
     */
    public SqliteBusConsumer(Map<String, ?> settings) {
        super(settings);
        this.busSettings = SqliteBusSettings.forConsumer(settings());
    }

    /**
     * Opens the bus file read-only, if it exists, and moves to its oldest retained event (on a bus without events,
     * to the first one written later). A missing file is not an error: see the class's description. Opening an
     * open consumer starts over.
     *
     * @throws InvalidSettingsException naming {@code uri} if it names a folder or a file that is not an SQLite
     *     database
     * @throws HermesBusException if the file's {@code hermesmessages} table is not Hermes', or SQLite fails
     * @throws BusFileLockedException if the file stays locked by a writer for longer than the consumer waits
     */
    @Override
    public void open() {
        close();
        BusReader opened = new BusReader(busSettings.file(), BUSY_TIMEOUT_MS);
        try {
            position = lookPatiently(opened, Long.MAX_VALUE, null, Deadline.after(timeoutMs())).oldest();
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        reader = opened;
    }

    /** Closes the connection. Does nothing when already closed. */
    @Override
    public void close() {
        pending = null;
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    /**
     * Moves to the oldest retained event; on a bus without events, to the first one written afterwards. This is
     * how a consumer recovers after retention deleted its position.
     *
     * @throws NotOpenException if not open
     * @throws BusFileLockedException if the file stays locked by a writer for longer than the consumer waits
     */
    @Override
    public void seekToBeginning() {
        BusReader open = openReader("seekToBeginning");
        long oldest = lookPatiently(open, Long.MAX_VALUE, null, Deadline.after(timeoutMs())).oldest();
        pending = null;
        position = oldest;
    }

    /**
     * Moves to the first event whose {@code msgid} is {@code >= offset}: an {@code int} offset from the oldest
     * retained {@code msgid} to one past the last one SQLite handed out (the end, where the consumer waits for the
     * next event). On an empty table only the end is accepted. One indexed query.
     *
     * @throws NotOpenException if not open
     * @throws WrongOffsetKindException if {@code offset} is not an {@code int} offset; position unchanged
     * @throws OffsetOutOfRangeException naming the accepted range; position unchanged
     */
    @Override
    public void seek(Offset offset) {
        Objects.requireNonNull(offset, "offset");
        BusReader open = openReader("seek");
        long target = ((Offset.IntOffset) offset.requireKind(OffsetKind.INT)).value();
        BusSnapshot bounds = lookPatiently(open, Long.MAX_VALUE, null, Deadline.after(timeoutMs()));
        if (target < bounds.oldest() || target > bounds.end()) {
            throw new OffsetOutOfRangeException("cannot seek to offset " + target + " on SQLite bus " + open.file() + ": "
                    + (bounds.isEmpty()
                        ? "it holds no event, so the only offset accepted is " + bounds.end() + ", where the next event will be"
                        : "offsets from the oldest retained event, " + bounds.oldest() + ", to " + bounds.end()
                            + ", one past the newest (where the next event will be), are accepted")
                    + "; the position is unchanged");
        }
        pending = null;
        position = target;
    }

    /**
     * As {@link AbstractMessageBusConsumerPlugin#seekAfter}: {@code seek(offset + 1)}.
     *
     * @throws NotOpenException if not open
     * @throws WrongOffsetKindException if {@code offset} is not an {@code int} offset; position unchanged
     * @throws OffsetOutOfRangeException as {@link #seek}; position unchanged
     */
    @Override
    public void seekAfter(Offset offset) {
        Objects.requireNonNull(offset, "offset");
        openReader("seekAfter");
        // checked first so that the kind error wins over the base class's int arithmetic on the offset
        offset.requireKind(OffsetKind.INT);
        super.seekAfter(offset);
    }

    /**
     * As {@link AbstractMessageBusConsumerPlugin#findNextEventOfCategory}, with the comparison done by SQLite:
     * one query finds the next row whose {@code json_extract(data, '$.evcategory')} equals {@code category}, so
     * the skipped rows never reach Java and only the match is decoded. SQLite still parses the JSON of every
     * skipped row (in C, about five times cheaper than decoding it in Java; see the README for figures): the format
     * has no category column to index. A row whose {@code data} is not JSON at all makes SQLite fail that query,
     * which then runs again with {@code json_valid} guarding each row (two parses a row) and stops at the bad row.
     * A row whose {@code evcategory} is missing or not text stops the search too; a row the search stops at that
     * does not decode is an {@link InvalidEventException} at its offset. Other skipped rows are checked only as far
     * as their category.
     *
     * @throws NotOpenException if not open
     * @throws InvalidEventException if a row the search stops at does not decode; the position stays at it
     * @throws OffsetOutOfRangeException if retention deleted the position
     * @throws ConsumerInterruptedException if the thread is interrupted while waiting; the position stays after
     *     what was scanned
     */
    @Override
    public Optional<Event> findNextEventOfCategory(String category) {
        Objects.requireNonNull(category, "category");
        BusReader open = openReader("findNextEventOfCategory");
        pending = null;
        while (true) {
            BusRow row = awaitRow(open, category);
            if (row == null) {
                return Optional.empty();
            }
            position = row.msgid(); // the rows before it were scanned and are not of the category
            Event event = decode(row);
            position = row.msgid() + 1;
            if (event.evcategory().equals(category)) {
                return Optional.of(event);
            }
        }
    }

    /**
     * Iterates from the position, waiting up to the timeout for each new event once caught up.
     *
     * <p>{@code hasNext()} reads and decodes the event at the position (one indexed query), returning true at once
     * when it is there; otherwise it waits up to {@link #timeoutMs()}, afresh on every call, and returns false on
     * timeout; from then on this iterator is ended and {@code next()} throws {@link NoSuchElementException}.
     * {@code next()} yields the event and moves past it.
     *
     * @throws NotOpenException if not open, and from the iterator's methods whenever the consumer is not open
     * @throws InvalidEventException (from {@code hasNext()}, {@code next()}) naming the offset of a row that does
     *     not decode; the position stays at it
     * @throws OffsetOutOfRangeException (from {@code hasNext()}, {@code next()}) if retention deleted the
     *     position; {@link #seekToBeginning()} recovers
     * @throws BusFileLockedException (from {@code hasNext()}, {@code next()}) if the file stays locked longer
     *     than the consumer waits; the position is unchanged
     * @throws ConsumerInterruptedException (from {@code hasNext()}, {@code next()}) if the thread is interrupted
     *     while waiting; its interrupt status is set and the position is unchanged
     */
    @Override
    public Iterator<Event> iterator() {
        openReader("iterator");
        return new EventIterator();
    }

    private BusReader openReader(String operation) {
        BusReader open = reader;
        if (open == null) {
            throw NotOpenException.of(this, operation);
        }
        return open;
    }

    /**
     * The next row from the position (with a category: the next candidate of it), waiting up to the timeout, which
     * starts again after each event scanned; null when none came.
     */
    private BusRow awaitRow(BusReader open, String category) {
        Deadline deadline = Deadline.after(timeoutMs());
        while (true) {
            if (category == null) {
                // the usual case, a row at the position, costs one rowid lookup; anything else needs the bounds
                BusRow atPosition = patiently(open, deadline, () -> open.rowAt(position));
                if (atPosition != null) {
                    return atPosition;
                }
            }
            BusSnapshot seen = lookPatiently(open, position, category, deadline);
            requireRetained(seen, open);
            if (seen.row() != null) {
                return seen.row();
            }
            if (category != null && seen.end() > position) {
                position = seen.end(); // every row up to the end was scanned: none is of the category
                deadline = Deadline.after(timeoutMs());
            }
            if (deadline.passed()) {
                return null;
            }
            pause(Math.min(POLL_INTERVAL_MS, deadline.remainingMs()), open);
        }
    }

    /** The position is retained and not beyond the end; otherwise nothing may be read from it. */
    private void requireRetained(BusSnapshot seen, BusReader open) {
        if (position < seen.oldest()) {
            throw new OffsetOutOfRangeException("the event at offset " + position + " on SQLite bus " + open.file()
                    + " was deleted (retention) before this consumer read it; "
                    + (seen.isEmpty() ? "no event is retained" : "the oldest retained is " + seen.oldest())
                    + ". seekToBeginning() moves to the oldest retained event; the position is unchanged");
        }
        if (position > seen.end()) {
            throw new OffsetOutOfRangeException("the position " + position + " on SQLite bus " + open.file()
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
                pause(POLL_INTERVAL_MS, open);
            }
        }
    }

    private void pause(long millis, BusReader open) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsumerInterruptedException("interrupted while waiting for the event at offset " + position
                    + " on SQLite bus " + open.file() + "; the position is unchanged", e);
        }
    }

    /** The event of {@code row}, with its offset and timestamp; the position does not move. */
    private static Event decode(BusRow row) {
        Offset offset = Offset.of(row.msgid());
        if (!(row.timestamp() instanceof Number seconds)) {
            throw new InvalidEventException("its timestamp column holds " + row.timestamp()
                    + " where Hermes writes Unix seconds (a REAL)").at(offset);
        }
        if (row.data() == null) {
            throw new InvalidEventException("its data column is NULL where Hermes writes the event's JSON").at(offset);
        }
        Instant timestamp = EventTimestamps.fromSeconds(seconds.doubleValue());
        try {
            return Event.fromJson(row.data()).at(offset, timestamp);
        } catch (InvalidEventException e) {
            throw e.at(offset);
        }
    }

    private final class EventIterator implements Iterator<Event> {
        private boolean ended;

        @Override
        public boolean hasNext() {
            BusReader open = openReader("hasNext");
            if (ended) {
                return false;
            }
            if (pending != null) {
                return true;
            }
            BusRow row = awaitRow(open, null);
            if (row == null) {
                ended = true;
                return false;
            }
            pending = decode(row);
            return true;
        }

        @Override
        public Event next() {
            BusReader open = openReader("next");
            if (!hasNext()) {
                throw new NoSuchElementException("no event arrived at offset " + position + " on SQLite bus "
                        + open.file() + " within the timeout of " + timeoutMs() + " ms");
            }
            Event event = pending;
            pending = null;
            position = ((Offset.IntOffset) event.offset()).value() + 1;
            return event;
        }
    }
}
