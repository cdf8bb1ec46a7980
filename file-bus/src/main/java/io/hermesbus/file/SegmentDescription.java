package io.hermesbus.file;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One segment of a file bus, as {@link FileBus#describe} found it.
 *
 * @param file the segment file
 * @param baseOffset the offset of its first event (from its name)
 * @param lastOffset the offset of its last complete event; empty when it holds none
 * @param bytes the file's size, header and any incomplete tail included
 * @param newestTimestamp when its last complete event was appended; empty when it holds none
 */
public record SegmentDescription(Path file, long baseOffset, OptionalLong lastOffset, long bytes,
                                 Optional<Instant> newestTimestamp) {

    /**
     * How many complete events the segment holds.
     *
     * @return the count, 0 for a segment without complete events
     */
    public long events() {
        return lastOffset.isPresent() ? lastOffset.getAsLong() - baseOffset + 1 : 0;
    }
}
