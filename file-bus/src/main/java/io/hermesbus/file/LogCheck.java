package io.hermesbus.file;

import io.hermesbus.api.Event;
import io.hermesbus.api.InvalidEventException;
import io.hermesbus.file.FileBusCheck.BadRecord;
import io.hermesbus.file.FileBusCheck.CategoryTotals;
import io.hermesbus.file.FileBusCheck.Problem;
import io.hermesbus.file.FileBusCheck.Tail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Builds a {@link FileBusCheck}: reads every record of every segment with a {@link SegmentReader}, and where the
 * log is not valid records one {@link BadRecord} and goes on from the next valid record that
 * {@link ContinuationSearch} finds; bytes that {@link TornTail} calls a torn tail are the {@link Tail}, not a bad
 * record. Read-only; takes no lock.
 */
final class LogCheck {
    private final Path folder;
    private final List<SegmentDescription> segments = new ArrayList<>();
    private final TreeMap<String, CategoryTotals> categories = new TreeMap<>();
    private final List<BadRecord> bad = new ArrayList<>();
    private Optional<Tail> tail = Optional.empty();
    private long records;

    private LogCheck(Path folder) {
        this.folder = folder;
    }

    static FileBusCheck of(Path folder) throws IOException {
        return new LogCheck(folder).run();
    }

    private FileBusCheck run() throws IOException {
        List<Path> foreign = new ArrayList<>();
        long[] bases = LogFolder.segmentBases(folder, foreign);
        for (Path file : foreign) {
            bad.add(new BadRecord(file, 0, OptionalLong.empty(), Problem.NOT_A_SEGMENT, LogFolder.NOT_A_SEGMENT_NAME));
        }
        long next = bases.length == 0 ? 0 : bases[0];
        try (SegmentReader reader = new SegmentReader()) {
            for (int i = 0; i < bases.length; i++) {
                long base = bases[i];
                Path file = LogFolder.segmentPath(folder, base);
                if (base > next) {
                    bad.add(new BadRecord(LogFolder.segmentPath(folder, next), 0, OptionalLong.of(next),
                            Problem.MISSING_SEGMENT, "segments are missing: no segment holds " + offsets(next, base)));
                } else if (base < next) {
                    bad.add(new BadRecord(file, SegmentFormat.FILE_HEADER_BYTES, OptionalLong.of(base),
                            Problem.UNEXPECTED_OFFSET, "the segment starts at offset " + base
                            + ", inside the segment before it (which ends at offset " + (next - 1) + ")"));
                }
                next = segment(reader, file, base, i == bases.length - 1);
            }
        }
        return new FileBusCheck(folder, segments, categories, records,
                bases.length == 0 ? OptionalLong.empty() : OptionalLong.of(bases[0]), next, tail, bad);
    }

    /** Reads one segment; returns the offset after its last valid record. */
    private long segment(SegmentReader reader, Path file, long base, boolean last) throws IOException {
        try {
            reader.open(file, base);
        } catch (NoSuchFileException e) {
            return base; // retention deleted it since the listing
        } catch (CorruptLogException e) {
            long size = Files.size(file);
            bad.add(new BadRecord(file, 0, OptionalLong.empty(), Problem.DAMAGED_HEADER, e.getMessage()));
            segments.add(new SegmentDescription(file, base, OptionalLong.empty(), size, Optional.empty()));
            return base;
        }
        SegmentWalk walk = SegmentWalk.at(reader, SegmentFormat.FILE_HEADER_BYTES, base);
        Optional<Instant> newest = Optional.empty();
        while (true) {
            long expected = walk.nextOffset();
            if (walk.nextOfAnyOffset()) {
                RecordView record = walk.record();
                if (record.offset != expected) {
                    bad.add(new BadRecord(file, record.position, OptionalLong.of(record.offset),
                            Problem.UNEXPECTED_OFFSET, "a valid record with offset " + record.offset
                            + " where offset " + expected + " was expected"));
                }
                tally(file, record);
                newest = Optional.of(Instant.ofEpochMilli(record.timestampMs));
            } else if (walk.status() == RecordStatus.END || !passDamage(reader, walk, file, last)) {
                break;
            }
        }
        long next = walk.nextOffset();
        segments.add(new SegmentDescription(file, base,
                newest.isPresent() ? OptionalLong.of(next - 1) : OptionalLong.empty(), reader.size(), newest));
        return next;
    }

    /**
     * Reports the bytes that are not a record where {@code walk} stopped, and moves it to the next valid record after
     * them; returns false when there is none (a torn tail, or damage up to the end of the segment).
     */
    private boolean passDamage(SegmentReader reader, SegmentWalk walk, Path file, boolean last) throws IOException {
        long at = walk.position();
        long expected = walk.nextOffset();
        RecordStatus status = walk.status();
        Problem problem = status == RecordStatus.INVALID && !reader.lastInvalidWasLength()
                ? Problem.CHECKSUM_MISMATCH : Problem.BAD_LENGTH;
        String what = problem == Problem.CHECKSUM_MISMATCH
                ? "CRC-32C mismatch where the record with offset " + expected + " should be"
                : SegmentWalk.describe(status) + " where the record with offset " + expected + " should be";
        String damage = TornTail.whyDamage(reader, at, expected, status, last);
        if (damage == null) {
            tail = Optional.of(new Tail(file, at, reader.size() - at, SegmentWalk.describe(status)));
            return false;
        }
        long valid = walk.skipDamage();
        if (valid < 0) {
            bad.add(new BadRecord(file, at, OptionalLong.empty(), problem, damage));
            return false;
        }
        long found = walk.nextOffset(); // the lost offsets are this damage's, not another bad record
        bad.add(new BadRecord(file, at, OptionalLong.empty(), problem, what + "; " + (valid - at)
                + " bytes up to the next valid record, at byte " + valid
                + (found > expected ? ", which holds offset " + found + ": " + lost(expected, found) : "")));
        return true;
    }

    private void tally(Path file, RecordView record) {
        records++;
        categories.merge(record.category(), new CategoryTotals(1, record.wholeBytes),
                (sum, one) -> new CategoryTotals(sum.events() + 1, sum.bytes() + one.bytes()));
        try {
            Event.fromJson(record.json());
        } catch (InvalidEventException e) {
            bad.add(new BadRecord(file, record.position, OptionalLong.of(record.offset), Problem.UNDECODABLE_JSON,
                    "the JSON of the event with offset " + record.offset + " does not decode: " + e.getMessage()));
        }
    }

    private static String offsets(long first, long next) {
        return next - first == 1 ? "offset " + first : "offsets " + first + " to " + (next - 1);
    }

    private static String lost(long first, long next) {
        return offsets(first, next) + (next - first == 1 ? " is lost" : " are lost");
    }
}
