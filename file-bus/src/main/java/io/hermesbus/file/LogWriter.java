package io.hermesbus.file;

import static io.hermesbus.file.SegmentFormat.FILE_HEADER_BYTES;

import io.hermesbus.api.InvalidEventException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.zip.CRC32C;

/**
 * Appends records to a bus folder, shared with writers in other processes and threads. Every change to the
 * folder happens under the writers' lock ({@link SharedFolder#lockWriters}), taken per append, so writers
 * interleave whole records. In {@code group} and {@code os} mode this JVM keeps the OS part of that lock between
 * appends until the next tick of {@link GroupSync} (a lease), which saves taking it and reading the writer id.
 *
 * <p>A writer keeps a view of the last segment (its file, its valid end, the next offset). Under the lock it first
 * checks whether that view may be out of date: every writer records its id in {@code writer.lock} before it
 * changes the folder, so when the id there is still this writer's own, nobody else changed anything and one
 * 8-byte read was the whole check. Otherwise it records its id and looks: the size of its segment (then scans
 * what others appended) and whether the segment that would come next exists. A torn tail found on the way (a
 * writer that crashed in the middle of a record) is cut off.
 *
 * <p>Thread-safe: the lock guards all state.
 */
final class LogWriter implements AutoCloseable {
    private static final int INITIAL_RECORD_BYTES = 4096;

    private final Path folder;
    private final FileBusSettings settings;
    private final SharedFolder shared;
    private final SegmentReader scanner = new SegmentReader();
    private final CRC32C crc = new CRC32C();
    /** Forces ({@code group}) and ends the lease ({@code group}, {@code os}) every sync_interval_ms; null in sync. */
    private final GroupSync groupSync;
    /** Whether appends keep the OS lock on a lease: not in {@code sync} mode, which stays as simple as it was. */
    private final boolean leases;
    /** This writer's id in {@code writer.lock}: random, so that writers in all processes differ. */
    private final long id = new SecureRandom().nextLong() | 1; // never 0, which means "no writer recorded"
    private ByteBuffer record = ByteBuffer.allocate(INITIAL_RECORD_BYTES);

    private long activeBase;
    private Path activePath;
    private FileChannel activeChannel;
    private IndexWriter activeIndex;
    /** The byte position after the last valid record of the active segment. */
    private long activeEnd;
    private long nextOffset;
    /** Set while the view is being built and after a failure half-way: it is rebuilt from the files before use. */
    private boolean viewStale = true;
    private boolean closed;

    private LogWriter(Path folder, FileBusSettings settings, SharedFolder shared) {
        this.folder = folder;
        this.settings = settings;
        this.shared = shared;
        this.leases = settings.durability() != Durability.SYNC;
        this.groupSync = leases ? new GroupSync(shared, settings.syncIntervalMs(), settings.syncEvents()) : null;
    }

    /**
     * Opens a writer on {@code folder}, a real (canonical) path of an existing, writable folder: under the lock,
     * removes leftovers of interrupted segment creations, recovers the last segment (cuts a torn tail, rebuilds a
     * bad index; creates the first segment of an empty folder) and applies retention.
     *
     * @throws CorruptLogException if the last segment is damaged in the middle, or a {@code *.log} is foreign
     * @throws IOException if the folder cannot be read or written
     */
    static LogWriter open(Path folder, FileBusSettings settings) throws IOException {
        SharedFolder shared = SharedFolder.acquire(folder);
        LogWriter writer = new LogWriter(folder, settings, shared);
        try {
            shared.lockWriters();
            try {
                shared.recordWriter(writer.id);
                writer.deleteTemporaryFiles();
                writer.loadView();
                writer.applyRetention();
            } finally {
                shared.unlockWriters(false); // no lease yet: there is no timer to end it if opening fails
            }
        } catch (IOException | RuntimeException | Error e) {
            writer.closeActive();
            shared.release();
            throw e;
        }
        if (writer.groupSync != null) {
            writer.groupSync.start(writer.activeChannel);
        }
        return writer;
    }

