package io.hermesbus.file;

import static io.hermesbus.file.SegmentFormat.FILE_HEADER_BYTES;
import static io.hermesbus.file.SegmentFormat.INDEX_ENTRY_BYTES;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends entries to the index of the segment a writer is filling. The file is created with its header at the
 * first entry. Entries are never forced: the index is a hint that readers check, and recovery rebuilds it.
 * Not thread-safe; used under the writers' lock.
 */
final class IndexWriter implements Closeable {
    private final Path file;
    private final ByteBuffer entry = ByteBuffer.allocate(INDEX_ENTRY_BYTES);
    private FileChannel channel;
    /** Where the next entry goes; -1 when unknown (other writers may have appended). */
    private long end = -1;

    IndexWriter(Path file) {
        this.file = file;
    }

    /** Appends the entry "record {@code offset} starts at {@code position}". */
    void append(long offset, long position) throws IOException {
        FileChannel open = channel();
        if (end < 0) {
            // a crash may have left a partial entry at the end: write over it so that entries stay aligned
            end = FILE_HEADER_BYTES + (open.size() - FILE_HEADER_BYTES) / INDEX_ENTRY_BYTES * INDEX_ENTRY_BYTES;
        }
        entry.clear();
        entry.putLong(offset).putLong(position).flip();
        try {
            FileIo.writeFully(open, entry, end);
        } catch (IOException e) {
            end = -1;
            throw e;
        }
        end += INDEX_ENTRY_BYTES;
    }

    /** Other writers may have appended entries: find the end from the file's size next time. */
    void forgetEnd() {
        end = -1;
    }

    /** Drops the entries of records at or after byte {@code logPosition} (cut off from the log). */
    void dropFrom(long logPosition) throws IOException {
        FileChannel open = channel();
        long entries = (open.size() - FILE_HEADER_BYTES) / INDEX_ENTRY_BYTES;
        long keep = entries;
        while (keep > 0) {
            entry.clear();
            long at = FILE_HEADER_BYTES + (keep - 1) * INDEX_ENTRY_BYTES;
            FileIo.readFully(open, entry, at);
            if (entry.getLong(8) < logPosition) {
                break;
            }
            keep--;
        }
        open.truncate(FILE_HEADER_BYTES + keep * INDEX_ENTRY_BYTES);
        end = -1;
    }

    /** Empties the index, to rebuild it. */
    void clear() throws IOException {
        channel().truncate(FILE_HEADER_BYTES);
        end = FILE_HEADER_BYTES;
    }

    private FileChannel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            end = -1;
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            ensureHeader(channel);
        }
        return channel;
    }

    private static void ensureHeader(FileChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_BYTES);
        FileIo.readFully(channel, header, 0);
        if (header.hasRemaining() || SegmentFormat.headerProblem(header.flip(), SegmentFormat.INDEX_MAGIC) != null) {
            // missing, torn or foreign: the index is rebuildable, so start it afresh
            channel.truncate(0);
            header.clear();
            SegmentFormat.putFileHeader(header, SegmentFormat.INDEX_MAGIC);
            FileIo.writeFully(channel, header.flip(), 0);
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
