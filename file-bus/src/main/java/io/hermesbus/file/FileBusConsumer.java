package io.hermesbus.file;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.ConsumerInterruptedException;
import io.hermesbus.api.Deadline;
import io.hermesbus.api.Event;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.InvalidEventException;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.NotOpenException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.OffsetOutOfRangeException;
import io.hermesbus.api.WrongOffsetKindException;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a file bus folder, alone or beside any number of producers and consumers in this and other processes.
 * Settings: see the file-bus README; only {@code path} and {@code poll_interval_ms} matter to a consumer, and the
 * producer's settings are accepted and ignored, so that one settings map serves both.
 *
 * <p>Follows {@link AbstractMessageBusConsumerPlugin} exactly. Offsets are {@code int}s: 0, 1, 2, ... in append
 * order, without gaps, so Hermes' {@code seek(last + 1)} resumes. After {@link #open()} the position is the oldest
 * retained event (0 on an empty bus). When caught up, iteration waits, up to the timeout, for an append: one made
 * in this JVM wakes it at once, one made by another process within {@code poll_interval_ms}.
 *
 * <p>Errors while reading: an event whose JSON does not decode is an {@link InvalidEventException} at its offset
 * ({@code seekAfter} steps over it); a position deleted by retention is an {@link OffsetOutOfRangeException}
 * ({@code seekToBeginning} recovers); a damaged log is a {@link CorruptLogException} naming file and byte (the
 * folder must be repaired); other I/O failures are {@link HermesBusException}s. In each case the position stays.
 *
 * <p>One thread at a time per instance; each consumer has its own position and keeps at most one segment file
 * open.
 */
public final class FileBusConsumer extends AbstractMessageBusConsumerPlugin {
    private final FileBusSettings busSettings;
    /** The cursor while open, null while closed. */
    private LogCursor cursor;
    /** The event at the position, decoded by a {@code hasNext()} that found it; null when not decoded yet. */
    private Event decoded;

    /**
     * Keeps and checks the settings; does no I/O.
     *
     * @throws InvalidSettingsException naming a setting that is unknown, missing or out of range
     */
    public FileBusConsumer(Map<String, ?> settings) {
        super(settings);
        this.busSettings = FileBusSettings.from(settings());
    }

    /**
     * Opens the bus folder and moves to its oldest retained event (on a bus without events: to the first one
     * appended later). Opening an open consumer starts over.
     *
     * @throws InvalidSettingsException if the {@code path} folder does not exist (start a producer first, which
     *     creates it, or create it) or is not a folder
     * @throws CorruptLogException if a {@code *.log} file in the folder is not a segment
     */
    @Override
    public void open() {
        close();
        LogCursor opened = LogCursor.open(BusFolder.existing(busSettings.path()), busSettings.pollIntervalMs());
        try {
            opened.seekToBeginning();
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw failure(e, "opening", opened);
        }
        cursor = opened;
    }

    /** Closes the segment file being read. Does nothing when already closed. */
    @Override
    public void close() {
        decoded = null;
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }

    /**
     * Moves to the oldest retained event; on a bus without events, to the first one appended afterwards. This is
     * how a consumer recovers after retention deleted its position.
     *
     * @throws NotOpenException if not open
     */
    @Override
    public void seekToBeginning() {
        LogCursor open = openCursor("seekToBeginning");
        decoded = null;
        try {
            open.seekToBeginning();
        } catch (IOException | RuntimeException e) {
            throw failure(e, "seeking to the beginning", open);
        }
    }

    /**
     * Moves to {@code offset}: an {@code int} offset from the oldest retained one to the newest plus one (the end,
     * where the consumer waits for the next event). Costs O(log n): binary searches over the segments and their
     * sparse index, then a scan of at most about {@code index_interval_bytes}.
     *
     * @throws NotOpenException if not open
     * @throws WrongOffsetKindException if {@code offset} is not an {@code int} offset; position unchanged
     * @throws OffsetOutOfRangeException naming the accepted range; position unchanged
     */
    @Override
    public void seek(Offset offset) {
        Objects.requireNonNull(offset, "offset");
        LogCursor open = openCursor("seek");
        long target = ((Offset.IntOffset) offset.requireKind(OffsetKind.INT)).value();
        decoded = null;
        try {
            open.seek(target);
        } catch (IOException | RuntimeException e) {
            throw failure(e, "seeking to offset " + target, open);
        }
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
        openCursor("seekAfter");
        // checked first so that the kind error wins over the base class's int arithmetic on the offset
        offset.requireKind(OffsetKind.INT);
        super.seekAfter(offset);
    }

