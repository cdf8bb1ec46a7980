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
 * Reads a segment's sparse index's last entry, for those that look for a segment's end (a writer, {@link SegmentTail}).
 * A missing file, a foreign header or a file with no whole entry gives no entry; the entry is not checked here:
 * {@link SegmentWalk#from} checks it against the log before it starts there. (Consumers' seeks read whole indexes
 * into their {@link SegmentCache}.)
 */
final class IndexLookup {
    private IndexLookup() {
    }

    /** The last entry, or null when there is none to use. */
    static IndexEntry last(Path indexFile) throws IOException {
        try (FileChannel channel = FileIo.open(indexFile, StandardOpenOption.READ)) {
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
