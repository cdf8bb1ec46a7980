package io.hermesbus.file;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The end of a segment's valid records, found cheaply: from the index's last entry (once checked against the log)
 * or else the segment's start, a scan to the first position that is not a valid record. Used to learn a log's
 * newest offset and a segment's newest timestamp; it judges nothing (a torn tail simply ends the scan).
 *
 * @param nextOffset the offset after the segment's last valid record (its base offset when it has none)
 * @param endPosition the byte position after that record
 * @param newestTimestampMs the timestamp of that record; meaningless when {@link #isEmpty()}
 * @param baseOffset the segment's base offset
 */
record SegmentTail(long baseOffset, long nextOffset, long endPosition, long newestTimestampMs) {

    boolean isEmpty() {
        return nextOffset == baseOffset;
    }

    /**
     * The tail of the segment that {@code reader} reads, whose index is {@code indexFile}.
     *
     * @throws CorruptLogException if a record on the way has an unexpected offset
     */
    static SegmentTail of(SegmentReader reader, Path indexFile) throws IOException {
        SegmentWalk walk = SegmentWalk.from(reader, IndexLookup.last(indexFile));
        long newest = -1;
        while (walk.next()) {
            newest = walk.record().timestampMs;
        }
        return new SegmentTail(reader.baseOffset(), walk.nextOffset(), walk.position(), newest);
    }
}
