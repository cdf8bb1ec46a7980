package io.hermesbus.file;

import static io.hermesbus.file.SegmentFormat.FILE_HEADER_BYTES;
import static io.hermesbus.file.SegmentFormat.INDEX_ENTRY_BYTES;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a consumer remembers of a bus folder between seeks, so that a seek in the steady state costs no directory
 * listing and no index read: the segments' base offsets as last listed, and the sparse-index entries it has read,
 * per segment. Everything here is a hint that {@link LogCursor} checks before it answers (see there): a listing
 * may be stale, an entry is used only once the log holds that record at that position.
 *
 * <p>What changes is read again, and only that: the folder is listed again when a seek finds reason to (a segment file
 * gone, a target below the oldest or beyond the last known segment's data, damage on the way; and once a second while
 * files of other segments are kept open, so that those retention deleted are closed); the entries appended to an index
 * since it was read are read from where the last read stopped, when a seek's target lies after its last known entry; an
 * index whose entry does not check out is read again from the start. An index read while its segment was known not to
 * be the last one is complete (writers add entries only to the last segment) and is never read again.
 *
 * <p>Segment files: the files of the {@value #MAX_OPEN_SEGMENTS} segments seeks used last are kept open, so that a
 * seek into another segment opens nothing; each is used only while the file of that name has the identity (device
 * and inode) it had when it was opened, and those no longer listed are closed at the listing.
 *
 * <p>Memory: 8 bytes per listed segment (its base offset), and for each segment a seek went to, about 400 bytes (names,
 * identity, bookkeeping) plus 8 bytes per index entry kept (the offset, relative to the segment's base, and the byte
 * position, packed in a {@code long}; the file spends 16). At most {@value #MAX_SEGMENT_ENTRIES} entries are kept per
 * segment (beyond, every other one is dropped, doubling the longest scan: only a segment of more than 256 MiB at the
 * default {@code index_interval_bytes} gets there), and at most {@value #MAX_ENTRIES} in all, 8 MiB: the indexes used
 * least recently are dropped first (and read again if needed). A 10 M-event log of 64 MiB segments (2.1 GB, 32
 * segments, about 515,000 entries at the default interval) fits whole: about 4 MiB.
 *
 * <p>Not thread-safe: one consumer's.
 */
final class SegmentCache {
    /** The most index entries kept for one segment: 512 KiB. */
    static final int MAX_SEGMENT_ENTRIES = 1 << 16;
    /** The most index entries kept in all: 8 MiB. */
    static final long MAX_ENTRIES = 1 << 20;
    /** The most segments remembered (each with its entries); a listing's base offsets are not counted. */
    static final int MAX_SEGMENTS = 4096;
    /** The most segment files kept open for seeks: those of the segments used most recently. */
    static final int MAX_OPEN_SEGMENTS = 32;
    private static final int INDEX_READ_BYTES = 64 * 1024;
    private static final long[] NONE = new long[0];

    private final Path folder;
    private long[] bases = NONE;
    private boolean listed;
    /** The segments a seek went to, least recently used first. */
    private final LinkedHashMap<Long, Segment> segments = new LinkedHashMap<>(16, 0.75f, true);
    /** Index entries kept, over all {@link #segments}. */
    private long entries;
    /** Segments whose {@link Segment#channel} is open (or was, before an interrupt closed it). */
    private int openChannels;
    private ByteBuffer indexBuffer;

    SegmentCache(Path folder) {
        this.folder = folder;
    }

    /** Whether the folder was listed; the base offsets are then those of that listing. */
    boolean listed() {
        return listed;
    }

    /** The base offsets of the segments, in increasing order, as last listed: a hint. */
    long[] bases() {
        return bases;
    }

    /** Lists the folder again, and forgets the segments that are no longer in it. */
    void list() throws IOException {
        bases = LogFolder.segmentBases(folder);
        listed = true;
        for (Iterator<Map.Entry<Long, Segment>> all = segments.entrySet().iterator(); all.hasNext(); ) {
            Segment segment = all.next().getValue();
            if (!contains(segment.base)) {
                forget(segment); // deleted: its file is closed, so that its disk space goes
                all.remove();
            }
        }
    }

    /** Whether the last listing holds the segment of {@code base}. */
    boolean contains(long base) {
        return Arrays.binarySearch(bases, base) >= 0;
    }

    /** What is remembered of the segment of {@code base}, made fresh when nothing is; counts as a use. */
    Segment segment(long base) {
        Segment segment = segments.get(base);
        if (segment == null) {
            segment = new Segment(base);
            segments.put(base, segment);
            if (segments.size() > MAX_SEGMENTS) {
                Iterator<Segment> eldest = segments.values().iterator();
                forget(eldest.next());
                eldest.remove();
            }
        }
        return segment;
    }

    private void forget(Segment segment) {
        entries -= segment.count;
        segment.closeChannel();
    }

    /**
     * An open channel on the file {@code path} of {@code segment}, whose identity {@code key} was taken before:
     * the one kept open since an earlier seek if it reads that very file, else one opened now (and kept open, the
     * least recently used segment's file being closed when {@value #MAX_OPEN_SEGMENTS} are open).
     *
     * @throws NoSuchFileException if there is no file at {@code path}
     */
    FileChannel channel(Segment segment, Path path, Object key) throws IOException {
        if (segment.channel != null && segment.channel.isOpen() && key.equals(segment.channelKey)) {
            return segment.channel;
        }
        segment.closeChannel();
        if (openChannels >= MAX_OPEN_SEGMENTS) {
            for (Segment eldest : segments.values()) {
                if (eldest.channel != null && eldest != segment) {
                    eldest.closeChannel();
                    break;
                }
            }
        }
        segment.channel = FileIo.open(path, StandardOpenOption.READ);
        segment.channelKey = key;
        openChannels++;
        return segment.channel;
    }

    /** How many segment files are kept open. */
    int openChannels() {
        return openChannels;
    }

    /** Closes every segment file kept open but {@code keep} (the one being read; may be null). */
    void closeChannelsExcept(FileChannel keep) {
        for (Segment segment : segments.values()) {
            if (segment.channel != null && segment.channel != keep) {
                segment.closeChannel();
            }
        }
    }

    /**
     * The identity of the file at {@code path} (device and inode, {@link BasicFileAttributes#fileKey()}): one
     * {@code stat}.
     *
     * @throws NoSuchFileException if there is no file there
     */
    static Object fileKey(Path path) throws IOException {
        Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        return key != null ? key : new Object(); // no identity on this file system: never the same, always checked
    }

    /** Drops the entries of the least recently used segments while more than {@link #MAX_ENTRIES} are kept. */
    private void bound(Segment keep) {
        Iterator<Segment> oldest = segments.values().iterator();
        while (entries > MAX_ENTRIES && oldest.hasNext()) {
            Segment segment = oldest.next();
            if (segment != keep) {
                segment.forgetIndex();
            }
        }
    }

    /**
     * One segment as a seek knows it: the identity of the file whose header was checked, and the index entries
     * read so far, kept sorted by offset.
     */
    final class Segment {
        final long base;
        private final Path indexPath;
        private final File indexFile;
        /** The identity of the segment file whose header was found good; null before. */
        Object checkedKey;
        /** The segment file, kept open between seeks; null when not. */
        private FileChannel channel;
        /** The identity of the file {@link #channel} reads, taken before it was opened. */
        private Object channelKey;
        /** Entries: offset minus base in the high 32 bits, byte position (unsigned) in the low ones; sorted. */
        private long[] packed = NONE;
        private int count;
        /** One entry of the file in {@code stride} is kept (1 unless the segment has very many). */
        private int stride = 1;
        /** How many entries of the file were read (kept or not). */
        private long fileEntries;
        /** How many bytes of the index file were read: 0 before any, else the header and whole entries. */
        private long indexBytes;
        /** Whether the index file's header is foreign: nothing in it is used until it is rewritten. */
        private boolean foreign;
        /** Whether the index was read to its end while a later segment existed: writers add nothing to it since. */
        private boolean complete;

        private Segment(long base) {
            this.base = base;
            this.indexPath = LogFolder.indexPath(folder, base);
            this.indexFile = indexPath.toFile();
        }

        /**
         * The index of the entry with the largest offset {@code <= target}; -1 when there is none. Entries are about
         * evenly spaced in offsets, so the search starts where the target would lie if they were exactly so, gallops
         * to bracket it and ends with a binary search in the bracket: two or three entries touched where a binary
         * search over a full segment's 16,000 would touch 14, most of them cache misses.
         */
        int floor(long target) {
            long relative = target - base;
            if (relative < 0 || count == 0 || relative < (packed[0] >>> 32)) {
                return -1;
            }
            if (relative >= (packed[count - 1] >>> 32)) {
                return count - 1;
            }
            // from here: key(0) <= relative < key(count - 1), so count >= 2; keys strictly increase
            long first = packed[0] >>> 32;
            long last = packed[count - 1] >>> 32;
            int guess = (int) ((relative - first) * (count - 1) / (last - first)); // 0 .. count - 2
            int low;
            int high;
            if ((packed[guess] >>> 32) <= relative) {
                low = guess;
                high = guess + 1;
                for (int step = 2; (packed[high] >>> 32) <= relative; step <<= 1) { // ends: key(count - 1) > relative
                    low = high;
                    high = Math.min(count - 1, low + step);
                }
            } else {
                high = guess;
                low = guess - 1; // guess >= 1, since key(0) <= relative
                for (int step = 2; (packed[low] >>> 32) > relative; step <<= 1) { // ends: key(0) <= relative
                    high = low;
                    low = Math.max(0, high - step);
                }
            }
            while (high - low > 1) { // key(low) <= relative < key(high)
                int middle = (low + high) >>> 1;
                if ((packed[middle] >>> 32) <= relative) {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        /** Entry {@code i} (from 0 to the count less one). */
        IndexEntry entry(int i) {
            return new IndexEntry(base + (packed[i] >>> 32), packed[i] & 0xFFFF_FFFFL);
        }

        /** The byte position of entry {@code i}, or -1 when there is no such entry. */
        long position(int i) {
            return i >= 0 && i < count ? packed[i] & 0xFFFF_FFFFL : -1;
        }

        /**
         * Whether the index file may hold an entry at or after {@code target} that was not read yet: the target lies
         * after the last entry read, and the index is not known to be complete.
         */
        boolean mayHaveNewEntries(long target) {
            return !complete && (count == 0 || target > base + (packed[count - 1] >>> 32));
        }

        /**
         * Reads the entries appended to the index file since the last read (all of them the first time, or when
         * the file got shorter: rewritten). One {@code stat} when nothing was appended.
         *
         * @param sealed whether a later segment was listed before this call: the index is then complete once read
         */
        void readNewEntries(boolean sealed) throws IOException {
            long size = indexFile.length(); // 0 when missing, without an exception
            if (size < indexBytes) {
                forgetIndex(); // shorter than what was read: truncated, rebuilt or replaced
            }
            long wholeEnd = size < FILE_HEADER_BYTES
                    ? 0 : FILE_HEADER_BYTES + (size - FILE_HEADER_BYTES) / INDEX_ENTRY_BYTES * INDEX_ENTRY_BYTES;
            if (wholeEnd > Math.max(indexBytes, FILE_HEADER_BYTES) && !foreign) {
                int before = count;
                try (FileChannel channel = FileIo.open(indexPath, StandardOpenOption.READ)) {
                    read(channel, wholeEnd);
                } catch (NoSuchFileException e) {
                    // deleted since: nothing more to read
                }
                entries += count - before;
                bound(this);
            }
            complete = sealed;
        }

        private void read(FileChannel channel, long wholeEnd) throws IOException {
            if (indexBuffer == null) {
                indexBuffer = ByteBuffer.allocate(INDEX_READ_BYTES);
            }
            ByteBuffer buffer = indexBuffer;
            if (indexBytes == 0) {
                buffer.clear().limit(FILE_HEADER_BYTES);
                if (FileIo.readFully(channel, buffer, 0) < FILE_HEADER_BYTES) {
                    return;
                }
                if (SegmentFormat.headerProblem(buffer.flip(), SegmentFormat.INDEX_MAGIC) != null) {
                    foreign = true; // given up on until the file gets shorter (a writer starts it afresh)
                    indexBytes = wholeEnd;
                    return;
                }
                indexBytes = FILE_HEADER_BYTES;
            }
            while (indexBytes < wholeEnd) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), wholeEnd - indexBytes));
                int read = FileIo.readFully(channel, buffer, indexBytes) / INDEX_ENTRY_BYTES * INDEX_ENTRY_BYTES;
                if (read == 0) {
                    return; // the file shrank under us
                }
                for (int at = 0; at < read; at += INDEX_ENTRY_BYTES) {
                    add(buffer.getLong(at), buffer.getLong(at + 8));
                }
                indexBytes += read;
            }
        }

        /**
         * Keeps one entry of the file, if it can be a valid one and keeps the entries sorted: entries out of order
         * or out of range come from a damaged or foreign index and would not check out anyway.
         */
        private void add(long offset, long position) {
            if (fileEntries++ % stride != 0) {
                return;
            }
            long relative = offset - base;
            if (relative < 0 || relative > Integer.MAX_VALUE || position < FILE_HEADER_BYTES || position > 0xFFFF_FFFFL
                    || count > 0 && relative <= (packed[count - 1] >>> 32)) {
                return;
            }
            if (count == packed.length) {
                packed = Arrays.copyOf(packed, Math.max(16, Math.min(2 * count, MAX_SEGMENT_ENTRIES + 1)));
            }
            packed[count++] = relative << 32 | position;
            if (count > MAX_SEGMENT_ENTRIES) {
                for (int i = 0; i < count / 2; i++) {
                    packed[i] = packed[2 * i]; // keep every other entry: scans get twice as long at most
                }
                count /= 2;
                stride *= 2;
            }
        }

        private void closeChannel() {
            if (channel == null) {
                return;
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // a read-only channel has nothing to lose on close
            }
            channel = null;
            channelKey = null;
            openChannels--;
        }

        /** Forgets the entries read, so that the index is read again from its start when needed. */
        void forgetIndex() {
            entries -= count;
            packed = NONE;
            count = 0;
            stride = 1;
            fileEntries = 0;
            indexBytes = 0;
            foreign = false;
            complete = false;
        }
    }
}
