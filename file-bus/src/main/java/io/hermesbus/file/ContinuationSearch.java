package io.hermesbus.file;

import static io.hermesbus.file.SegmentFormat.MAX_RECORD_LENGTH;
import static io.hermesbus.file.SegmentFormat.MIN_RECORD_BYTES;
import static io.hermesbus.file.SegmentFormat.RECORD_FIXED_BYTES;
import static io.hermesbus.file.SegmentFormat.RECORD_PREFIX_BYTES;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Tells a torn tail from damage in the middle of a segment: after invalid bytes at some position, is there still
 * a valid record further on? A torn tail (a write cut short by a crash) has nothing valid after it and may be cut
 * off; damage followed by valid records must never be cut, since that would drop those records.
 *
 * <p>The search looks, at every byte position after the bad one, for what a record's offset field would hold
 * there (an offset from the expected one up to what the remaining bytes could number), and checks only those few
 * candidates fully (length and CRC). Linear in the bytes searched, which is the tail after the bad position.
 */
final class ContinuationSearch {
    private static final int WINDOW_BYTES = 1024 * 1024;
    /** A candidate needs its length field (4 bytes at +0) and its offset field (8 bytes at +8) in the window. */
    private static final int CANDIDATE_FIELDS_BYTES = RECORD_PREFIX_BYTES + 8;

    private ContinuationSearch() {
    }

    /**
     * The position of the first valid record after {@code badPosition} in {@code channel} whose offset is at least
     * {@code expectedOffset}, or -1 when there is none.
     */
    static long firstValidRecordAfter(FileChannel channel, Path segment, long badPosition, long expectedOffset) throws IOException {
        long size = channel.size();
        long highestPossible = expectedOffset + (size - badPosition) / MIN_RECORD_BYTES + 1;
        ByteBuffer window = ByteBuffer.allocate((int) Math.min(WINDOW_BYTES, Math.max(size - badPosition, CANDIDATE_FIELDS_BYTES)));
        try (SegmentReader checker = new SegmentReader()) {
            checker.attach(channel, segment, 0);
            long windowStart = badPosition + 1;
            while (windowStart + MIN_RECORD_BYTES <= size) {
                window.clear();
                int read = FileIo.readFully(channel, window, windowStart);
                for (int i = 0; i + CANDIDATE_FIELDS_BYTES <= read; i++) {
                    long offset = window.getLong(i + RECORD_PREFIX_BYTES);
                    if (offset < expectedOffset || offset > highestPossible) {
                        continue;
                    }
                    int length = window.getInt(i);
                    long candidate = windowStart + i;
                    if (length >= RECORD_FIXED_BYTES && length <= MAX_RECORD_LENGTH
                            && candidate + RECORD_PREFIX_BYTES + length <= size
                            && checker.read(candidate) == RecordStatus.RECORD && checker.view().offset == offset) {
                        return candidate;
                    }
                }
                if (read < CANDIDATE_FIELDS_BYTES) {
                    break;
                }
                // overlap the windows so that a candidate whose fields straddle the border is seen whole
                windowStart += read - CANDIDATE_FIELDS_BYTES + 1;
            }
        }
        return -1;
    }
}
