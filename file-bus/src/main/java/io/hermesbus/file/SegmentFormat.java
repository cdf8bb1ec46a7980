package io.hermesbus.file;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The on-disk format of a file bus, described once, here. All multi-byte numbers are big-endian.
 *
 * <h2>Folder</h2>
 * <pre>
 * &lt;path&gt;/
 *   00000000000000000000.log   segment: events from offset 0 (its base offset) on
 *   00000000000000000000.idx   its sparse index (rebuildable; never trusted over the log)
 *   00000000000000001234.log   next segment: its first event has offset 1234
 *   00000000000000001234.idx
 *   writer.lock                the writers' lock file: an OS advisory lock, and the last writer's id
 * </pre>
 * A segment is named after its base offset, the offset of its first event, in 20 decimal digits. Offsets are
 * consecutive across segments: the base of a segment is the offset after the last event of the one before.
 * Only the last segment (the one with the highest base offset) grows; the others never change until retention
 * deletes them, oldest first. A new segment is written as {@code <name>.log.tmp} with its header, forced, and
 * renamed to {@code <name>.log}, so a reader never sees a half-created segment. Other files are ignored, except a
 * {@code *.log} whose name is not 20 digits, which is an error naming the file.
 *
 * <h2>Segment file ({@code .log})</h2>
 * <pre>
 * offset  size  field
 *      0     8  magic "HBUSLOG1" (ASCII)
 *      8     4  format version, int32 = 1
 *     12     4  reserved, int32 = 0
 *     16     …  records, back to back, up to the end of the file
 * </pre>
 * A file shorter than 16 bytes, or with another magic or version, is not a segment this code can read: it is
 * reported naming the file and never deleted or rewritten (segments are created whole, so no crash leaves one).
 *
 * <h2>Record</h2>
 * <pre>
 * size  field
 *    4  length         int32: the number of bytes after the crc field, from offset to the end of json
 *    4  crc32c         int32: CRC-32C (java.util.zip.CRC32C) of exactly those length bytes
 *    8  offset         int64: the event's offset; the first record of a segment has the base offset, and each
 *                      next record the offset after the one before
 *    8  timestamp_ms   int64: when the event was appended, milliseconds since 1970-01-01T00:00:00Z
 *    2  category_length uint16
 *    …  category       UTF-8, category_length bytes: the event's evcategory, compared without decoding the JSON
 *    …  json           UTF-8, the rest: Event.toJson()
 * </pre>
 * A {@code length} below {@value #RECORD_FIXED_BYTES} plus the category's length, or above
 * {@value #MAX_RECORD_LENGTH} (64 MiB, {@code max_record_bytes}), is invalid.
 *
 * <h2>Reading a record at a position</h2>
 * <ul>
 *   <li>Fewer than 8 bytes left, fewer than {@code 8 + length} bytes left, or a CRC that does not match: the record
 *       is not (yet) complete. At the end of the <em>last</em> segment, with nothing valid after it, this is normal
 *       while a writer in another process is writing; after a crash it is a torn tail, which the next writer cuts
 *       off. Readers wait at it and never yield it. {@link TornTail} decides, for every reader and writer.
 *   <li>Anything else that is not a valid record (bad bytes with a valid record after them, bad bytes in a segment
 *       that is not the last, a valid record whose offset is not the expected one): corruption, reported with
 *       {@link CorruptLogException} naming the file and byte position. Nothing is skipped.
 *   <li>A valid record whose JSON does not decode is an event that cannot be read, reported at its offset; the
 *       reader may step over it on purpose.
 * </ul>
 *
 * <h2>Writers' lock ({@code writer.lock})</h2>
 * Writers change the folder only while holding an exclusive OS advisory lock ({@code fcntl}) on the whole of this
 * file, taken per append, or kept by a process across appends for a lease of about {@code sync_interval_ms}
 * ({@code group} and {@code os} mode). Its first 8 bytes hold the id (int64, random, never 0) of the writer that
 * changed the folder last: a writer writes its own id there, under the lock, before it changes anything, so a
 * writer that finds its own id knows that nobody else appended, started a segment or cut a tail since its last
 * turn. A missing or shorter content means "unknown". Readers never open this file.
 *
 * <h2>Sparse index ({@code .idx})</h2>
 * <pre>
 * offset  size  field
 *      0     8  magic "HBUSIDX1" (ASCII)
 *      8     4  format version, int32 = 1
 *     12     4  reserved, int32 = 0
 *     16     …  entries of 16 bytes: offset int64, position int64 (byte position of that record in the .log)
 * </pre>
 * A record gets an entry when its bytes {@code [position, position + 8 + length)} contain a multiple of
 * {@code index_interval_bytes}, so a lookup never scans much more than that many bytes. Entries are appended in
 * record order and never forced: a reader uses an entry only after checking that the log holds a valid record
 * with that offset at that position, and otherwise scans the segment from its start. A trailing partial entry
 * is ignored.
 */
final class SegmentFormat {
    /** "HBUSLOG1" as a big-endian long. */
    static final long LOG_MAGIC = magic("HBUSLOG1");
    /** "HBUSIDX1" as a big-endian long. */
    static final long INDEX_MAGIC = magic("HBUSIDX1");
    static final int VERSION = 1;
    /** Bytes of the file header of both segment and index files. */
    static final int FILE_HEADER_BYTES = 16;
    /** Bytes of {@code length} and {@code crc32c}, before what {@code length} counts. */
    static final int RECORD_PREFIX_BYTES = 8;
    /** Bytes counted by {@code length} before the category: offset, timestamp_ms, category_length. */
    static final int RECORD_FIXED_BYTES = 18;
    /** The smallest whole record: empty category and empty JSON. */
    static final int MIN_RECORD_BYTES = RECORD_PREFIX_BYTES + RECORD_FIXED_BYTES;
    /** The largest valid {@code length}: 64 MiB. */
    static final int MAX_RECORD_LENGTH = 64 * 1024 * 1024;
    /** The longest category, in UTF-8 bytes: what category_length can hold. */
    static final int MAX_CATEGORY_BYTES = 0xFFFF;
    static final int INDEX_ENTRY_BYTES = 16;

    static final String LOG_SUFFIX = ".log";
    static final String INDEX_SUFFIX = ".idx";
    static final String TEMPORARY_SUFFIX = ".tmp";
    static final String LOCK_FILE = "writer.lock";
    private static final int NAME_DIGITS = 20;

    private SegmentFormat() {
    }

    private static long magic(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)).getLong();
    }

    /** The segment file name of {@code baseOffset}: 20 digits and {@code .log}. */
    static String segmentFileName(long baseOffset) {
        return digits(baseOffset) + LOG_SUFFIX;
    }

    /** The index file name of the segment of {@code baseOffset}. */
    static String indexFileName(long baseOffset) {
        return digits(baseOffset) + INDEX_SUFFIX;
    }

    private static String digits(long number) {
        if (number < 0) {
            throw new IllegalArgumentException("offsets are not negative, got " + number);
        }
        // hand-made because String.format is slow and segment names are formatted while writers wait
        char[] text = new char[NAME_DIGITS];
        long rest = number;
        for (int i = NAME_DIGITS - 1; i >= 0; i--) {
            text[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
        return new String(text);
    }

    /** Whether {@code fileName} names a segment (any {@code *.log}, well-formed or not). */
    static boolean looksLikeSegment(String fileName) {
        return fileName.endsWith(LOG_SUFFIX);
    }

    /** The base offset in a segment file name, or -1 when it is not 20 digits and {@code .log}. */
    static long baseOffsetOf(String fileName) {
        if (fileName.length() != NAME_DIGITS + LOG_SUFFIX.length() || !fileName.endsWith(LOG_SUFFIX)) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < NAME_DIGITS; i++) {
            char c = fileName.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
            if (value < 0) {
                return -1; // beyond Long.MAX_VALUE
            }
        }
        return value;
    }

    /** Writes a file header with {@code magic} at the buffer's position. */
    static void putFileHeader(ByteBuffer into, long magic) {
        into.putLong(magic).putInt(VERSION).putInt(0);
    }

    /** Why the 16 bytes at {@code header}'s position are not a header of {@code magic}, or null when they are. */
    static String headerProblem(ByteBuffer header, long magic) {
        long found = header.getLong(header.position());
        if (found != magic) {
            return "its first 8 bytes are not the magic " + ascii(magic) + " (found " + printable(found) + ")";
        }
        int version = header.getInt(header.position() + 8);
        if (version != VERSION) {
            return "its format version is " + version + ", this code reads version " + VERSION;
        }
        return null;
    }

    private static String ascii(long magic) {
        return '"' + new String(ByteBuffer.allocate(8).putLong(magic).array(), StandardCharsets.US_ASCII) + '"';
    }

    private static String printable(long bytes) {
        StringBuilder text = new StringBuilder("\"");
        for (byte b : ByteBuffer.allocate(8).putLong(bytes).array()) {
            text.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
        }
        return text.append('"').toString();
    }

    /** A shell command that writes a segment header of this format over the first 16 bytes of {@code segment}. */
    static String headerRepairCommand(Path segment) {
        return "printf 'HBUSLOG1\\0\\0\\0\\1\\0\\0\\0\\0' | dd of=" + segment + " bs=16 count=1 conv=notrunc";
    }

    /** The whole size of a record with these category and JSON sizes. */
    static long recordBytes(int categoryBytes, int jsonBytes) {
        return (long) RECORD_PREFIX_BYTES + RECORD_FIXED_BYTES + categoryBytes + jsonBytes;
    }

    /**
     * Writes one whole record at the start of {@code into} (a heap buffer with room for it) and leaves the buffer
     * ready to be written: position 0, limit the record's end.
     */
    static void encodeRecord(ByteBuffer into, CRC32C crc, long offset, long timestampMs, byte[] category, byte[] json) {
        int length = RECORD_FIXED_BYTES + category.length + json.length;
        into.clear();
        into.putInt(length).putInt(0).putLong(offset).putLong(timestampMs).putShort((short) category.length)
                .put(category).put(json);
        crc.reset();
        crc.update(into.array(), into.arrayOffset() + RECORD_PREFIX_BYTES, length);
        into.putInt(4, (int) crc.getValue());
        into.flip();
    }

    /** Whether a record of {@code wholeBytes} starting at {@code position} gets an index entry. */
    static boolean getsIndexEntry(long position, long wholeBytes, long indexIntervalBytes) {
        long firstBoundaryAtOrAfter = Math.floorDiv(position + indexIntervalBytes - 1, indexIntervalBytes) * indexIntervalBytes;
        return firstBoundaryAtOrAfter < position + wholeBytes;
    }
}