    /**
     * As {@link AbstractMessageBusConsumerPlugin#findNextEventOfCategory}, comparing each record's category bytes
     * with {@code category}'s UTF-8 bytes: only the match is decoded, so skipped events cost a read and a CRC
     * check, and a skipped event whose JSON is broken raises nothing.
     *
     * @throws NotOpenException if not open
     * @throws InvalidEventException if the matching event's JSON does not decode; the position stays at it
     * @throws OffsetOutOfRangeException if retention deleted the position
     * @throws ConsumerInterruptedException if the thread is interrupted; the position stays after what was scanned
     */
    @Override
    public Optional<Event> findNextEventOfCategory(String category) {
        Objects.requireNonNull(category, "category");
        LogCursor open = openCursor("findNextEventOfCategory");
        byte[] wanted = category.getBytes(StandardCharsets.UTF_8);
        decoded = null;
        while (awaitRecord(open)) {
            RecordView record = open.record();
            if (record.categoryIs(wanted)) {
                Event event = decode(record);
                open.advance();
                return Optional.of(event);
            }
            open.advance();
        }
        return Optional.empty();
    }

    /**
     * Iterates from the position, waiting up to the timeout for each new event once caught up.
     *
     * <p>{@code hasNext()} reads and decodes the event at the position, returning true at once when it is already
     * there; otherwise it waits up to {@link #timeoutMs()}, afresh on every call, and returns false on timeout;
     * from then on this iterator is ended and {@code next()} throws {@link NoSuchElementException}.
     * {@code next()} yields the event and moves past it.
     *
     * @throws NotOpenException if not open, and from the iterator's methods whenever the consumer is not open
     * @throws InvalidEventException (from {@code hasNext()}, {@code next()}) naming the offset of an event whose
     *     JSON does not decode; the position stays at it
     * @throws OffsetOutOfRangeException (from {@code hasNext()}, {@code next()}) if retention deleted the
     *     position; {@link #seekToBeginning()} recovers
     * @throws CorruptLogException (from {@code hasNext()}, {@code next()}) if the log is damaged at the position
     * @throws ConsumerInterruptedException (from {@code hasNext()}, {@code next()}) if the thread is interrupted
     *     while waiting or reading; its interrupt status is set and the position is unchanged
     */
    @Override
    public Iterator<Event> iterator() {
        openCursor("iterator");
        return new EventIterator();
    }

    private LogCursor openCursor(String operation) {
        LogCursor open = cursor;
        if (open == null) {
            throw NotOpenException.of(this, operation);
        }
        return open;
    }

    /** Waits for the record at the position, turning I/O failures and interrupts into the plugin's errors. */
    private boolean awaitRecord(LogCursor open) {
        try {
            return open.awaitRecord(Deadline.after(timeoutMs()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(open, e);
        } catch (ClosedByInterruptException e) {
            // the read was interrupted, which also closed the segment file; the cursor reopens it next time
            Thread.currentThread().interrupt();
            InterruptedException cause = new InterruptedException("interrupted during a read");
            cause.initCause(e);
            throw interrupted(open, cause);
        } catch (IOException | RuntimeException e) {
            throw failure(e, "reading", open);
        }
    }

    private static ConsumerInterruptedException interrupted(LogCursor open, InterruptedException cause) {
        return new ConsumerInterruptedException("interrupted while waiting for the event at offset "
                + open.position() + " on file bus " + open.folder() + "; the position is unchanged", cause);
    }

    /** The event of {@code record}, with its offset and timestamp; the position does not move. */
    private static Event decode(RecordView record) {
        try {
            return Event.fromJson(record.json()).at(Offset.of(record.offset), Instant.ofEpochMilli(record.timestampMs));
        } catch (InvalidEventException e) {
            throw e.at(Offset.of(record.offset));
        }
    }

    /** Our own errors as they are; an I/O failure as a {@link HermesBusException} saying what was being done. */
    private static RuntimeException failure(Exception e, String doing, LogCursor open) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        return new HermesBusException(doing + " file bus " + open.folder() + " failed: " + e, e);
    }

    private final class EventIterator implements Iterator<Event> {
        private boolean ended;

        @Override
        public boolean hasNext() {
            LogCursor open = openCursor("hasNext");
            if (ended) {
                return false;
            }
            if (decoded != null) {
                return true;
            }
            if (!awaitRecord(open)) {
                ended = true;
                return false;
            }
            decoded = decode(open.record());
            return true;
        }

        @Override
        public Event next() {
            LogCursor open = openCursor("next");
            if (!hasNext()) {
                throw new NoSuchElementException("no event arrived at offset " + open.position() + " on file bus "
                        + open.folder() + " within the timeout of " + timeoutMs() + " ms");
            }
            Event event = decoded;
            decoded = null;
            open.advance();
            return event;
        }
    }
}
