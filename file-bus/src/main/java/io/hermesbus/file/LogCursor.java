package io.hermesbus.file;

import static io.hermesbus.file.SegmentFormat.FILE_HEADER_BYTES;

import io.hermesbus.api.Deadline;
import io.hermesbus.api.OffsetOutOfRangeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A reader's position in a bus folder and the means to move it: the offset of the next record, and where that
 * record starts in the one segment the cursor keeps open. The consumer plugin's engine.
 *
 * <p>Following the log: at the end of a segment's data, the cursor looks for the segment named after its
 * position (the only name a writer gives the next segment) and, when it exists, reads its own segment once more
 * before moving on, since a writer may have appended to it just before starting the next one. When caught up, it
 * waits for a wake-up and looks again: a writer of this JVM gives one after each append, and while the folder is
 * watched ({@link FolderWatch}, from the cursor's first wait on) so does every change another process makes to it;
 * it looks again after {@link #WATCHED_LOOK_NANOS} anyway. Without a watch (the {@code watch} setting off, or the
 * folder could not be watched) it looks every {@code poll_interval_ms} instead. No busy spinning.
 *
 * <p>Retention: whenever the cursor reads bytes from its segment file (one read fills a buffer with many small
 * records), it checks that the file still exists; if retention deleted it, the position is an
 * {@link OffsetOutOfRangeException} unless a remaining segment holds it. Records that were already buffered when
 * the file was deleted may still be yielded, which skips nothing. A seek drops the buffer, so the first read
 * after a seek always checks.
 *
 * <p>Not thread-safe: a consumer is used by one thread at a time.
 */
final class LogCursor implements AutoCloseable {
    private static final long GAP_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * While the folder is watched, how long a caught-up cursor waits before looking again although nothing woke it:
     * every append wakes it, so this look only guards against a watch that stopped reporting without a word.
     */
    static final long WATCHED_LOOK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path folder;
    private final SharedFolder shared;
    private final long pollNanos;
    /** Whether the cursor watches the folder while it waits ({@code watch} setting); otherwise it polls. */
    private final boolean watch;
    /** Whether the cursor counts among the folder's watchers ({@link SharedFolder#startWatching}), until closed. */
    private boolean watching;
    private final SegmentReader reader = new SegmentReader();

    /** The offset of the next record to yield. */
    private long position;
    /** Whether the reader is open on the segment holding {@link #position} and {@link #bytePosition} is valid. */
    private boolean positioned;
    /** Where the record of {@link #position} starts (or will start) in the reader's segment. */
    private long bytePosition;
    /** When the cursor last listed the folder to look for missing segments while caught up. */
    private long lastGapCheck = System.nanoTime();
    /** A wait at a torn tail already judged as such, not judged again while the file keeps its size. */
    private Path tornFile;
    private long tornPosition;
    private long tornSize;

    private LogCursor(Path folder, SharedFolder shared, long pollIntervalMs, boolean watch) {
        this.folder = folder;
        this.shared = shared;
        this.pollNanos = TimeUnit.MILLISECONDS.toNanos(pollIntervalMs);
        this.watch = watch;
    }

    /** A cursor on {@code folder}, a real (canonical) path of an existing folder, that watches it while it waits. */
    static LogCursor open(Path folder, long pollIntervalMs) {
        return open(folder, pollIntervalMs, true);
    }

    /**
     * A cursor on {@code folder}, a real (canonical) path of an existing folder; not positioned yet. With
     * {@code watch}, it watches the folder once it first waits, so that appends made by other processes wake it;
     * without, it looks every {@code pollIntervalMs} for them.
     */
    static LogCursor open(Path folder, long pollIntervalMs, boolean watch) {
        return new LogCursor(folder, SharedFolder.acquire(folder), pollIntervalMs, watch);
    }

    Path folder() {
        return folder;
    }

    /** The offset of the next record the cursor yields. */
    long position() {
        return position;
    }

    /** Moves to the oldest retained record; on a bus without records, to the next one appended. */
    void seekToBeginning() throws IOException {
        while (true) {
            long[] bases = LogFolder.segmentBases(folder);
            unposition();
            if (bases.length == 0) {
                position = 0;
                return;
            }
            try {
                reader.open(LogFolder.segmentPath(folder, bases[0]), bases[0]);
            } catch (NoSuchFileException e) {
                continue; // retention deleted it between the listing and the opening: list again
            }
            position = bases[0];
            bytePosition = FILE_HEADER_BYTES;
            positioned = true;
            return;
        }
    }

    /**
     * Moves to {@code target}, which must lie from the oldest retained offset to the newest plus one.
     *
     * @throws OffsetOutOfRangeException naming the accepted range; the position is then unchanged
     */
    void seek(long target) throws IOException {
        while (true) {
            long[] bases = LogFolder.segmentBases(folder);
            unposition(); // the position stays; only where it lies is forgotten, and found again when needed
            long oldest = bases.length == 0 ? 0 : bases[0];
            if (target < oldest) {
                throw seekOutOfRange(target, bases, "it is below the oldest retained offset " + oldest);
            }
            if (bases.length == 0) {
                if (target > 0) {
                    throw seekOutOfRange(target, bases, "it is beyond the end");
                }
                position = 0;
                return;
            }
            int segment = LogFolder.segmentHolding(bases, target);
            long found;
            try {
                found = findInSegment(bases, segment, target);
            } catch (NoSuchFileException e) {
                continue; // retention deleted it between the listing and the opening: list again
            }
            if (found < 0) {
                unposition();
                throw seekOutOfRange(target, bases, "it is beyond the end");
            }
            position = target;
            bytePosition = found;
            positioned = true;
            reader.forgetBuffered(); // so that the first read checks that the segment still exists
            return;
        }
    }

    /**
     * Opens segment {@code bases[segment]} and finds the byte position of the record {@code target} in it: from the
     * index entry at or before it (once checked against the log), else from the segment's start, scanning forward.
     *
     * @return that position (the end of the valid records when {@code target} is the offset after them, in the
     *     last segment), or -1 when the last segment ends before {@code target}
     * @throws CorruptLogException if a segment that is not the last ends before {@code target}, or if damage with
     *     valid records after it lies before {@code target}
     */
    private long findInSegment(long[] bases, int segment, long target) throws IOException {
        long base = bases[segment];
        reader.open(LogFolder.segmentPath(folder, base), base);
        SegmentWalk walk = SegmentWalk.from(reader, IndexLookup.floor(LogFolder.indexPath(folder, base), target));
        boolean lastSegment = segment == bases.length - 1;
        while (walk.nextOffset() < target) {
            if (walk.next()) {
                continue;
            }
            if (lastSegment) {
                walk.requireTornTailOrEnd(); // damage with valid records after it is not the end
                return -1;
            }
            throw new CorruptLogException(reader.path(), walk.position(), SegmentWalk.describe(walk.status())
                    + " where the record with offset " + walk.nextOffset() + " should be, although the next segment"
                    + " starts at offset " + bases[segment + 1]);
        }
        if (!lastSegment) {
            RecordStatus status = reader.read(walk.position());
            if (status != RecordStatus.RECORD) {
                // the target is the offset after this segment's last record, so the next segment must start there
                throw new CorruptLogException(reader.path(), walk.position(), (status == RecordStatus.END
                        ? "the segment ends before offset " + target
                        : SegmentWalk.describe(status) + " where the record with offset " + target + " should be")
                        + ", yet the next segment starts at offset " + bases[segment + 1] + ": segments are missing");
            }
        }
        return walk.position();
    }

    /**
     * Waits until the record at the position is complete, or the deadline passes. Returns at once, without any I/O,
     * when it is already buffered.
     *
     * @return whether the record is there, in {@link #record()}
     * @throws OffsetOutOfRangeException if retention deleted the position before it was read
     * @throws CorruptLogException if the log is damaged at the position
     * @throws InterruptedException if the thread is interrupted while waiting
     * @throws java.nio.channels.ClosedByInterruptException if the thread is interrupted during a read
     */
    boolean awaitRecord(Deadline deadline) throws IOException, InterruptedException {
        Look look = Look.LOOK_AGAIN;
        try {
            while (true) {
                long seen = shared.appendCount();
                look = look(look == Look.SUSPECT_DAMAGE);
                switch (look) {
                    case FOUND -> {
                        return true;
                    }
                    case NOT_YET -> {
                        if (deadline.passed()) {
                            return false;
                        }
                        if (watch && !watching) {
                            // the first wait: from now on every change to the folder wakes this cursor; look once
                            // more before waiting, since an append may have come before the watch was in place
                            watching = true;
                            shared.startWatching();
                            continue;
                        }
                        long wait = watch && shared.watched() ? WATCHED_LOOK_NANOS : pollNanos;
                        shared.awaitAppend(seen, Math.min(wait, deadline.remainingNanos()));
                    }
                    case SUSPECT_DAMAGE -> {
                        // before calling it corruption, give a writer that is cutting a torn tail and writing anew
                        // time to finish, whatever the deadline: this is no wait for an event
                        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(pollNanos) + 1);
                    }
                    case LOOK_AGAIN -> {
                        // at once
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            unposition(); // start afresh from the position next time
            throw e;
        }
    }

    /** The record at the position, after {@link #awaitRecord} returned true. */
    RecordView record() {
        return reader.view();
    }

    /** Moves past the record at the position, after {@link #awaitRecord} returned true. */
    void advance() {
        RecordView record = reader.view();
        position = record.offset + 1;
        bytePosition = record.end();
    }

    /** What one look at the position found, and so what {@link #awaitRecord} does next. */
    private enum Look {
        /** The record is there, in {@link #record()}. */
        FOUND,
        /** Nothing there yet (or a torn tail): wait for an append or the poll interval, up to the deadline. */
        NOT_YET,
        /** The cursor moved to the next segment, or lost its segment to retention: look again at once. */
        LOOK_AGAIN,
        /** Bad bytes with a valid record after them: look again a poll interval later, and then judge. */
        SUSPECT_DAMAGE
    }

    /**
     * Looks once for the record at the position: finds where the position lies if the cursor does not know, moves
     * to the next segment at the end of one, and judges what is not a record.
     *
     * @param judgeDamage whether bad bytes followed by a valid record are corruption now: they were suspect at the
     *     look before, a poll interval ago
     */
    private Look look(boolean judgeDamage) throws IOException {
        if (!positioned && !locatePosition()) {
            return Look.NOT_YET; // no segment yet
        }
        return switch (reader.read(bytePosition)) {
            case RECORD -> found();
            case END -> atEndOfData();
            case INCOMPLETE, INVALID -> atBadBytes(judgeDamage);
        };
    }

    /** The record just read is the one at the position, unless its file was deleted before it was read. */
    private Look found() {
        if (reader.lastReadReadFile() && !Files.exists(reader.path())) {
            return segmentVanished(); // read from a file that retention deleted: its records are out of range
        }
        if (reader.view().offset != position) {
            throw SegmentWalk.unexpectedOffset(reader, bytePosition, reader.view().offset, position);
        }
        return Look.FOUND;
    }

    /** The open segment was deleted: the position is gone unless a remaining segment holds it. */
    private Look segmentVanished() {
        unposition(); // the next look finds the position again, or throws that retention deleted it
        return Look.LOOK_AGAIN;
    }

    /**
     * Opens the segment that holds the position and finds the position in it.
     *
     * @return false when the bus has no segment yet (and the position is 0)
     * @throws OffsetOutOfRangeException when retention deleted the position
     */
    private boolean locatePosition() throws IOException {
        while (true) {
            long[] bases = LogFolder.segmentBases(folder);
            if (bases.length == 0 && position == 0) {
                return false;
            }
            if (bases.length == 0 || position < bases[0]) {
                throw positionDeleted(bases);
            }
            long found;
            try {
                found = findInSegment(bases, LogFolder.segmentHolding(bases, position), position);
            } catch (NoSuchFileException e) {
                continue; // retention deleted it between the listing and the opening: list again
            }
            if (found < 0) {
                unposition();
                throw new OffsetOutOfRangeException("file bus " + folder + ": this consumer is at offset " + position
                        + ", beyond the end of the log (offsets up to " + (nextOffset(bases) - 1) + "); was the"
                        + " folder replaced? Seek to an offset of this log");
            }
            bytePosition = found;
            positioned = true;
            return true;
        }
    }

    /** At the end of the data of the open segment: a later segment may exist, or retention may have struck. */
    private Look atEndOfData() throws IOException {
        // the next segment is named after the offset that follows this one's last record; an empty segment is
        // named after the position itself, and is then its own successor's name: nothing follows it yet
        Path next = LogFolder.segmentPath(folder, position);
        if (position != reader.baseOffset() && Files.exists(next)) {
            // look once more: a writer may have appended to this segment just before it started the next one
            RecordStatus status = reader.read(bytePosition);
            if (status == RecordStatus.RECORD) {
                return found();
            }
            if (status != RecordStatus.END) {
                throw new CorruptLogException(reader.path(), bytePosition, SegmentWalk.describe(status)
                        + " at the end of a segment that is followed by " + next.getFileName());
            }
            try {
                reader.open(next, position);
            } catch (NoSuchFileException e) {
                return segmentVanished();
            }
            bytePosition = FILE_HEADER_BYTES;
            return Look.LOOK_AGAIN;
        }
        if (!Files.exists(reader.path())) {
            return segmentVanished(); // deleted by retention, and no later segment holds the position
        }
        long later = System.nanoTime() - lastGapCheck > GAP_CHECK_NANOS ? laterSegmentBase() : -1;
        if (later < 0) {
            return Look.NOT_YET;
        }
        // a later segment not named after the position means that segments are missing (deleted by hand), and
        // waiting would never end; but look once more: a writer may have appended here and rolled since we looked
        RecordStatus status = reader.read(bytePosition);
        if (status == RecordStatus.RECORD) {
            return found();
        }
        if (status == RecordStatus.END && !Files.exists(next)) {
            throw new CorruptLogException(reader.path(), bytePosition, "the segment ends before offset " + position
                    + ", yet the next segment starts at offset " + later + ": segments are missing");
        }
        return Look.LOOK_AGAIN; // bad bytes, or the next segment after all: the next look sees to them
    }

    /** While caught up, once in a while: the base of the segment after the open one, or -1 when there is none. */
    private long laterSegmentBase() throws IOException {
        lastGapCheck = System.nanoTime();
        long[] bases = LogFolder.segmentBases(folder);
        int next = LogFolder.segmentHolding(bases, reader.baseOffset()) + 1;
        return next == 0 || next >= bases.length ? -1 : bases[next];
    }

    /**
     * Bytes that are not a valid record at the position: a record being written, a torn tail waiting for the next
     * writer to cut it, or damage.
     *
     * @param judge whether bad bytes followed by a valid record are corruption now, rather than suspect
     */
    private Look atBadBytes(boolean judge) throws IOException {
        long size = reader.size();
        if (reader.path().equals(tornFile) && tornPosition == bytePosition && tornSize == size) {
            return Look.NOT_YET; // judged a torn tail already, and unchanged since
        }
        long[] bases = LogFolder.segmentBases(folder);
        boolean last = bases.length > 0 && bases[bases.length - 1] == reader.baseOffset();
        RecordStatus status = reader.read(bytePosition); // again: a writer may have finished it meanwhile
        if (status == RecordStatus.RECORD) {
            return found();
        }
        if (status == RecordStatus.END) {
            return Look.LOOK_AGAIN; // a writer cut it: the next look is at the end of the data
        }
        if (!last) {
            throw new CorruptLogException(reader.path(), bytePosition, SegmentWalk.describe(status)
                    + " in a segment that is not the last one");
        }
        if (status == RecordStatus.INVALID && judge) {
            SegmentWalk.requireNothingValidAfter(reader, bytePosition, position, status);
        } else if (status == RecordStatus.INVALID && ContinuationSearch.firstValidRecordAfter(
                reader.channel(), reader.path(), bytePosition, position) >= 0) {
            return Look.SUSPECT_DAMAGE;
        }
        tornFile = reader.path();
        tornPosition = bytePosition;
        tornSize = reader.size();
        return Look.NOT_YET;
    }

    /** The offset after the newest record of the log whose segments are {@code bases}. */
    private long nextOffset(long[] bases) throws IOException {
        if (bases.length == 0) {
            return 0;
        }
        long base = bases[bases.length - 1];
        try (SegmentReader last = new SegmentReader()) {
            last.open(LogFolder.segmentPath(folder, base), base);
            return SegmentTail.of(last, LogFolder.indexPath(folder, base)).nextOffset();
        }
    }

    private OffsetOutOfRangeException seekOutOfRange(long target, long[] bases, String why) throws IOException {
        long next = nextOffset(bases);
        String accepted = bases.length == 0 || next == bases[0]
                ? "the bus holds no events; the only accepted offset is " + next + ", that of the next event published"
                : "accepted offsets are " + bases[0] + " to " + (next - 1) + ", or " + next
                        + " to wait for the next event published";
        return new OffsetOutOfRangeException("cannot seek to offset " + target + " on file bus " + folder + ": "
                + why + "; " + accepted);
    }

    private OffsetOutOfRangeException positionDeleted(long[] bases) throws IOException {
        String oldest = bases.length == 0
                ? "the folder holds no segment at all"
                : "the oldest retained offset is " + bases[0];
        return new OffsetOutOfRangeException("file bus " + folder + ": the event at offset " + position
                + " (the consumer's position) was deleted by retention before it was read; " + oldest
                + ". Call seekToBeginning() to go on from the oldest retained event, knowing events were lost");
    }

    /** Forgets where the position lies (not the position itself). */
    private void unposition() {
        positioned = false;
        reader.close();
    }

    @Override
    public void close() {
        reader.close();
        positioned = false;
        if (watching) {
            watching = false;
            shared.stopWatching();
        }
        shared.release();
    }
}
