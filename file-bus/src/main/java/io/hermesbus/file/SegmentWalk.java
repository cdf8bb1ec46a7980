package io.hermesbus.file;

import static io.hermesbus.file.SegmentFormat.FILE_HEADER_BYTES;

import java.io.IOException;

/**
 * A walk through the records of one segment, from a known-good position and offset: each step reads the record
 * there (length and CRC) and requires the next offset. The walk stops at the first position that is not a valid
 * record, and stays there; what lies there is the caller's to judge ({@link #toEnd()},
 * {@link #requireTornTailOrEnd()}, {@link #skipDamage()}). Every reader that goes through records in order walks
 * this way: a writer finding its segment's end, {@link SegmentTail}, a cursor seeking, the checker.
 *
 * <p>Not thread-safe; it reads through its {@link SegmentReader}, whose view holds the record of the last step.
 */
final class SegmentWalk {
    /**
     * Where a walk to the end ended.
     *
     * @param position the byte position after the last valid record
     * @param nextOffset the offset the next record there must have
     * @param torn whether bytes that are not a valid record lie from {@code position} to the end of the file
     */
    record End(long position, long nextOffset, boolean torn) {
    }

    private final SegmentReader reader;
    private final boolean fromIndexEntry;
    private long position;
    private long nextOffset;
    /** What the last read found at {@link #position}: null before it, RECORD while walking, else the stop. */
    private RecordStatus status;

    private SegmentWalk(SegmentReader reader, long position, long nextOffset, boolean fromIndexEntry) {
        this.reader = reader;
        this.position = position;
        this.nextOffset = nextOffset;
        this.fromIndexEntry = fromIndexEntry;
    }

    /** A walk from the record at {@code position}, which must have offset {@code offset}. */
    static SegmentWalk at(SegmentReader reader, long position, long offset) {
        return new SegmentWalk(reader, position, offset, false);
    }

    /**
     * A walk from the record that index entry {@code hint} (or null) points at, when the segment holds a valid record
     * with the entry's offset at the entry's position; otherwise from the segment's first record. The index is a
     * hint that may be stale, short or foreign: this is the only place an entry is trusted, and only once checked.
     */
    static SegmentWalk from(SegmentReader reader, IndexEntry hint) throws IOException {
        long base = reader.baseOffset();
        if (hint != null && hint.offset() >= base && hint.position() >= FILE_HEADER_BYTES
                && reader.read(hint.position()) == RecordStatus.RECORD && reader.view().offset == hint.offset()) {
            return new SegmentWalk(reader, hint.position(), hint.offset(), true);
        }
        return new SegmentWalk(reader, FILE_HEADER_BYTES, base, false);
    }

    /** Whether the walk started at an index entry that checked out (else at the segment's start). */
    boolean fromIndexEntry() {
        return fromIndexEntry;
    }

    /** The byte position of the next record: after the last record stepped over, or the stop. */
    long position() {
        return position;
    }

    /** The offset the next record must have. */
    long nextOffset() {
        return nextOffset;
    }

    /** What lies at the stop, once a step returned false. */
    RecordStatus status() {
        return status;
    }

    /** The record the last step went over. */
    RecordView record() {
        return reader.view();
    }

    /**
     * Steps over the record at the position, if it is a valid one; false at the stop, and from then on.
     *
     * @throws CorruptLogException if it is a valid record with an offset other than the next one
     */
    boolean next() throws IOException {
        if (!readRecord()) {
            return false;
        }
        if (reader.view().offset != nextOffset) {
            throw unexpectedOffset(reader, position, reader.view().offset, nextOffset);
        }
        stepOver();
        return true;
    }

    /**
     * Like {@link #next()}, but takes a valid record whatever its offset and goes on from it: for the checker, which
     * reports offsets itself (compare the record's with {@link #nextOffset()} before the step).
     */
    boolean nextOfAnyOffset() throws IOException {
        if (!readRecord()) {
            return false;
        }
        stepOver();
        return true;
    }

    private boolean readRecord() throws IOException {
        if (status == null || status == RecordStatus.RECORD) {
            status = reader.read(position);
        }
        return status == RecordStatus.RECORD;
    }

    private void stepOver() {
        position = reader.view().end();
        nextOffset = reader.view().offset + 1;
    }

    /**
     * Steps to the end of the valid records and judges what follows them.
     *
     * @throws CorruptLogException if a record has an unexpected offset, or if invalid bytes are followed by a
     *     valid record
     */
    End toEnd() throws IOException {
        while (next()) {
            // only the end matters
        }
        requireTornTailOrEnd();
        return new End(position, nextOffset, status != RecordStatus.END);
    }

    /**
     * Returns when the walk stopped at the end of the file or at a torn tail of the last segment, as
     * {@link TornTail} judges it.
     *
     * @throws CorruptLogException if the bytes at the stop are damage
     */
    void requireTornTailOrEnd() throws IOException {
        if (status != RecordStatus.END) {
            String damage = TornTail.whyDamage(reader, position, nextOffset, status, true);
            if (damage != null) {
                throw new CorruptLogException(reader.path(), position, damage);
            }
        }
    }

    /**
     * At a stop at bytes that are not a record: moves to the first valid record after them whose offset is not below
     * the next one (as {@link ContinuationSearch} finds it), whose offset becomes the next one.
     *
     * @return that record's position, or -1 when none follows (the walk then stays at the stop)
     */
    long skipDamage() throws IOException {
        long valid = ContinuationSearch.firstValidRecordAfter(reader.channel(), reader.path(), position, nextOffset);
        if (valid >= 0) {
            reader.read(valid);
            position = valid;
            nextOffset = reader.view().offset;
            status = null;
        }
        return valid;
    }

    static CorruptLogException unexpectedOffset(SegmentReader reader, long position, long found, long expected) {
        return new CorruptLogException(reader.path(), position, "a valid record with offset " + found
                + " where the record with offset " + expected + " should be (offsets must be consecutive)");
    }

    /** Words for what lies at a position that is not a valid record. */
    static String describe(RecordStatus status) {
        return switch (status) {
            case INCOMPLETE -> "an incomplete record (the file ends before the length it declares)";
            case INVALID -> "bytes that are not a valid record (length out of range or CRC mismatch)";
            case END -> "the end of the file";
            case RECORD -> "a valid record";
        };
    }
}
