package io.hermesbus.file;

import java.io.IOException;

/**
 * Walks the records of a segment from a known-good position to the end, checking each one: its CRC and that its
 * offset is the next one. Finds where the valid records end and whether bytes that are not a record follow them
 * (a torn tail), and reports damage with valid records after it as corruption.
 */
final class SegmentWalk {
    /** Sees each valid record the walk passes, in order. */
    interface RecordVisitor {
        void visit(RecordView record) throws IOException;
    }

    /**
     * Where a walk ended.
     *
     * @param position the byte position after the last valid record
     * @param nextOffset the offset the next record there must have
     * @param torn whether bytes that are not a valid record lie from {@code position} to the end of the file
     */
    record End(long position, long nextOffset, boolean torn) {
    }

    private SegmentWalk() {
    }

    /**
     * Walks from the record at {@code position}, which must have offset {@code offset}, to the end of the segment
     * that {@code reader} reads.
     *
     * @throws CorruptLogException if a record has an unexpected offset, or if invalid bytes are followed by a
     *     valid record
     */
    static End toEnd(SegmentReader reader, long position, long offset, RecordVisitor visitor)
            throws IOException {
        long at = position;
        long expected = offset;
        while (true) {
            RecordStatus status = reader.read(at);
            if (status == RecordStatus.RECORD) {
                RecordView record = reader.view();
                if (record.offset != expected) {
                    throw unexpectedOffset(reader, at, record.offset, expected);
                }
                visitor.visit(record);
                at = record.end();
                expected++;
            } else if (status == RecordStatus.END) {
                return new End(at, expected, false);
            } else {
                requireNothingValidAfter(reader, at, expected, status);
                return new End(at, expected, true);
            }
        }
    }

    /**
     * Throws {@link CorruptLogException} if a valid record follows the {@code status} bytes at {@code position};
     * returns when they are a torn tail.
     */
    static void requireNothingValidAfter(SegmentReader reader, long position, long expected, RecordStatus status)
            throws IOException {
        long valid = ContinuationSearch.firstValidRecordAfter(reader.channel(), reader.path(), position, expected);
        if (valid >= 0) {
            throw new CorruptLogException(reader.path(), position, describe(status) + " where the record with offset "
                    + expected + " should start, yet a valid record follows at byte " + valid
                    + " (damage in the middle of the segment, not a torn tail)");
        }
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
