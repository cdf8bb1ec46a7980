package io.hermesbus.file;

import static io.hermesbus.file.SegmentFormat.FILE_HEADER_BYTES;
import static io.hermesbus.file.SegmentFormat.MAX_RECORD_LENGTH;
import static io.hermesbus.file.SegmentFormat.RECORD_FIXED_BYTES;
import static io.hermesbus.file.SegmentFormat.RECORD_PREFIX_BYTES;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads the records of one segment file at byte positions, through a reusable buffer filled by positional reads
 * (one read brings in many small records; no memory map, since reading a mapped file that a writer truncates
 * crashes the JVM). Several segments can be read one after the other with one reader, keeping its buffer.
 *
 * <p>Buffered bytes are trusted only as far as a valid record goes: whenever what is buffered does not make a
 * valid record, the reader reads the file again at that position before it answers, so a record that a writer
 * was writing (or that a new writer cut and rewrote) is judged on the file's current bytes.
 *
 * <p>How much one read brings in: as much as the buffer holds (128 KiB), unless told otherwise with
 * {@link #readAhead}: a seek knows from the index how far its target lies and reads only that (a few KiB), and
 * each read after it brings twice as much as the one before, up to the buffer's size, so that iteration from there
 * soon reads in large blocks again.
 *
 * <p>Not thread-safe.
 */
final class SegmentReader implements Closeable {
    private static final int INITIAL_BUFFER_BYTES = 128 * 1024;
    /** The smallest read {@link #readAhead} asks for: a page. */
    private static final int MIN_READ_BYTES = 4096;

    private final CRC32C crc = new CRC32C();
    private final RecordView view = new RecordView();
    private byte[] bytes = new byte[INITIAL_BUFFER_BYTES];
    private ByteBuffer buffer = ByteBuffer.wrap(bytes);
    /** File position of {@code bytes[0]}. */
    private long bufferStart;
    /** How many bytes from {@code bufferStart} are buffered. */
    private int buffered;
    /** Whether the last {@link #read} read the file, rather than answering from buffered bytes alone. */
    private boolean readFile;
    /** Whether the last {@link #read} that returned INVALID found a length out of range (else a CRC mismatch). */
    private boolean invalidLength;
    /** How many bytes the next read of the file asks for (at least what the record needs); doubles after each. */
    private int readBytes = INITIAL_BUFFER_BYTES;
    /** Whether the last read of the file stopped at its end: it brought fewer bytes than it asked for. */
    private boolean readToEnd;

    private FileChannel channel;
    private boolean ownsChannel;
    private Path path;
    private long baseOffset;
    /** The identity (device and inode) of the file the channel reads, when the opener knew it; else null. */
    private Object fileKey;

    /**
     * Reads the segment at {@code path} from now on (closing the one read before) and checks its header.
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist (retention deleted it, for instance)
     * @throws CorruptLogException if the file is shorter than a header or has a foreign one
     */
    void open(Path segment, long base) throws IOException {
        open(segment, base, null, true);
    }

    /**
     * Reads the segment at {@code path} from now on (closing the one read before), checking its header if asked.
     *
     * @param key the identity of the file at {@code segment} ({@code BasicFileAttributes.fileKey()}), taken
     *     <em>before</em> opening it, so that it is never the key of a file that replaced the one opened; or null
     * @param checkHeader false only when the header of the file with that very key was checked before
     * @throws java.nio.file.NoSuchFileException if the file does not exist (retention deleted it, for instance)
     * @throws CorruptLogException if the header is checked and the file is shorter than a header or has a foreign one
     */
    void open(Path segment, long base, Object key, boolean checkHeader) throws IOException {
        close();
        channel = FileIo.open(segment, StandardOpenOption.READ);
        ownsChannel = true;
        path = segment;
        baseOffset = base;
        fileKey = key;
        readBytes = INITIAL_BUFFER_BYTES;
        if (checkHeader) {
            requireSegmentHeader();
        }
        buffered = 0; // the first record read comes from a read made after opening, not from the header check
    }

    /**
     * Reads the segment at {@code segment} through {@code kept}, a channel on it that the caller keeps open and
     * closes (a consumer's channels kept between seeks); does not check the header.
     *
     * @param key the identity of that file, as for {@link #open(Path, long, Object, boolean)}
     */
    void use(FileChannel kept, Path segment, long base, Object key) {
        close();
        channel = kept;
        ownsChannel = false;
        path = segment;
        baseOffset = base;
        fileKey = key;
        readBytes = INITIAL_BUFFER_BYTES;
    }

    /** Reads through {@code writerChannel}, which the caller keeps and closes (a writer validating its segment). */
    void attach(FileChannel writerChannel, Path segment, long base) {
        use(writerChannel, segment, base, null);
    }

    /**
     * Checks the header of the segment being read.
     *
     * @throws CorruptLogException if the file is shorter than a header or has a foreign one
     */
    void requireSegmentHeader() throws IOException {
        fillExactly(0, FILE_HEADER_BYTES);
        // the file has a segment's name (others never get this far: LogFolder), and segments are made whole (header
        // forced before the name): a short or foreign header here is damage to a segment, not a crash's leftover
        if (buffered < FILE_HEADER_BYTES) {
            throw new CorruptLogException(path, 0, "the segment file is " + buffered + " bytes long, shorter than its "
                    + FILE_HEADER_BYTES + "-byte header: it was cut (segments are created whole, so no crash of a"
                    + " writer leaves one like this). Restore it from a copy of the folder; only if its events are"
                    + " lost anyway, move it out (of the last segment: the next producer then continues at offset "
                    + baseOffset + ")");
        }
        String problem = SegmentFormat.headerProblem(buffer.position(0), SegmentFormat.LOG_MAGIC);
        if (problem != null && buffer.getLong(0) == SegmentFormat.LOG_MAGIC) {
            throw new CorruptLogException(path, 0, "this segment is of another format version: " + problem
                    + "; read the folder with the hermes-bus version that wrote it");
        }
        if (problem != null && read(FILE_HEADER_BYTES) == RecordStatus.RECORD && view.offset == baseOffset) {
            // its first record is this segment's: damage to a real segment, not a foreign file
            throw new CorruptLogException(path, 0, "the header of this segment is damaged: " + problem
                    + ". Its first record is the one of offset " + baseOffset + " that its name promises, so it is a"
                    + " damaged segment rather than a foreign file: restore it from a copy of the folder, or write the"
                    + " 16-byte header back (" + SegmentFormat.headerRepairCommand(path) + ") and run"
                    + " `hermes-bus inspect` on the folder to check its records");
        }
        if (problem != null) {
            throw new CorruptLogException(path, 0, "this file is named as a segment but is not a file bus segment: "
                    + problem + ", and no record of offset " + baseOffset + " follows the header. If it is not a"
                    + " segment, move it out of the bus folder; if it is one, restore it from a copy of the folder");
        }
    }

    FileChannel channel() {
        return channel;
    }

    boolean isOpen() {
        return channel != null && channel.isOpen();
    }

    Path path() {
        return path;
    }

    long baseOffset() {
        return baseOffset;
    }

    /** The identity of the file being read, as given to {@link #open(Path, long, Object, boolean)}; null if unknown. */
    Object fileKey() {
        return fileKey;
    }

    /** The record found by the last {@link #read} that returned {@link RecordStatus#RECORD}. */
    RecordView view() {
        return view;
    }

    /** The file's current size. */
    long size() throws IOException {
        return channel.size();
    }

    /** Whether the last {@link #read} read the file (rather than answering from what was buffered before). */
    boolean lastReadReadFile() {
        return readFile;
    }

    /**
     * After a {@link #read} that returned {@link RecordStatus#INVALID}: whether a length was out of range (the
     * record's length, or its category length within a record whose CRC matches), rather than the CRC not matching.
     */
    boolean lastInvalidWasLength() {
        return invalidLength;
    }

    /** Drops what is buffered, so that the next read reads the file. */
    void forgetBuffered() {
        buffered = 0;
    }

    /**
     * The next read of the file asks for about {@code bytes} (at least a page, and at least what the record it reads
     * needs), and each read after it for twice as much as the one before, up to the buffer's size. Bytes already
     * buffered are still used.
     */
    void readAhead(long bytes) {
        readBytes = (int) Math.min(Math.max(bytes, MIN_READ_BYTES), this.bytes.length);
    }

    /**
     * What starts at byte {@code position}: a valid record (then in {@link #view()}), the end of the file, an
     * incomplete record, or invalid bytes. Only {@link RecordStatus#RECORD} comes from buffered bytes alone; every
     * other answer is based on a fresh read of the file.
     */
    RecordStatus read(long position) throws IOException {
        boolean fresh = false;
        readFile = false;
        while (true) {
            long available = bufferStart + buffered - position;
            if (position < bufferStart || available < RECORD_PREFIX_BYTES) {
                if (fresh) {
                    return available <= 0 ? RecordStatus.END : RecordStatus.INCOMPLETE;
                }
                fill(position, RECORD_PREFIX_BYTES);
                fresh = true;
                continue;
            }
            int at = (int) (position - bufferStart);
            int length = buffer.getInt(at);
            if (length < RECORD_FIXED_BYTES || length > MAX_RECORD_LENGTH) {
                if (fresh) {
                    invalidLength = true;
                    return RecordStatus.INVALID;
                }
                fill(position, RECORD_PREFIX_BYTES);
                fresh = true;
                continue;
            }
            int whole = RECORD_PREFIX_BYTES + length;
            if (available < whole) {
                if (fresh && readToEnd) {
                    return RecordStatus.INCOMPLETE; // the last read stopped at the end of the file
                }
                if (whole > bytes.length && position + whole > channel.size()) {
                    return RecordStatus.INCOMPLETE; // no need to grow the buffer for bytes that are not there
                }
                fill(position, whole);
                fresh = true;
                continue;
            }
            crc.reset();
            crc.update(bytes, at + RECORD_PREFIX_BYTES, length);
            int categoryLength = buffer.getShort(at + RECORD_PREFIX_BYTES + 16) & 0xFFFF;
            boolean crcMatches = (int) crc.getValue() == buffer.getInt(at + 4);
            if (!crcMatches || RECORD_FIXED_BYTES + categoryLength > length) {
                if (fresh) {
                    invalidLength = crcMatches;
                    return RecordStatus.INVALID;
                }
                fill(position, whole);
                fresh = true;
                continue;
            }
            view.position = position;
            view.wholeBytes = whole;
            view.offset = buffer.getLong(at + RECORD_PREFIX_BYTES);
            view.timestampMs = buffer.getLong(at + RECORD_PREFIX_BYTES + 8);
            view.bytes = bytes;
            view.categoryStart = at + RECORD_PREFIX_BYTES + RECORD_FIXED_BYTES;
            view.categoryLength = categoryLength;
            view.jsonStart = view.categoryStart + categoryLength;
            view.jsonLength = length - RECORD_FIXED_BYTES - categoryLength;
            return RecordStatus.RECORD;
        }
    }

    /**
     * Reads the file from {@code position} into the buffer, as much as the read-ahead asks for (the whole buffer
     * unless {@link #readAhead} made it smaller), at least {@code minBytes}, stopping at the end of the file; then
     * doubles the read-ahead, up to the buffer's size.
     */
    private void fill(long position, int minBytes) throws IOException {
        if (bytes.length < minBytes) {
            // grow for a large record; doubling keeps a run of growing records from reallocating each time
            bytes = new byte[(int) Math.min(Math.max(minBytes, 2L * bytes.length), RECORD_PREFIX_BYTES + (long) MAX_RECORD_LENGTH)];
            buffer = ByteBuffer.wrap(bytes);
        }
        fillExactly(position, Math.max(minBytes, Math.min(readBytes, bytes.length)));
        readBytes = (int) Math.min(2L * readBytes, bytes.length);
    }

    /** Reads {@code count} bytes (at most the buffer's size) of the file from {@code position}, fewer at its end. */
    private void fillExactly(long position, int count) throws IOException {
        readFile = true;
        bufferStart = position;
        buffered = 0;
        buffer.clear().limit(count);
        buffered = FileIo.readFully(channel, buffer, position);
        readToEnd = buffered < count;
        buffer.clear();
    }

    /** Closes the channel if this reader opened it (else leaves it to its owner), and reads nothing from now on. */
    @Override
    public void close() {
        if (channel != null && ownsChannel) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // a read-only channel has nothing to lose on close
            }
        }
        channel = null;
        fileKey = null;
        buffered = 0;
    }
}
