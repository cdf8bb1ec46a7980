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
 * watched ({@link io.hermesbus.api.FolderWatch}, from the cursor's first wait on) so does every change another
 * process makes to it; it looks again after {@link #WATCHED_LOOK_NANOS} anyway. Without a watch (the {@code watch} setting off, or the
 * folder could not be watched) it looks every {@code poll_interval_ms} instead. No busy spinning.
 *
 * <p>Seeking: the cursor remembers, in a {@link SegmentCache}, the segment list, the index entries and the segment
 * files (up to 32 open) its seeks used, and reads again only what changed. In the steady state a seek is a binary
 * search over the remembered base offsets and one over the segment's remembered entries, one {@code stat} of the
 * segment's file, and one positional read of the bytes from the entry at or before the target to the next entry
 * (a few KiB), CRC-checked record by record up to the target: no listing, no index read, no {@code open}.
 * Everything remembered is a hint ({@link #locate}): the stat must find the very file the cursor reads (same
 * device and inode), so a segment deleted by retention or replaced by a repair is never read for a seek; an
 * entry is used only once the log holds that record there, and one that does not check out makes the cursor read
 * the index again; any answer but "found" (below the oldest segment, beyond the last one's data, a file gone,
 * damage) is given by a fresh listing, exactly as a cursor that remembers nothing would give it.
 *
 * <p>Retention: whenever the cursor reads bytes from its segment file (one read fills a buffer with many small
 * records), it checks that the file still exists; if retention deleted it, the position is an
 * {@link OffsetOutOfRangeException} unless a remaining segment holds it. Records that were already buffered when
 * the file was deleted may still be yielded, which skips nothing. The first read after a seek always checks, even
 * when the seek left the record in the buffer.
 *
 * <p>Not thread-safe: a consumer is used by one thread at a time.
 */
final class LogCursor implements AutoCloseable {
    private static final long GAP_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** What a seek past its segment's last known index entry reads first, to scan to its target. */
    private static final int SEEK_READ_BYTES = 8 * 1024;
    /** {@link #locate}: the folder holds no segment. */
    private static final long NO_SEGMENT = -1;
    /** {@link #locate}: the target lies below the oldest retained offset. */
    private static final long BELOW_OLDEST = -2;
    /** {@link #locate}: the target lies beyond the offset after the newest record. */
    private static final long BEYOND_END = -3;
    /** {@link #findInSegment}: the search met something a stale listing may explain; list again and look again. */
    private static final long RETRY = -4;
    /** How long the segment files that seeks opened stay open while unchecked or unused. */
    private static final long KEPT_FILES_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
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
    /** The segments and index entries that seeks read, remembered between seeks. */
    private final SegmentCache segments;

    /** The offset of the next record to yield. */
    private long position;
    /** Whether the reader is open on the segment holding {@link #position} and {@link #bytePosition} is valid. */
    private boolean positioned;
    /** Where the record of {@link #position} starts (or will start) in the reader's segment. */
    private long bytePosition;
    /**
     * Whether the next record found must first be checked to be in a segment that still exists, even if it comes
     * from bytes buffered before: after a seek, which may find its target in the buffer.
     */
    private boolean verifyBeforeYield;
    /** When the folder was last listed, and when a seek last looked for a position ({@code System.nanoTime()}). */
    private long listedNanos;
    private long lastSeekNanos;
    /** When the cursor last listed the folder to look for missing segments while caught up. */
    private long lastGapCheck = System.nanoTime();
    /** Whether the next look at the end of a segment's data lists the folder for later segments: before ending a wait. */
    private boolean gapCheckDue;
    /** A wait at a torn tail already judged as such, not judged again while the file keeps its size. */
    private Path tornFile;
    private long tornPosition;
    private long tornSize;

    private LogCursor(Path folder, SharedFolder shared, long pollIntervalMs, boolean watch) {
        this.folder = folder;
        this.shared = shared;
        this.pollNanos = TimeUnit.MILLISECONDS.toNanos(pollIntervalMs);
        this.segments = new SegmentCache(folder);
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
        positioned = false;
        while (true) {
            listSegments();
            long[] bases = segments.bases();
            if (bases.length == 0) {
                unposition();
                position = 0;
                return;
            }
            try {
                useSegment(bases[0]);
            } catch (NoSuchFileException e) {
                continue; // retention deleted it between the listing and the opening: list again
            }
            reader.readAhead(Long.MAX_VALUE); // reading on from the start: large reads at once
            position = bases[0];
            bytePosition = FILE_HEADER_BYTES;
            positioned = true;
            verifyBeforeYield = true;
            return;
        }
    }

    /**
     * Moves to {@code target}, which must lie from the oldest retained offset to the newest plus one.
     *
     * @throws OffsetOutOfRangeException naming the accepted range; the position is then unchanged
     */
    void seek(long target) throws IOException {
        long found = locate(target); // the position stays until the target is found
        if (found == NO_SEGMENT) {
            if (target > 0) {
                throw seekOutOfRange(target, segments.bases(), "it is beyond the end");
            }
            unposition();
            position = 0;
            return;
        }
        if (found == BELOW_OLDEST) {
            throw seekOutOfRange(target, segments.bases(), "it is below the oldest retained offset "
                    + segments.bases()[0]);
        }
        if (found == BEYOND_END) {
            throw seekOutOfRange(target, segments.bases(), "it is beyond the end");
        }
        position = target;
        bytePosition = found;
        positioned = true;
        verifyBeforeYield = true; // so that the first read checks that the segment still exists
    }

    /**
     * Finds where {@code target} lies: moves the reader to the segment that holds it and returns its byte position
     * there, or says why it has none. First from what the cursor remembers ({@link SegmentCache}), with at most
     * one {@code stat} and one positional read in the steady state; any answer but "found" is then checked
     * against a fresh listing of the folder, which gives the answer (today's, and the only one that may throw).
     *
     * @return the byte position; or, from a fresh listing: {@link #NO_SEGMENT}, {@link #BELOW_OLDEST} or
     *     {@link #BEYOND_END}
     * @throws CorruptLogException if the log is damaged before the target, by a fresh listing
     */
    private long locate(long target) throws IOException {
        positioned = false; // the reader may move to another segment: where the position lies is found again
        reader.forgetBuffered(); // a seek reads what the file holds now (a repair may have rewritten it)
        lastSeekNanos = System.nanoTime();
        // while files of other segments are kept open, list at least once a second: so that those retention deleted
        // are closed and their disk space goes
        boolean fresh = !segments.listed()
                || segments.openChannels() > 1 && lastSeekNanos - listedNanos > KEPT_FILES_CHECK_NANOS;
        while (true) {
            if (fresh) {
                listSegments();
            }
            long[] bases = segments.bases();
            if (bases.length == 0 || target < bases[0]) {
                if (!fresh) {
                    fresh = true; // the listing may be stale: a segment may have come (or gone, for the message)
                    continue;
                }
                return bases.length == 0 ? NO_SEGMENT : BELOW_OLDEST;
            }
            long found;
            try {
                found = findInSegment(bases, LogFolder.segmentHolding(bases, target), target, fresh);
            } catch (NoSuchFileException e) {
                fresh = true; // retention deleted it since the listing: list again
                continue;
            } catch (CorruptLogException e) {
                if (fresh) {
                    throw e;
                }
                found = RETRY; // perhaps only a stale listing: a fresh one decides
            }
            if (found == RETRY) {
                fresh = true;
                continue;
            }
            return found;
        }
    }

    /** Lists the folder again; closes the segment the reader holds if it is no longer there. */
    private void listSegments() throws IOException {
        segments.list();
        listedNanos = System.nanoTime();
        if (reader.isOpen() && !segments.contains(reader.baseOffset())) {
            unposition(); // deleted: let its disk space go
        }
    }

    /**
     * Makes the reader read the segment of {@code base}: through the channel it reads or one kept open since an
     * earlier seek if that is on the file that has the segment's name now, else through the file opened anew (its
     * header checked unless that very file's was checked before). Either way the segment existed at that moment: one
     * {@code stat}, and an {@code open} only if no channel on that file is kept.
     *
     * @throws NoSuchFileException if there is no such segment (anymore)
     */
    private void useSegment(long base) throws IOException {
        Path path = LogFolder.segmentPath(folder, base);
        Object key = SegmentCache.fileKey(path); // before opening: never the key of a file that replaced the one opened
        if (reader.isOpen() && reader.baseOffset() == base && key.equals(reader.fileKey())) {
            return;
        }
        SegmentCache.Segment segment = segments.segment(base);
        reader.use(segments.channel(segment, path, key), path, base, key);
        if (!key.equals(segment.checkedKey)) {
            reader.requireSegmentHeader();
            segment.checkedKey = key;
        }
    }

    /**
     * Makes the reader read segment {@code bases[segment]} and finds the byte position of the record {@code target}
     * in it: from the index entry at or before it (once checked against the log), else from the segment's start,
     * scanning forward.
     *
     * @param fresh whether {@code bases} comes from a listing made for this search: only then are damage and the
     *     end of the log reported; otherwise the search returns {@link #RETRY} for a fresh listing to decide
     * @return that position (the end of the valid records when {@code target} is the offset after them, in the
     *     last segment); {@link #BEYOND_END} when the last segment ends before {@code target}; {@link #RETRY}
     * @throws CorruptLogException if a segment that is not the last ends before {@code target}, or if damage with
     *     valid records after it lies before {@code target}
     */
    private long findInSegment(long[] bases, int segment, long target, boolean fresh) throws IOException {
        long base = bases[segment];
        boolean lastSegment = segment == bases.length - 1;
        useSegment(base);
        SegmentWalk walk = walkFromIndex(segments.segment(base), target, !lastSegment);
        while (walk.nextOffset() < target) {
            if (walk.next()) {
                continue;
            }
            if (!fresh) {
                return RETRY; // a stale listing (new segments, or segments gone), or damage: a fresh listing decides
            }
            if (lastSegment) {
                walk.requireTornTailOrEnd(); // damage with valid records after it is not the end
                return BEYOND_END;
            }
            throw new CorruptLogException(reader.path(), walk.position(), SegmentWalk.describe(walk.status())
                    + " where the record with offset " + walk.nextOffset() + " should be, although the next segment"
                    + " starts at offset " + bases[segment + 1]);
        }
        if (!lastSegment) {
            RecordStatus status = reader.read(walk.position());
            if (status != RecordStatus.RECORD) {
                if (!fresh) {
                    return RETRY;
                }
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
     * A walk in the reader's segment from the index entry at or before {@code target}, once checked against the log:
     * the remembered entries first, after reading those appended since if the target lies past them. An entry that
     * does not check out means that the index changed or is damaged: it is read again from its start, and the walk
     * starts from the first of the few entries before the target that checks out, else from the segment's start.
     * The first read asks for the bytes up to the next entry only (the target lies before it).
     *
     * @param sealed whether a later segment was listed: its index is then complete once read
     */
    private SegmentWalk walkFromIndex(SegmentCache.Segment segment, long target, boolean sealed) throws IOException {
        if (segment.mayHaveNewEntries(target)) {
            segment.readNewEntries(sealed);
        }
        int floor = segment.floor(target);
        SegmentWalk walk = walkFromEntry(segment, floor);
        if (floor < 0 || walk.fromIndexEntry()) {
            return walk;
        }
        segment.forgetIndex();
        segment.readNewEntries(sealed);
        floor = segment.floor(target);
        for (int tries = 0; floor >= 0 && tries < 4; tries++, floor--) {
            walk = walkFromEntry(segment, floor);
            if (walk.fromIndexEntry()) {
                return walk;
            }
        }
        return walkFromEntry(segment, -1);
    }

    /** A walk from entry {@code i} of {@code segment} if it checks out, else from the segment's start (i = -1). */
    private SegmentWalk walkFromEntry(SegmentCache.Segment segment, int i) throws IOException {
        long from = i < 0 ? FILE_HEADER_BYTES : segment.position(i);
        long until = segment.position(i + 1);
        reader.readAhead(until > from ? until - from : SEEK_READ_BYTES);
        return SegmentWalk.from(reader, i < 0 ? null : segment.entry(i));
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
        gapCheckDue = false;
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
                            if (!gapCheckDue) {
                                // never end in front of segments that a gap hides: look once more, listing the folder
                                gapCheckDue = true;
                                continue;
                            }
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
        if ((reader.lastReadReadFile() || verifyBeforeYield) && !Files.exists(reader.path())) {
            return segmentVanished(); // read from a file that retention deleted: its records are out of range
        }
        verifyBeforeYield = false;
        if (segments.openChannels() > 1 && System.nanoTime() - lastSeekNanos > KEPT_FILES_CHECK_NANOS) {
            segments.closeChannelsExcept(reader.channel()); // reading on, not seeking: keep no other file open
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
        long found = locate(position);
        long[] bases = segments.bases();
        if (found == NO_SEGMENT && position == 0) {
            return false;
        }
        if (found == NO_SEGMENT || found == BELOW_OLDEST) {
            throw positionDeleted(bases);
        }
        if (found == BEYOND_END) {
            unposition();
            throw new OffsetOutOfRangeException("file bus " + folder + ": this consumer is at offset " + position
                    + ", beyond the end of the log (offsets up to " + (nextOffset(bases) - 1) + "); was the"
                    + " folder replaced? Seek to an offset of this log");
        }
        bytePosition = found;
        positioned = true;
        verifyBeforeYield = true;
        return true;
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
        long later = gapCheckDue || System.nanoTime() - lastGapCheck > GAP_CHECK_NANOS ? laterSegmentBase() : -1;
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
        String damage = TornTail.whyDamage(reader, bytePosition, position, status, last);
        if (damage != null) {
            if (judge || !last) {
                throw new CorruptLogException(reader.path(), bytePosition, damage);
            }
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
        segments.closeChannelsExcept(null);
        positioned = false;
        if (watching) {
            watching = false;
            shared.stopWatching();
        }
        shared.release();
    }
}
