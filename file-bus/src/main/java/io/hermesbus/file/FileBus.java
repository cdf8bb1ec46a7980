package io.hermesbus.file;

import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.InvalidSettingsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Administration of a file bus folder, beside its producers and consumers (they may be running, in this or other
 * processes). Changes take the writers' lock, as producers do.
 *
 * <p>Errors: {@link InvalidSettingsException} naming {@code path} when the folder is missing or unusable,
 * {@link CorruptLogException} when the log is damaged, {@link HermesBusException} for other I/O failures.
 */
public final class FileBus {
    private FileBus() {
    }

    /**
     * Deletes whole segments, oldest first, as long as at least the newest {@code count} events remain; so it
     * keeps between {@code count} and {@code count} plus a segment's worth of events (exactly {@code count} with
     * {@code segment_bytes = 1}). With {@code count} 0 every event goes: the last segment is closed by starting an
     * empty one first. Offsets are never reused. Consumers whose position is deleted get an
     * {@link io.hermesbus.api.OffsetOutOfRangeException} when they next need it.
     *
     * @param folder the bus folder, as the {@code path} setting names it; it must exist
     * @param count how many of the newest events to keep, at least; {@code >= 0}
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public static void retainNewest(Path folder, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        Path real = BusFolder.existing(folder);
        try {
            if (LogFolder.segmentBases(real).length == 0) {
                return; // nothing was ever appended: nothing to delete, and no reason to create a segment
            }
            try (LogWriter writer = LogWriter.open(real, FileBusSettings.defaults(real))) {
                writer.retainNewest(count);
            }
        } catch (IOException e) {
            throw new HermesBusException("retention on file bus " + folder + " failed: " + e, e);
        }
    }

    /**
     * Appends a record of {@code category} whose JSON is {@code json}, taken as it is: any bytes, valid JSON or
     * not, with a correct CRC. For tests and repairs: a consumer reports JSON that does not decode as an
     * {@link io.hermesbus.api.InvalidEventException} at the record's offset. Creates the folder if missing, as a
     * producer does; forced before returning.
     *
     * @param folder the bus folder, as the {@code path} setting names it
     * @param category the record's category, stored beside the JSON; not null
     * @param json the bytes stored as the record's JSON; not null
     */
    public static void appendRaw(Path folder, String category, byte[] json) {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(json, "json");
        Path real = BusFolder.writable(folder);
        try (LogWriter writer = LogWriter.open(real, FileBusSettings.defaults(real))) {
            writer.append(category.getBytes(StandardCharsets.UTF_8), json);
        } catch (IOException e) {
            throw new HermesBusException("appending to file bus " + folder + " failed: " + e, e);
        }
    }

    /**
     * What the folder holds: each segment's base offset, last complete offset, size and newest timestamp, the
     * total of complete events and the next offset. Reads each segment's tail only (from its index's last entry);
     * an incomplete tail is not counted. Takes no lock: the answer is a snapshot that writers may outdate at once.
     *
     * @param folder the bus folder, as the {@code path} setting names it; it must exist
     * @return the description; no segments and 0 events when nothing was ever appended
     */
    public static FileBusDescription describe(Path folder) {
        Path real = BusFolder.existing(folder);
        try (SegmentReader reader = new SegmentReader()) {
            long[] bases = LogFolder.segmentBases(real);
            List<SegmentDescription> segments = new ArrayList<>(bases.length);
            long total = 0;
            long next = 0;
            for (long base : bases) {
                Path file = LogFolder.segmentPath(real, base);
                try {
                    reader.open(file, base);
                } catch (NoSuchFileException e) {
                    continue; // retention deleted it since the listing
                }
                SegmentTail tail = SegmentTail.of(reader, LogFolder.indexPath(real, base));
                segments.add(new SegmentDescription(file, base,
                        tail.isEmpty() ? OptionalLong.empty() : OptionalLong.of(tail.nextOffset() - 1),
                        Files.size(file),
                        tail.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(tail.newestTimestampMs()))));
                total += tail.nextOffset() - base;
                next = tail.nextOffset();
            }
            return new FileBusDescription(real, segments, total, next);
        } catch (IOException e) {
            throw new HermesBusException("describing file bus " + folder + " failed: " + e, e);
        }
    }

    /**
     * Reads the whole folder and checks every record: its length, its CRC-32C, that its offset is the next one, and
     * that its JSON decodes as an event; also that segments follow one another without missing offsets and that every
     * {@code *.log} file is a segment. Returns what it found (segments, totals per category, retention, an incomplete
     * tail, bad records); damage is reported in the result, never thrown. After bad bytes the check goes on from the
     * next valid record in the segment, if any, naming the offsets lost in between.
     *
     * <p>An incomplete record at the very end of the last segment is {@link FileBusCheck#tail()}, not a bad record: a
     * writer may be writing it, or a crash tore it and the next producer cuts it.
     *
     * <p>Never changes the folder and never takes the writers' lock, so producers and consumers may keep running;
     * the answer is a snapshot (a segment that retention deletes during the check is left out).
     *
     * @param folder the bus folder, as the {@code path} setting names it
     * @return what the check found; {@link FileBusCheck#healthy()} says whether the log is valid
     * @throws InvalidSettingsException naming {@code folder} if it does not exist or is not a folder
     * @throws HermesBusException if a file cannot be read
     */
    public static FileBusCheck check(Path folder) {
        Path real = BusFolder.existing(folder);
        try {
            return LogCheck.of(real);
        } catch (IOException e) {
            throw new HermesBusException("checking file bus " + folder + " failed: " + e, e);
        }
    }
}
