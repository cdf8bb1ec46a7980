package io.hermesbus.file;

import static io.hermesbus.file.SegmentFormat.FILE_HEADER_BYTES;

import io.hermesbus.api.InvalidEventException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * Appends records to a bus folder, shared with writers in other processes and threads. Every change to the
 * folder happens under the writers' lock ({@link SharedFolder#lockWriters}), so writers interleave whole records.
 * In {@code group} and {@code os} mode this JVM keeps the OS part of that lock between batches until the next tick
 * of {@link GroupSync} (a lease), which saves taking it and reading the writer id.
 *
 * <h2>Batches: group commit among concurrent senders</h2>
 * A send encodes its record into this writer's queue (a user-space buffer; offset, timestamp and CRC left blank),
 * then, unless another sender is already writing, becomes the leader: under the writers' lock it takes every
 * queued record, gives them the next offsets in queue order and one timestamp, and writes them with one positional
 * write (one per segment when the batch crosses a roll), their index entries with one more, then, in {@code sync},
 * forces once. Senders that queued while a leader was writing wait (spinning briefly, then parked); when a batch is
 * done, the leader unparks each of its senders and asks one of those that queued meanwhile to write the next batch,
 * then returns. With one sending thread every
 * batch is one record, as before batching; with several, one write (and in {@code sync} one force) serves many.
 *
 * <h2>Write-behind ({@code write_behind})</h2>
 * A send returns once its record is queued. The queue is written as a batch at each tick (before the force in
 * {@code group}), by the sender whose record brings it to {@link #WRITE_BEHIND_BYTES} (or, in {@code group}, to
 * {@code sync_events} records; a write that brings the unforced appends to {@code sync_events} asks the group commit
 * thread for a force, without waiting for it), whenever this JVM gives up the writers' OS lock or a {@code FileBus} change
 * takes it ({@link SharedFolder#writePending}), and at {@link #close}. A failed write loses the records of its batch:
 * the next send (or {@link #flush}, or {@link #close}) reports how many.
 *
 * <p>A writer keeps a view of the last segment (its file, its valid end, the next offset). Under the lock it first
 * checks whether that view may be out of date: every writer records its id in {@code writer.lock} before it
 * changes the folder, so when the id there is still this writer's own, nobody else changed anything and one
 * 8-byte read was the whole check. Otherwise it records its id and looks: the size of its segment (then scans
 * what others appended) and whether the segment that would come next exists. A torn tail found on the way (a
 * writer that crashed in the middle of a record) is cut off.
 *
 * <p>Thread-safe: the writers' lock guards the view and the files, {@link #queueLock} the queue. Lock order: the
 * writers' lock before the queue's, never the other way.
 */
final class LogWriter implements AutoCloseable, SharedFolder.PendingWrites {
    /**
     * The size at which a write-behind queue is written at once, without waiting for the tick: 64 KiB, about a
     * hundred 600-byte Hermes events. It makes one {@code pwrite} cost under 5% of the bytes it copies, keeps the
     * buffer within a core's L2 cache, and bounds what a consumer waits for at high rates to well under a tick;
     * larger buffers gain nothing measurable and only lengthen what a process kill loses.
     */
    static final int WRITE_BEHIND_BYTES = 64 * 1024;
    /** Queues larger than this after a batch (a huge record went through) are given back to the heap. */
    private static final int KEPT_QUEUE_BYTES = 4 * WRITE_BEHIND_BYTES;
    private static final int INITIAL_QUEUE_BYTES = 16 * 1024;
    /**
     * How long a sender waiting for its batch spins before it parks: about a positional write of a batch to the page
     * cache. Parking and being unparked costs a few µs of system calls and context switches, as much as the write a
     * batch saves, so without the spin several threads in {@code group} and {@code os} mode would gain nothing.
     */
    private static final long SPIN_NANOS = 20_000;

    private final Path folder;
    private final FileBusSettings settings;
    private final SharedFolder shared;
    private final SegmentReader scanner = new SegmentReader();
    private final CRC32C crc = new CRC32C();
    /** Forces ({@code group}), ends the lease ({@code group}, {@code os}) and writes behind every sync_interval_ms. */
    private final GroupSync groupSync;
    /** Whether appends keep the OS lock on a lease: not in {@code sync} mode, which stays as simple as it was. */
    private final boolean leases;
    private final boolean writeBehind;
    /** This writer's id in {@code writer.lock}: random, so that writers in all processes differ. */
    private final long id = new SecureRandom().nextLong() | 1; // never 0, which means "no writer recorded"

    // the queue, guarded by queueLock
    private final ReentrantLock queueLock = new ReentrantLock();
    /** Queued records, back to back from position 0, with blank offset, timestamp and CRC. */
    private ByteBuffer queue = ByteBuffer.allocate(INITIAL_QUEUE_BYTES);
    /** The batch that the queued records belong to. */
    private Batch openBatch = new Batch();
    /** Whether a sender is writing a batch (group commit without write-behind). */
    private boolean leading;
    /** Set by {@link #close}: no more sends are queued. Volatile for the cheap checks outside the lock. */
    private volatile boolean closed;
    /** Write-behind: acknowledged records that a failed write lost, and why; reported by the next send. */
    private long lostRecords;
    private IOException lostCause;

    // guarded by the writers' lock
    /** The queue being written by a batch; empty in between, and swapped with {@link #queue} by the next one. */
    private ByteBuffer writing = ByteBuffer.allocate(INITIAL_QUEUE_BYTES);
    /** Records of the batch being written that are in the log so far. */
    private int batchWritten;
    /** Set once close has closed the files: nothing is written any more. */
    private boolean shut;
    private long activeBase;
    private Path activePath;
    private FileChannel activeChannel;
    private IndexWriter activeIndex;
    /** The byte position after the last valid record of the active segment. */
    private long activeEnd;
    private long nextOffset;
    /** Set while the view is being built and after a failure half-way: it is rebuilt from the files before use. */
    private boolean viewStale = true;

    /**
     * Queued records written together. Its senders park until {@link #done}; the writer of the batch unparks each of
     * them directly (no lock to pass from one to the next), and unparks the one it asks to write the next batch as
     * {@link #leader}.
     */
    private static final class Batch {
        /** Guarded by {@link #queueLock}. */
        int records;
        /** The senders waiting for this batch; guarded by {@link #queueLock}. */
        final List<Thread> waiting = new ArrayList<>(4);
        /** The waiting sender asked to write this batch, or null. */
        volatile Thread leader;
        /** Set (after {@link #failure}) once the batch is written, or failed. */
        volatile boolean done;
        volatile IOException failure;
    }

    private LogWriter(Path folder, FileBusSettings settings, SharedFolder shared) {
        this.folder = folder;
        this.settings = settings;
        this.shared = shared;
        this.leases = settings.durability() != Durability.SYNC;
        this.writeBehind = settings.writeBehind();
        if (writeBehind) {
            queue = ByteBuffer.allocate(2 * WRITE_BEHIND_BYTES);
            writing = ByteBuffer.allocate(2 * WRITE_BEHIND_BYTES);
        }
        this.groupSync = leases ? new GroupSync(shared, settings.syncIntervalMs(), settings.syncEvents(),
                settings.durability() == Durability.GROUP, writeBehind ? this::writeBehindTick : null) : null;
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
                shared.writePending(); // this JVM's acknowledged events first: retention must count them
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
        if (writer.writeBehind) {
            shared.addPendingWrites(writer);
        }
        if (writer.groupSync != null) {
            writer.groupSync.start(writer.activeChannel);
        }
        return writer;
    }

    /**
     * Appends one record, with the next offset and the time its batch is written, and makes it as durable as the
     * settings say before returning (with {@code write_behind}: queues it, to be written within
     * {@code sync_interval_ms}). Consumers can read it once this returns, except with {@code write_behind}.
     *
     * @return false, having appended nothing, if the writer is closed
     * @throws InvalidEventException if the record would be larger than a record may be
     * @throws CorruptLogException if the log's tail turns out to be damaged; nothing was appended
     * @throws IOException if writing fails (the record may or may not be in the log then); or, before anything is
     *     queued, if an earlier background force or write-behind write failed (reported once), or if the thread is
     *     interrupted
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
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("the sending thread is interrupted; nothing was sent");
        }
        Batch batch;
        boolean lead = false;
        boolean writeNow = false;
        queueLock.lock();
        try {
            if (closed) {
                return false;
            }
            reportFailures();
            batch = enqueue(category, json, (int) whole);
            if (writeBehind) {
                writeNow = queue.position() >= WRITE_BEHIND_BYTES
                        || (settings.durability() == Durability.GROUP && batch.records >= settings.syncEvents());
            } else if (!leading) {
                leading = true;
                lead = true;
            } else {
                batch.waiting.add(Thread.currentThread());
            }
        } finally {
            queueLock.unlock();
        }
        if (writeBehind) {
            if (writeNow) {
                flush();
            }
            return true;
        }
        if (lead || awaitBatch(batch)) {
            leadBatches();
        }
        IOException failure = batch.failure;
        if (failure != null) {
            throw new IOException(failure.getMessage(), failure);
        }
        return true;
    }

    /**
     * Parks until {@code batch} is written, or until this thread is asked to write it. The record is queued: it
     * will be written, interrupt or not, so an interrupt only stays set.
     *
     * @return whether this thread is to write the batch
     */
    private static boolean awaitBatch(Batch batch) {
        boolean interrupted = false;
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        try {
            while (true) {
                if (batch.leader == Thread.currentThread()) {
                    return true;
                }
                if (batch.done) {
                    return false;
                }
                if (System.nanoTime() - spinUntil < 0) {
                    Thread.onSpinWait();
                    continue;
                }
                LockSupport.park(batch);
                interrupted |= Thread.interrupted();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Writes the queued batch, then hands over to a sender waiting for the records queued meanwhile (or, with none
     * queued, stops leading) and returns: the sender goes back to its caller at once, so that its next record joins
     * the next batch. (A leader that went on writing the next batches itself would keep its own next record out of
     * them: with two sending threads every batch would hold one record.)
     */
    private void leadBatches() {
        try {
            writeAsLeader();
        } finally {
            queueLock.lock();
            try {
                handOverLocked();
            } finally {
                queueLock.unlock();
            }
        }
    }

    /** Asks a sender waiting for the open batch to write it, or, when nobody waits, stops leading. */
    private void handOverLocked() {
        Batch next = openBatch;
        if (next.records > 0 && !next.waiting.isEmpty()) {
            Thread successor = next.waiting.get(0);
            next.leader = successor; // leading stays true: the successor leads from here
            LockSupport.unpark(successor);
        } else {
            leading = false;
        }
    }

    /**
     * Writes what is queued now (with {@code write_behind}; otherwise nothing is ever left queued), without forcing,
     * and reports a write-behind failure.
     *
     * @throws IOException naming how many acknowledged events a failed write lost, since the last report
     */
    void flush() throws IOException {
        writeAsLeader();
        queueLock.lock();
        try {
            reportFailures();
        } finally {
            queueLock.unlock();
        }
    }

    /** Appends a record with blank offset, timestamp and CRC to the queue. Under the queue lock. */
    private Batch enqueue(byte[] category, byte[] json, int whole) {
        if (queue.remaining() < whole) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(2 * queue.capacity(), queue.position() + whole));
            queue = larger.put(queue.flip());
        }
        queue.putInt(whole - SegmentFormat.RECORD_PREFIX_BYTES).putInt(0).putLong(0).putLong(0)
                .putShort((short) category.length).put(category).put(json);
        openBatch.records++;
        return openBatch;
    }

    /** Throws, once, a failure that earlier sends could not report. Under the queue lock. */
    private void reportFailures() throws IOException {
        if (lostCause != null) {
            IOException cause = lostCause;
            long lost = lostRecords;
            lostCause = null;
            lostRecords = 0;
            throw new LostEventsException(lost > 0
                    ? lost + " events that send had acknowledged (write_behind) were not written to " + folder
                            + " and are lost: " + cause
                    : "writing behind to " + folder + " failed (events that send had acknowledged may not be"
                            + " durable): " + cause, lost, cause);
        }
        IOException forceFailure = groupSync == null ? null : groupSync.takeFailure();
        if (forceFailure != null) {
            throw forceFailure;
        }
    }

    private boolean hasQueued() {
        queueLock.lock();
        try {
            return openBatch.records > 0;
        } finally {
            queueLock.unlock();
        }
    }

    /**
     * Takes the writers' lock and writes everything queued, of this writer and of this JVM's write-behind writers
     * of the folder. Never throws: each batch carries its failure. The thread's interrupt status is set aside while
     * it writes for others (an interrupt during file I/O would close the channel under every sender's record).
     */
    private void writeAsLeader() {
        boolean interrupted = Thread.interrupted();
        shared.lockInJvm();
        try {
            if (shut || !hasQueued()) {
                return; // close wrote it, or another writer of this JVM did (write-behind)
            }
            try {
                shared.lockWriters();
            } catch (IOException | RuntimeException e) {
                failOpenBatch(e instanceof IOException io ? io : new IOException(e.toString(), e));
                return;
            }
            try {
                shared.writePending(); // this JVM's write-behind writers first: their events were sent earlier
                writeOpenBatchLocked();
            } finally {
                shared.unlockWriters(leases);
            }
        } finally {
            shared.unlockInJvm();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** With {@code write_behind}: the tick writes the queue before the force. */
    private void writeBehindTick() {
        if (hasQueued()) {
            writeAsLeader();
        }
    }

    @Override
    public void writePendingLocked() {
        if (!shut) {
            writeOpenBatchLocked();
        }
    }

    /** The queued records will never be written (the writers' lock could not be taken): their senders fail. */
    private void failOpenBatch(IOException failure) {
        queueLock.lock();
        try {
            Batch batch = openBatch;
            openBatch = new Batch();
            queue.clear();
            finish(batch, 0, failure);
        } finally {
            queueLock.unlock();
        }
    }

    /** Marks {@code batch} done, of which {@code written} records are in the log. Under the queue lock. */
    private void finish(Batch batch, int written, IOException failure) {
        batch.failure = failure;
        batch.done = true;
        for (Thread sender : batch.waiting) {
            LockSupport.unpark(sender);
        }
        if (writeBehind && failure != null) {
            lostRecords += batch.records - written;
            if (lostCause == null) {
                lostCause = failure;
            }
        }
    }

    /**
     * Writes the queued records as one batch and, in {@code sync}, forces them; then marks the batch done. Under the
     * writers' lock (in-JVM and OS). Never throws: the batch carries its failure.
     */
    private void writeOpenBatchLocked() {
        Batch batch;
        ByteBuffer records;
        queueLock.lock();
        try {
            batch = openBatch;
            if (batch.records == 0) {
                return;
            }
            records = queue;
            queue = writing; // empty: swapped back after every batch
            openBatch = new Batch();
        } finally {
            queueLock.unlock();
        }
        writing = records;
        IOException failure = null;
        Error error = null;
        batchWritten = 0;
        try {
            if (shut) {
                throw new IOException("the writer of " + folder + " is closed");
            }
            writeRecords(records);
            if (settings.durability() == Durability.SYNC) {
                CrashSeam.beforeForce(batch.records);
                activeChannel.force(false);
            }
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException | Error e) {
            viewStale = true;
            failure = new IOException(e.toString(), e);
            if (e instanceof Error fatal) {
                error = fatal; // its senders fail (never a success they did not get), then it goes on up
            }
        } finally {
            if (batchWritten > 0) {
                shared.signalAppended();
            }
            records.clear();
            if (records.capacity() > KEPT_QUEUE_BYTES) {
                writing = ByteBuffer.allocate(writeBehind ? 2 * WRITE_BEHIND_BYTES : INITIAL_QUEUE_BYTES);
            }
            queueLock.lock();
            try {
                finish(batch, batchWritten, failure);
            } finally {
                queueLock.unlock();
            }
        }
        if (error != null) {
            throw error;
        }
    }

    /**
     * Gives the queued records in {@code records} (from 0 to its position) their offsets, the current time and their
     * CRC, and writes them: one positional write per run of records that stay in one segment (rolling between
     * runs), then their index entries with one write. Counts in {@link #batchWritten} the records in the log.
     */
    private void writeRecords(ByteBuffer records) throws IOException {
        refreshView();
        long now = System.currentTimeMillis();
        long interval = settings.indexIntervalBytes();
        int limit = records.position();
        byte[] array = records.array();
        int runStart = 0;
        int runRecords = 0;
        int at = 0;
        while (at < limit) {
            int whole = SegmentFormat.RECORD_PREFIX_BYTES + records.getInt(at);
            long position = activeEnd + (at - runStart);
            // an empty segment never rolls, so segment_bytes = 1 means one record per segment, not empty segments
            if (position >= settings.segmentBytes() && position > FILE_HEADER_BYTES) {
                writeRun(records, runStart, at, runRecords);
                runStart = at;
                runRecords = 0;
                roll();
                applyRetention();
                position = activeEnd;
            }
            long offset = nextOffset + runRecords;
            records.putLong(at + SegmentFormat.RECORD_PREFIX_BYTES, offset);
            records.putLong(at + SegmentFormat.RECORD_PREFIX_BYTES + 8, now);
            crc.reset();
            crc.update(array, records.arrayOffset() + at + SegmentFormat.RECORD_PREFIX_BYTES,
                    whole - SegmentFormat.RECORD_PREFIX_BYTES);
            records.putInt(at + 4, (int) crc.getValue());
            if (SegmentFormat.getsIndexEntry(position, whole, interval)) {
                activeIndex.add(offset, position);
            }
            at += whole;
            runRecords++;
        }
        writeRun(records, runStart, limit, runRecords);
    }

    /** Writes the {@code count} records in {@code records[from, to)} at the active segment's end, with one write. */
    private void writeRun(ByteBuffer records, int from, int to, int count) throws IOException {
        if (count == 0) {
            return;
        }
        ByteBuffer run = ByteBuffer.wrap(records.array(), records.arrayOffset() + from, to - from);
        long position = activeEnd;
        try {
            CrashSeam.beforeWrite(count);
            FileIo.writeFully(activeChannel, run, position);
        } catch (IOException | RuntimeException e) {
            viewStale = true; // part of the run may be in the file: the next batch looks again
            activeIndex.discard();
            batchWritten += wholeRecordsIn(records, from, run.position() - records.arrayOffset());
            throw e;
        }
        activeEnd = position + (to - from);
        nextOffset += count;
        batchWritten += count;
        try {
            activeIndex.flush();
        } catch (IOException e) {
            // the records are in the log; failing their sends now would make the callers send them twice. A
            // missing entry only makes seeks scan further, and recovery rebuilds the index.
        }
        if (groupSync != null) {
            groupSync.afterAppend(activeChannel, count);
        }
    }

    /** How many whole records of {@code records} lie between {@code from} and {@code upTo}. */
    private static int wholeRecordsIn(ByteBuffer records, int from, int upTo) {
        int count = 0;
        int at = from;
        while (at + SegmentFormat.RECORD_PREFIX_BYTES <= upTo) {
            at += SegmentFormat.RECORD_PREFIX_BYTES + records.getInt(at);
            if (at > upTo) {
                break;
            }
            count++;
        }
        return count;
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
            shared.writePending(); // every event that this JVM's sends acknowledged counts
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
     * Builds the view from the files: the last segment, checked whole (records before its index's last entry, and from
     * that entry, or from its start when the entry does not match the log or the machine restarted since the segment's
     * last change, rebuilding the index, to the end); an empty folder gets its first segment.
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
        activeChannel = FileIo.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        activeBase = base;
        activePath = path;
        activeIndex = new IndexWriter(LogFolder.indexPath(folder, base));
        scanner.attach(activeChannel, path, base);
        scanner.requireSegmentHeader();
        // Changed last before this machine started: a power loss may have kept any subset of the unforced pages, in
        // any order, so a hole may lie before valid records, and an index entry after it. Every force covers the whole
        // file, so nothing from the first invalid byte on was forced: walk from the start and cut all of it, as a torn
        // tail. Without a restart, such damage is corruption (and refused below).
        boolean restarted = SystemStart.changedBefore(path);
        IndexEntry hint = restarted ? null : IndexLookup.last(LogFolder.indexPath(folder, base));
        SegmentWalk walk = SegmentWalk.from(scanner, hint);
        boolean indexUsable = walk.fromIndexEntry();
        long from = walk.position();
        if (indexUsable) {
            requireValidUpTo(from, walk.nextOffset());
        } else {
            activeIndex.clear();
        }
        long interval = settings.indexIntervalBytes();
        SegmentWalk.End end;
        try {
            while (walk.next()) {
                RecordView record = walk.record();
                boolean alreadyIndexed = indexUsable && record.position == from;
                if (!alreadyIndexed && SegmentFormat.getsIndexEntry(record.position, record.wholeBytes, interval)) {
                    activeIndex.add(record.offset, record.position);
                }
            }
            end = walk.toEnd();
        } catch (CorruptLogException damage) {
            if (!restarted) {
                throw damage;
            }
            end = new SegmentWalk.End(walk.position(), walk.nextOffset(), true);
        }
        activeIndex.flush();
        adoptEnd(end);
        if (groupSync != null) {
            groupSync.switchTo(activeChannel);
        }
        viewStale = false;
    }

    /**
     * Requires the records of the last segment before the index entry at {@code entryPosition} to be valid: a writer
     * never appends after damage, and the walk to the end only starts at that entry. Damage before a valid indexed
     * record is never a torn tail ({@link TornTail}).
     */
    private void requireValidUpTo(long entryPosition, long entryOffset) throws IOException {
        SegmentWalk prefix = SegmentWalk.at(scanner, FILE_HEADER_BYTES, activeBase);
        while (prefix.position() < entryPosition && prefix.next()) {
            // the records before the entry
        }
        if (prefix.position() != entryPosition || prefix.nextOffset() != entryOffset) {
            String found = prefix.position() < entryPosition
                    ? SegmentWalk.describe(prefix.status()) + " where the record with offset " + prefix.nextOffset()
                            + " should start"
                    : "records that do not lead to the indexed record";
            throw new CorruptLogException(activePath, Math.min(prefix.position(), entryPosition), found
                    + ", yet the valid record with offset " + entryOffset + " follows at byte " + entryPosition
                    + " (damage in the middle of the segment, not a torn tail): this producer does not append after it");
        }
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
        try (FileChannel channel = FileIo.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_BYTES);
            SegmentFormat.putFileHeader(header, SegmentFormat.LOG_MAGIC);
            FileIo.writeFully(channel, header.flip(), 0);
            channel.force(true);
        }
        // an index left by an earlier life of the folder would be appended to out of order
        FileIo.deleteIfExists(LogFolder.indexPath(folder, base));
        FileIo.move(temporary, path);
        FileIo.forceFolder(folder);
        activeChannel = FileIo.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
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
            FileIo.deleteIfExists(LogFolder.segmentPath(folder, bases[i]));
            FileIo.deleteIfExists(LogFolder.indexPath(folder, bases[i]));
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
                    FileIo.deleteIfExists(entry);
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
     * Stops the writer: writes what is queued (senders waiting for their batch, or a write-behind queue); in
     * {@code group} mode, forces what is not forced yet; ends this JVM's lease on the OS lock; then closes the files.
     * Idempotent.
     *
     * @throws IOException if the final force fails, or if a write-behind write failed since the last report (naming
     *     how many acknowledged events it lost)
     */
    @Override
    public void close() throws IOException {
        queueLock.lock();
        boolean wasOpen = !closed;
        closed = true; // sends from now on queue nothing
        queueLock.unlock();
        if (!wasOpen) {
            return;
        }
        if (groupSync != null) {
            groupSync.stop(); // without holding the in-JVM lock: its tick takes it to end the lease
        }
        boolean osLocked = false;
        if (hasQueued()) {
            try {
                shared.lockWriters();
                osLocked = true;
            } catch (IOException | RuntimeException e) {
                failOpenBatch(e instanceof IOException io ? io : new IOException(e.toString(), e));
            }
        }
        if (!osLocked) {
            shared.lockInJvm();
        }
        try {
            if (osLocked) {
                writeOpenBatchLocked();
            }
            forceIfGrouped();
        } finally {
            if (writeBehind) {
                shared.removePendingWrites(this);
            }
            closeActive();
            shut = true;
            // at every close, so that the last producer's cannot leave the lock held while a consumer keeps the
            // folder's channel open; no handoff: this writer takes it no more, other writers' ticks hand it over
            if (osLocked) {
                shared.unlockWriters(false);
            } else {
                shared.endLease(0);
                shared.unlockInJvm();
            }
            shared.release();
        }
        queueLock.lock();
        try {
            reportFailures();
        } finally {
            queueLock.unlock();
        }
    }
}
