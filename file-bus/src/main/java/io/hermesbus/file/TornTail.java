package io.hermesbus.file;

import static io.hermesbus.file.SegmentFormat.MAX_RECORD_LENGTH;
import static io.hermesbus.file.SegmentFormat.RECORD_FIXED_BYTES;
import static io.hermesbus.file.SegmentFormat.RECORD_PREFIX_BYTES;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The one place that decides whether bytes that are not a valid record are a <em>torn tail</em> or
 * <em>damage</em>; consumers, producers and the checker all ask here.
 *
 * <p>A torn tail is what a writer leaves while it writes, or when it is killed in the middle of a write: a prefix
 * of its batch, so an incomplete record at the very end of the last segment with nothing valid after it (after a
 * power loss, also bytes that never reached the disk). It may be waited at (a live writer completes it) and cut off
 * by the next writer: nothing acknowledged lies in it that survives anywhere else. Everything else is damage, and
 * nobody may wait at it, end at it or cut it:
 * <ul>
 *   <li>bad bytes in a segment that is not the last (segments are forced whole before the next one starts);
 *   <li>bad bytes followed by a valid record with an offset not below the expected one ({@link ContinuationSearch};
 *       an index entry that checks out is such a record): a writer only ever appends, so valid bytes after bad ones
 *       were written after them and the bad ones are not a write in progress;
 *   <li>bad bytes that run to the end of the file and are, under another length, exactly one whole record with the
 *       expected offset and a matching CRC: a complete record whose length field was damaged, not a cut write
 *       (a prefix of a record matches its CRC with probability 2^-32).
 * </ul>
 * One exception, taken by the next producer only: when the last segment was changed last before the machine
 * started, a power loss may have kept unforced pages in any order, so everything from its first invalid byte on is
 * cut as a torn tail, valid records after it included ({@link LogWriter}'s {@code loadView}, {@link SystemStart}).
 */
final class TornTail {
    private TornTail() {
    }

    /**
     * Why the {@code status} bytes at {@code position} (where the record with offset {@code expected} should start)
     * are damage, or null when they are a torn tail.
     *
     * @param lastSegment whether the reader's segment is the last one of the folder
     */
    static String whyDamage(SegmentReader reader, long position, long expected, RecordStatus status,
                            boolean lastSegment) throws IOException {
        String found = SegmentWalk.describe(status) + " where the record with offset " + expected + " should start";
        if (!lastSegment) {
            return found + ", in a segment that is not the last one (only the last segment can have a torn tail)";
        }
        long valid = ContinuationSearch.firstValidRecordAfter(reader.channel(), reader.path(), position, expected);
        if (valid >= 0) {
            return found + ", yet a valid record follows at byte " + valid
                    + " (damage in the middle of the segment, not a torn tail)";
        }
        if (isWholeRecordUnderDamagedLength(reader, position, expected)) {
            return found + ", yet the bytes from there to the end of the file are one whole record with that offset"
                    + " whose checksum matches: its length field is damaged (not a torn tail)";
        }
        return null;
    }

    private static boolean isWholeRecordUnderDamagedLength(SegmentReader reader, long position, long expected)
            throws IOException {
        long length = reader.size() - position - RECORD_PREFIX_BYTES;
        if (length < RECORD_FIXED_BYTES || length > MAX_RECORD_LENGTH) {
            return false;
        }
        ByteBuffer bytes = ByteBuffer.allocate(RECORD_PREFIX_BYTES + (int) length);
        if (FileIo.readFully(reader.channel(), bytes, position) != bytes.capacity()
                || bytes.getLong(RECORD_PREFIX_BYTES) != expected) {
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.array(), RECORD_PREFIX_BYTES, (int) length);
        return (int) crc.getValue() == bytes.getInt(4);
    }
}