    /**
     * Appends one record, with the next offset and the current time, and makes it as durable as the settings say
     * before returning. Consumers can read it once this returns.
     *
     * @return false, having appended nothing, if the writer is closed
     * @throws InvalidEventException if the record would be larger than a record may be
     * @throws CorruptLogException if the log's tail turns out to be damaged; nothing was appended
     * @throws IOException if writing fails; the record may or may not be in the log then
     */
    boolean append(byte[] category, byte[] json) throws IOException {
        long whole = SegmentFormat.recordBytes(category.length, json.length);
        if (category.length > SegmentFormat.MAX_CATEGORY_BYTES) {
            throw new InvalidEventException("the category is " + category.length + " bytes long in UTF-8; a file bus"
                    + " record holds at most " + SegmentFormat.MAX_CATEGORY_BYTES);
        }
        if (whole - SegmentFormat.RECORD_PREFIX_BYTES > SegmentFormat.MAX_RECORD_LENGTH) {
            throw new InvalidEventException("the event takes " + whole + " bytes as a record; a file bus record holds"
                    + " at most " + SegmentFormat.MAX_RECORD_LENGTH + " bytes (64 MiB)");
        }
        shared.lockWriters();
        try {
            if (closed) {
                return false;
            }
            refreshView();
            rollIfFull();
            long position = activeEnd;
            long offset = nextOffset;
            encode(offset, category, json, (int) whole);
            try {
                FileIo.writeFully(activeChannel, record, position);
            } catch (IOException | RuntimeException e) {
                viewStale = true; // part of the record may be in the file: the next append looks again
                throw e;
            }
            activeEnd = position + whole;
            nextOffset = offset + 1;
            if (SegmentFormat.getsIndexEntry(position, whole, settings.indexIntervalBytes())) {
                addIndexEntry(offset, position);
            }
            makeDurable();
        } finally {
            shared.unlockWriters(leases);
        }
        shared.signalAppended();
        return true;
    }

    private void encode(long offset, byte[] category, byte[] json, int whole) {
        if (record.capacity() < whole) {
            record = ByteBuffer.allocate(Math.max(whole, 2 * record.capacity()));
        }
        SegmentFormat.encodeRecord(record, crc, offset, System.currentTimeMillis(), category, json);
    }

    private void addIndexEntry(long offset, long position) {
        try {
            activeIndex.append(offset, position);
        } catch (IOException e) {
            // the record is in the log; failing the send now would make the caller send it twice. A missing entry
            // only makes seeks scan further, and recovery rebuilds the index.
        }
    }

    private void makeDurable() throws IOException {
        switch (settings.durability()) {
            case SYNC -> activeChannel.force(false);
            case GROUP -> groupSync.afterAppend(activeChannel);
            case OS -> {
                // the page cache keeps it across a process kill; never forced
            }
        }
    }

    /**
     * Deletes whole segments, oldest first and never the last, as long as at least {@code count} of the newest
     * events remain. With {@code count} 0 the last segment is first closed by starting an empty one, so that every
     * event can go.
     */
    void retainNewest(long count) throws IOException {
        shared.lockWriters();
        try {
            if (closed) {
                throw new IllegalStateException("the writer of " + folder + " is closed");
            }
            refreshView();
            if (count == 0 && activeEnd > FILE_HEADER_BYTES) {
                roll();
            }
            long[] bases = LogFolder.segmentBases(folder);
            int deletable = 0;
            while (deletable < bases.length - 1 && nextOffset - bases[deletable + 1] >= count) {
                deletable++;
            }
            deleteOldest(bases, deletable);
        } finally {
            shared.unlockWriters(leases);
        }
    }

    /** Brings the view of the last segment up to date with what other writers did. Under the lock. */
    private void refreshView() throws IOException {
        boolean othersChanged = shared.lastWriterId() != id;
        if (othersChanged) {
            shared.recordWriter(id); // before any change, so that a crash in the middle still tells the others
        }
        if (viewStale || !activeChannel.isOpen()) {
            loadView();
            return;
        }
        if (!othersChanged) {
            return;
        }
        if (!Files.exists(activePath)) {
            loadView(); // another writer started later segments and its retention deleted this one
            return;
        }
        activeIndex.forgetEnd();
        long size = activeChannel.size();
        if (size < activeEnd) {
            loadView(); // valid records vanished: someone else changed the folder, so trust only the files
            return;
        }
        if (size > activeEnd) {
            scanner.attach(activeChannel, activePath, activeBase);
            adoptEnd(SegmentWalk.at(scanner, activeEnd, nextOffset).toEnd());
        }
        if (Files.exists(LogFolder.segmentPath(folder, nextOffset))) {
            loadView(); // another writer started a new segment after our last one
        }
    }

