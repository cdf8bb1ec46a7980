package io.hermesbus.file;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A full read of a file bus folder by {@link FileBus#check}: every segment and every record, with totals per segment
 * and per category, and each place that is not a valid log.
 *
 * @param folder the bus folder (its real path)
 * @param segments its segments, oldest first; {@link SegmentDescription#lastOffset()} and
 *     {@link SegmentDescription#newestTimestamp()} are those of the segment's last valid record
 * @param categories events and record bytes per category (the category as stored in the records), by name
 * @param records how many valid records (length and CRC-32C right) were read, bad JSON or offsets included
 * @param oldestRetainedOffset the base offset of the oldest segment: retention deleted every offset below it; empty
 *     when the folder holds no segment
 * @param nextOffset the offset after the last valid record of the last segment (0 without segments)
 * @param tail a torn tail at the very end of the last segment, if any (as {@code TornTail} judges it): a write in
 *     progress, or what a crashed writer left, which the next producer cuts; not a bad record
 * @param badRecords every place that is not a valid log, in the order found; empty when the folder is healthy
 */
public record FileBusCheck(Path folder, List<SegmentDescription> segments, SortedMap<String, CategoryTotals> categories,
                           long records, OptionalLong oldestRetainedOffset, long nextOffset, Optional<Tail> tail,
                           List<BadRecord> badRecords) {

    /**
     * The result of a check; the lists and the map are copied, unmodifiable.
     *
     * @param folder the bus folder (its real path)
     * @param segments its segments, oldest first
     * @param categories events and record bytes per category, by name
     * @param records how many valid records were read
     * @param oldestRetainedOffset the base offset of the oldest segment; empty without segments
     * @param nextOffset the offset after the last valid record (0 without segments)
     * @param tail a torn tail at the end of the last segment, if any
     * @param badRecords every place that is not a valid log, in the order found
     */
    public FileBusCheck {
        segments = List.copyOf(segments);
        categories = Collections.unmodifiableSortedMap(new TreeMap<>(categories));
        badRecords = List.copyOf(badRecords);
    }

    /**
     * Whether no bad record was found (an incomplete tail does not count).
     *
     * @return true if {@link #badRecords()} is empty
     */
    public boolean healthy() {
        return badRecords.isEmpty();
    }

    /**
     * The bytes of all segment files together.
     *
     * @return the sum of {@link SegmentDescription#bytes()}, 0 without segments
     */
    public long totalBytes() {
        return segments.stream().mapToLong(SegmentDescription::bytes).sum();
    }

    /** The valid records of one category: how many, and their whole bytes (record header included). */
    public record CategoryTotals(long events, long bytes) {
    }

    /**
     * A torn tail at the end of the last segment.
     *
     * @param file the last segment
     * @param position the byte position where the incomplete record starts
     * @param bytes how many bytes it has so far
     * @param what what was found there
     */
    public record Tail(Path file, long position, long bytes, String what) {
    }

    /** What is wrong with a {@link BadRecord}. */
    public enum Problem {
        /** The bytes have a length in range, but the CRC-32C does not match them. */
        CHECKSUM_MISMATCH,
        /** A record or category length out of range, or one that runs past the end of the file. */
        BAD_LENGTH,
        /** A valid record whose offset is not the next one (or a segment that overlaps the one before). */
        UNEXPECTED_OFFSET,
        /** A valid record whose JSON is not valid UTF-8 or does not decode as an event. */
        UNDECODABLE_JSON,
        /** Offsets between two segments that no segment holds. {@link BadRecord#file()} is the missing file. */
        MISSING_SEGMENT,
        /** A {@code *.log} file whose name is not a segment's. */
        NOT_A_SEGMENT,
        /** A segment (by its name) whose header is damaged: shorter than 16 bytes, or another magic or version. */
        DAMAGED_HEADER
    }

    /**
     * A place that is not a valid log.
     *
     * @param file the segment file (for {@link Problem#MISSING_SEGMENT}, the file that should be there)
     * @param position the byte position in it where the problem starts
     * @param offset the offset of the record, when known (a valid record's, or the first missing one)
     * @param problem the kind of problem
     * @param what a sentence saying what was found, and which offsets are lost if any
     */
    public record BadRecord(Path file, long position, OptionalLong offset, Problem problem, String what) {
    }
}
