package io.hermesbus.file;

import static io.hermesbus.file.SegmentFormat.FILE_HEADER_BYTES;
import static io.hermesbus.file.SegmentFormat.INDEX_ENTRY_BYTES;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a segment's sparse index: binary search over its entries, with one small positional read per step.
 * A missing file, a foreign header or a file with no whole entry gives no entry; entries that the binary search
 * lands on are not checked here: {@link SegmentWalk#from} checks one against the log before it starts there.
 */
final class IndexLookup {
    private IndexLookup() {
    }

    /** The entry with the largest offset {@code <= target}, or null when there is none to use. */
    static IndexEntry floor(Path indexFile, long target) throws IOException {
        try (FileChannel channel = FileChannel.open(indexFile, StandardOpenOption.READ)) {
            long entries = usableEntries(channel);
            ByteBuffer entry = ByteBuffer.allocate(INDEX_ENTRY_BYTES);
            long low = 0;
            long high = entries - 1;
            IndexEntry found = null;
            while (low <= high) {
                long middle = (low + high) >>> 1;
                IndexEntry candidate = read(channel, entry, middle);
                if (candidate == null) {
                    return found;
                }
                if (candidate.offset() <= target) {
                    found = candidate;
                    low = middle + 1;
                } else {
                    high = middle - 1;
                }
            }
            return found;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The last entry, or null when there is none to use. */
    static IndexEntry last(Path indexFile) throws IOException {
        try (FileChannel channel = FileChannel.open(indexFile, StandardOpenOption.READ)) {
            long entries = usableEntries(channel);
            return entries == 0 ? null : read(channel, ByteBuffer.allocate(INDEX_ENTRY_BYTES), entries - 1);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** How many whole entries follow a valid header; 0 for a foreign or short file. */
    private static long usableEntries(FileChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_BYTES);
        FileIo.readFully(channel, header, 0);
        if (header.hasRemaining() || SegmentFormat.headerProblem(header.flip(), SegmentFormat.INDEX_MAGIC) != null) {
            return 0;
        }
        return (channel.size() - FILE_HEADER_BYTES) / INDEX_ENTRY_BYTES;
    }

    private static IndexEntry read(FileChannel channel, ByteBuffer entry, long index) throws IOException {
        entry.clear();
        if (FileIo.readFully(channel, entry, FILE_HEADER_BYTES + index * INDEX_ENTRY_BYTES) < INDEX_ENTRY_BYTES) {
            return null; // the file shrank under us
        }
        return new IndexEntry(entry.getLong(0), entry.getLong(8));
    }
}