    /**
     * Builds the view from the files: the last segment, checked from its index's last entry (or from its start,
     * rebuilding the index, when that entry does not match the log) to its end. A last segment shorter than its
     * header gets the header written again; an empty folder gets its first segment.
     */
    private void loadView() throws IOException {
        viewStale = true;
        closeActive();
        long[] bases = LogFolder.segmentBases(folder);
        if (bases.length == 0) {
            createSegment(0);
            return;
        }
        long base = bases[bases.length - 1];
        Path path = LogFolder.segmentPath(folder, base);
        activeChannel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        activeBase = base;
        activePath = path;
        activeIndex = new IndexWriter(LogFolder.indexPath(folder, base));
        if (activeChannel.size() < FILE_HEADER_BYTES) {
            rewriteHeader();
        }
        scanner.attach(activeChannel, path, base);
        scanner.requireSegmentHeader();
        SegmentWalk walk = SegmentWalk.from(scanner, IndexLookup.last(LogFolder.indexPath(folder, base)));
        boolean indexUsable = walk.fromIndexEntry();
        long from = walk.position();
        if (!indexUsable) {
            activeIndex.clear();
        }
        long interval = settings.indexIntervalBytes();
        while (walk.next()) {
            RecordView record = walk.record();
            boolean alreadyIndexed = indexUsable && record.position == from;
            if (!alreadyIndexed && SegmentFormat.getsIndexEntry(record.position, record.wholeBytes, interval)) {
                activeIndex.append(record.offset, record.position);
            }
        }
        adoptEnd(walk.toEnd());
        if (groupSync != null) {
            groupSync.switchTo(activeChannel);
        }
        viewStale = false;
    }

