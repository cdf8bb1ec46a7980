package io.hermesbus.file;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * What a file bus folder holds, as {@link FileBus#describe} found it.
 *
 * @param folder the bus folder
 * @param segments its segments, oldest first
 * @param totalEvents how many complete events all segments hold
 * @param nextOffset the offset the next event appended will get
 */
public record FileBusDescription(Path folder, List<SegmentDescription> segments, long totalEvents, long nextOffset) {

    /**
     * A description; {@code segments} is copied, unmodifiable.
     *
     * @param folder the bus folder
     * @param segments its segments, oldest first
     * @param totalEvents how many complete events all segments hold
     * @param nextOffset the offset the next event appended will get
     */
    public FileBusDescription {
        segments = List.copyOf(segments);
    }

    /**
     * The offset of the oldest retained event; empty when the bus holds none.
     *
     * @return {@code nextOffset - totalEvents}; empty when {@code totalEvents} is 0
     */
    public OptionalLong oldestOffset() {
        return totalEvents == 0 ? OptionalLong.empty() : OptionalLong.of(nextOffset - totalEvents);
    }

    /**
     * The bytes of all segment files together.
     *
     * @return the sum of {@link SegmentDescription#bytes()}, 0 without segments
     */
    public long totalBytes() {
        return segments.stream().mapToLong(SegmentDescription::bytes).sum();
    }
}
