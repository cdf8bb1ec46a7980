package io.hermesbus.file;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Deadline;
import io.hermesbus.api.Event;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.InvalidEventException;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.OffsetOutOfRangeException;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Reads a file bus folder, alone or beside any number of producers and consumers in this and other processes.
 * Settings: see the file-bus README; only {@code path} and {@code poll_interval_ms} matter to a consumer, and the
 * producer's settings are accepted and ignored, so that one settings map serves both.
 *
 * <p>Follows {@link AbstractMessageBusConsumerPlugin}. Offsets are {@code int}s: 0, 1, 2, ... in append order, without
 * gaps, so Hermes' {@code seek(last + 1)} resumes. {@code open()} needs the {@code path} folder to exist
 * ({@link InvalidSettingsException} otherwise: a producer creates it), and moves to the oldest retained event (0 on an
 * empty bus). A seek costs the same at any log size in the steady state: binary searches over the segments and the
 * sparse-index entries the consumer remembers from earlier seeks, one {@code stat}, and one read of about
 * {@code index_interval_bytes} to scan; the folder and an index are read again only when they changed. When caught up,
 * iteration waits, up to the timeout, for an append: one made in this JVM wakes it at once, and so does one made by
 * another process while the consumer watches the folder (inotify, the default; one watch per folder for the whole
 * JVM); without the watch ({@code watch = false}, or a folder that cannot be watched) another process's append is seen
 * within {@code poll_interval_ms}. A category search compares each record's stored category bytes, so only the match
 * is decoded and a skipped record whose JSON is broken raises nothing.
 *
 * <p>Errors while reading: an event whose JSON does not decode is an {@link InvalidEventException} at its offset
 * ({@code seekAfter} steps over it); a position deleted by retention is an {@link OffsetOutOfRangeException}
 * ({@code seekToBeginning} recovers); a damaged log is a {@link CorruptLogException} naming file and byte (the
 * folder must be repaired); other I/O failures are {@link HermesBusException}s. In each case the position stays. A
 * consumer never ends (timeout reached, timeout 0 included) in front of data it cannot read: only at the end of the
 * valid records or at a torn tail a writer may still complete (README, "Recovery and corruption").
 * Each consumer keeps open the segment file it reads and, for its seeks, those of at most 32 other segments (see the
 * README, "Several processes"); {@code close()} closes them all. Memory: about 8 bytes per index entry its seeks
 * read, at most 8 MiB.
 */
public final class FileBusConsumer extends AbstractMessageBusConsumerPlugin {
    private final FileBusSettings busSettings;
    /** The cursor while open. */
    private LogCursor cursor;
    /** The category of the last search, and its UTF-8 bytes, which records are compared with. */
    private String searched;
    private byte[] searchedBytes;

    /**
     * Keeps and checks the settings; does no I/O.
     *
     * @param settings {@code path} (required), {@code watch} and {@code poll_interval_ms}, as the module's README lists
     *     them
     * @throws InvalidSettingsException naming a setting that is unknown, missing or out of range
     */
    public FileBusConsumer(Map<String, ?> settings) {
        super(settings);
        this.busSettings = FileBusSettings.from(settings());
    }

    @Override
    protected OffsetKind offsetKind() {
        return OffsetKind.INT;
    }

    /** @throws CorruptLogException if a {@code *.log} file in the folder is not a segment */
    @Override
    protected void doOpen() {
        LogCursor opened = LogCursor.open(BusFolder.existing(busSettings.path()), busSettings.pollIntervalMs(),
                busSettings.watch());
        try {
            opened.seekToBeginning();
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw failure(e, "opening", opened);
        }
        cursor = opened;
    }

    @Override
    protected void doClose() {
        cursor.close();
        cursor = null;
    }

    @Override
    protected void doSeekToBeginning() {
        try {
            cursor.seekToBeginning();
        } catch (IOException e) {
            throw failure(e, "seeking to the beginning", cursor);
        }
    }

    @Override
    protected void doSeek(Offset offset) {
        long target = ((Offset.IntOffset) offset).value();
        try {
            cursor.seek(target);
        } catch (IOException e) {
            throw failure(e, "seeking to offset " + target, cursor);
        }
    }

    @Override
    protected Offset awaitRecord(Deadline deadline) throws InterruptedException {
        return found(deadline) ? Offset.of(cursor.record().offset) : null;
    }

    @Override
    protected Event readRecord() {
        RecordView record = cursor.record();
        return Event.fromJson(record.json()).at(Offset.of(record.offset), Instant.ofEpochMilli(record.timestampMs));
    }

    @Override
    protected void advance() {
        cursor.advance();
    }

    @Override
    protected String describePosition() {
        return "offset " + cursor.position() + " on file bus " + cursor.folder();
    }

    /** Compares the category stored beside each record, as far as the log goes now. */
    @Override
    protected boolean skipOtherCategories(String category) throws InterruptedException {
        if (!category.equals(searched)) {
            searched = category;
            searchedBytes = category.getBytes(StandardCharsets.UTF_8);
        }
        boolean moved = false;
        while (!cursor.record().categoryIs(searchedBytes)) {
            cursor.advance();
            moved = true;
            if (!found(Deadline.after(0))) {
                break;
            }
        }
        return moved;
    }

    /** {@link LogCursor#awaitRecord}, with an interrupted read reported as an interrupt and I/O failures as ours. */
    private boolean found(Deadline deadline) throws InterruptedException {
        try {
            return cursor.awaitRecord(deadline);
        } catch (ClosedByInterruptException e) {
            // the read was interrupted, which also closed the segment file; the cursor reopens it next time
            InterruptedException interrupted = new InterruptedException("interrupted during a read");
            interrupted.initCause(e);
            throw interrupted;
        } catch (IOException e) {
            throw failure(e, "reading", cursor);
        }
    }

    /** Our own errors as they are; an I/O failure as a {@link HermesBusException} saying what was being done. */
    private static RuntimeException failure(Exception e, String doing, LogCursor open) {
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        return new HermesBusException(doing + " file bus " + open.folder() + " failed: " + e, e);
    }
}