    private void rewriteHeader() throws IOException {
        // a crash right after creating the file, before its header reached the disk: nothing else can be in it
        activeChannel.truncate(0);
        ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_BYTES);
        SegmentFormat.putFileHeader(header, SegmentFormat.LOG_MAGIC);
        FileIo.writeFully(activeChannel, header.flip(), 0);
        activeChannel.force(true);
    }

    /** Takes the end a walk found, cutting a torn tail off first. */
    private void adoptEnd(SegmentWalk.End end) throws IOException {
        if (end.torn()) {
            // truncate rather than overwrite, so that no stale byte after the cut can ever be read as a record
            activeChannel.truncate(end.position());
            activeChannel.force(true);
            activeIndex.dropFrom(end.position());
        }
        activeEnd = end.position();
        nextOffset = end.nextOffset();
    }

    private void rollIfFull() throws IOException {
        // an empty segment never rolls, so segment_bytes = 1 means one record per segment, not empty segments
        if (activeEnd >= settings.segmentBytes() && activeEnd > FILE_HEADER_BYTES) {
            roll();
            applyRetention();
        }
    }

    /** Finishes the active segment and starts the next one, named after the next offset. */
    private void roll() throws IOException {
        // in every mode: a later segment must never exist on disk while an earlier one misses records
        activeChannel.force(false);
        if (groupSync != null) {
            groupSync.allForced();
        }
        createSegment(nextOffset);
    }

    /**
     * Creates the segment of {@code base} and makes it the active one: written whole under a temporary name,
     * forced, renamed, and the folder forced, so that no reader or crash ever sees it half-made.
     */
    private void createSegment(long base) throws IOException {
        viewStale = true;
        closeActive();
        Path path = LogFolder.segmentPath(folder, base);
        if (Files.exists(path)) {
            throw new CorruptLogException(path, 0, "a segment with base offset " + base
                    + " already exists although the log's previous segment does not reach that offset yet");
        }
        Path temporary = folder.resolve(path.getFileName() + SegmentFormat.TEMPORARY_SUFFIX);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_BYTES);
            SegmentFormat.putFileHeader(header, SegmentFormat.LOG_MAGIC);
            FileIo.writeFully(channel, header.flip(), 0);
            channel.force(true);
        }
        // an index left by an earlier life of the folder would be appended to out of order
        Files.deleteIfExists(LogFolder.indexPath(folder, base));
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
        FileIo.forceFolder(folder);
        activeChannel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        activeBase = base;
        activePath = path;
        activeIndex = new IndexWriter(LogFolder.indexPath(folder, base));
        activeEnd = FILE_HEADER_BYTES;
        nextOffset = base;
        if (groupSync != null) {
            groupSync.switchTo(activeChannel);
        }
        viewStale = false;
    }

    /** Deletes the oldest segments as {@code retention_ms} and {@code retention_bytes} say. Under the lock. */
    private void applyRetention() throws IOException {
        if (settings.retentionMs().isEmpty() && settings.retentionBytes().isEmpty()) {
            return;
        }
        long[] bases = LogFolder.segmentBases(folder);
        int deletable = 0;
        if (settings.retentionMs().isPresent()) {
            long oldestKept = System.currentTimeMillis() - settings.retentionMs().getAsLong();
            try (SegmentReader reader = new SegmentReader()) {
                // oldest first, stopping at the first segment kept: the log must stay without gaps
                while (deletable < bases.length - 1) {
                    reader.open(LogFolder.segmentPath(folder, bases[deletable]), bases[deletable]);
                    SegmentTail tail = SegmentTail.of(reader, LogFolder.indexPath(folder, bases[deletable]));
                    if (tail.isEmpty() || tail.newestTimestampMs() >= oldestKept) {
                        break;
                    }
                    deletable++;
                }
            }
        }
        if (settings.retentionBytes().isPresent()) {
            long total = 0;
            long[] sizes = new long[bases.length];
            for (int i = 0; i < bases.length; i++) {
                sizes[i] = Files.size(LogFolder.segmentPath(folder, bases[i]));
                total += sizes[i];
            }
            int bySize = 0;
            while (bySize < bases.length - 1 && total > settings.retentionBytes().getAsLong()) {
                total -= sizes[bySize];
                bySize++;
            }
            deletable = Math.max(deletable, bySize);
        }
        deleteOldest(bases, deletable);
    }

    /** Deletes the first {@code count} segments of {@code bases} with their indexes, then forces the folder. */
    private void deleteOldest(long[] bases, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            // the log first: a reader that lists the folder must not find a segment whose index is already gone
            Files.deleteIfExists(LogFolder.segmentPath(folder, bases[i]));
            Files.deleteIfExists(LogFolder.indexPath(folder, bases[i]));
        }
        if (count > 0) {
            FileIo.forceFolder(folder);
        }
    }

    /** Leftovers of segment creations that a crash interrupted before the rename: never part of the log. */
    private void deleteTemporaryFiles() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder,
                "*" + SegmentFormat.LOG_SUFFIX + SegmentFormat.TEMPORARY_SUFFIX)) {
            for (Path entry : entries) {
                if (SegmentFormat.baseOffsetOf(entry.getFileName().toString()
                        .replace(SegmentFormat.TEMPORARY_SUFFIX, "")) >= 0) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    private void forceIfGrouped() throws IOException {
        if (settings.durability() == Durability.GROUP && activeChannel != null && activeChannel.isOpen()) {
            activeChannel.force(false);
        }
    }

    /** Closes the active segment's files; in {@code group} mode forces them first, since the sync thread moves on. */
    private void closeActive() {
        try {
            forceIfGrouped();
        } catch (IOException ignored) {
            // only reached when the view is rebuilt after a failure, which that failure already reported
        }
        scanner.close();
        if (activeIndex != null) {
            try {
                activeIndex.close();
            } catch (IOException ignored) {
                // the index is a hint; nothing to lose
            }
            activeIndex = null;
        }
        if (activeChannel != null) {
            try {
                activeChannel.close();
            } catch (IOException ignored) {
                // appends are already written (and forced as the mode says); close has nothing left to do
            }
            activeChannel = null;
        }
    }

    /**
     * Stops the writer: in {@code group} mode, forces what is not forced yet; ends this JVM's lease on the OS lock;
     * then closes the files. Idempotent.
     *
     * @throws IOException if the final force fails
     */
    @Override
    public void close() throws IOException {
        shared.lockInJvm();
        boolean wasOpen = !closed;
        closed = true; // appends from now on append nothing
        shared.unlockInJvm();
        if (!wasOpen) {
            return;
        }
        if (groupSync != null) {
            groupSync.stop(); // without holding the in-JVM lock: its tick takes it to end the lease
        }
        shared.lockInJvm();
        try {
            forceIfGrouped();
        } finally {
            // at every close, so that the last producer's cannot leave the lock held while a consumer keeps the
            // folder's channel open; no handoff: this writer takes it no more, other writers' ticks hand it over
            shared.endLease(0);
            closeActive();
            shared.unlockInJvm();
            shared.release();
        }
    }
}
