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
 * Entries are gathered with {@link #add} and written together, with one positional write, by {@link #flush}: a
 * writer adds the entries of a whole batch of records, then flushes once.
 * Not thread-safe; used under the writers' lock.
 */
final class IndexWriter implements Closeable {
    private final Path file;
    private final ByteBuffer entry = ByteBuffer.allocate(INDEX_ENTRY_BYTES);
    /** Entries added and not yet written. */
    private ByteBuffer added = ByteBuffer.allocate(64 * INDEX_ENTRY_BYTES);
    private FileChannel channel;
    /** Where the next entry goes; -1 when unknown (other writers may have appended). */
    private long end = -1;

    IndexWriter(Path file) {
        this.file = file;
    }

    /** Adds the entry "record {@code offset} starts at {@code position}", written by the next {@link #flush}. */
    void add(long offset, long position) {
        if (added.remaining() < INDEX_ENTRY_BYTES) {
            added = ByteBuffer.allocate(2 * added.capacity()).put(added.flip());
        }
        added.putLong(offset).putLong(position);
    }

    /** Writes the entries added since the last flush, with one write; none are kept if it fails. */
    void flush() throws IOException {
        if (added.position() == 0) {
            return;
        }
        try {
            FileChannel open = channel();
            if (end < 0) {
                // a crash may have left a partial entry at the end: write over it so that entries stay aligned
                end = FILE_HEADER_BYTES + (open.size() - FILE_HEADER_BYTES) / INDEX_ENTRY_BYTES * INDEX_ENTRY_BYTES;
            }
            int bytes = added.position();
            FileIo.writeFully(open, added.flip(), end);
            end += bytes;
        } catch (IOException e) {
            end = -1;
            throw e;
        } finally {
            added.clear();
        }
    }

    /** Forgets the entries added since the last flush. */
    void discard() {
        added.clear();
    }

    /** Other writers may have appended entries: find the end from the file's size next time. */
    void forgetEnd() {
        end = -1;
    }

    /** Drops the entries of records at or after byte {@code logPosition} (cut off from the log). */
    void dropFrom(long logPosition) throws IOException {
        added.clear();
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
        added.clear();
        channel().truncate(FILE_HEADER_BYTES);
        end = FILE_HEADER_BYTES;
    }

    private FileChannel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            end = -1;
            channel = FileIo.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
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
