package io.hermesbus.tck.random;

import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * What a correct bus holds after the steps so far: the events published, in order, named by their index
 * ({@code #0}, {@code #1}, ...); the index of the oldest retained one; and each consumer's position as the index of
 * the next event it yields ({@code size()} when it has read everything).
 *
 * <p>The model cannot know offsets in advance: the bus chooses them. It learns each event's offset and timestamp the
 * first time a consumer yields that event ({@link #observe}) and holds the bus to them from then on. The same class
 * serves the generator, which only simulates the steps: there {@link #markSeen} stands in for an observation.
 */
final class Model {
    private final BusFeatures features;
    private final List<Event> published = new ArrayList<>();
    private final Map<ConsumerId, Integer> positions = new EnumMap<>(ConsumerId.class);
    private final TreeMap<Integer, Observation> observations = new TreeMap<>();
    private final BitSet seen = new BitSet();
    private int oldest;

    Model(BusFeatures features) {
        this.features = features;
        for (ConsumerId consumer : ConsumerId.values()) {
            positions.put(consumer, 0);
        }
    }

    BusFeatures features() {
        return features;
    }

    int size() {
        return published.size();
    }

    /** Index of the oldest retained event; {@code size()} when retention deleted every event. */
    int oldest() {
        return oldest;
    }

    Event event(int index) {
        return published.get(index);
    }

    int position(ConsumerId consumer) {
        return positions.get(consumer);
    }

    void moveTo(ConsumerId consumer, int index) {
        positions.put(consumer, index);
    }

    void publish(Event event) {
        published.add(event);
    }

    /** The model's side of {@code retainNewest(count)}: retention never brings deleted events back. */
    void retainNewest(int count) {
        oldest = Math.max(oldest, size() - count);
    }

    /** Whether the offset of {@code #index} is known, so that a step may seek to it. */
    boolean isOffsetKnown(int index) {
        return seen.get(index);
    }

    /** The observed offset of {@code #index}; only for a known one, during a replay. */
    Offset offsetOf(int index) {
        return observations.get(index).offset();
    }

    /** The observed offset of {@code #index}, or null when not observed (always, while generating). */
    Offset observedOffset(int index) {
        Observation observation = observations.get(index);
        return observation == null ? null : observation.offset();
    }

    /** The offset of {@code #index} for a description: observed, or "?" while generating. */
    String offsetText(int index) {
        Observation observation = observations.get(index);
        return observation == null ? "?" : String.valueOf(observation.offset());
    }

    /** Indexes whose offsets are known, in order; the generator picks seek targets among them. */
    List<Integer> knownIndexes() {
        return seen.stream().boxed().toList();
    }

    /** The first event of {@code category} at or after {@code from}. */
    OptionalInt firstOfCategory(int from, String category) {
        for (int index = from; index < size(); index++) {
            if (published.get(index).evcategory().equals(category)) {
                return OptionalInt.of(index);
            }
        }
        return OptionalInt.empty();
    }

    /** The generator's stand-in for an observation: a correct bus would have yielded {@code #index}. */
    void markSeen(int index) {
        seen.set(index);
    }

    /** {@code #index}, described for an expectation: summary and offset if known. */
    String expectedText(int index) {
        Observation observation = observations.get(index);
        return "#" + index + " " + Texts.summary(published.get(index))
                + (observation == null ? " (offset not seen yet)" : " at offset " + observation.offset());
    }

    /**
     * Checks an event a consumer yielded as {@code #index} and remembers its offset and timestamp: the content is
     * the one published; offset and timestamp are set, the offset is of the declared kind, the same as when the
     * event was yielded before, and in order with every other known offset.
     *
     * @throws Divergence naming what differs
     */
    void observe(int index, Event yielded) {
        Event expected = published.get(index);
        String which = "#" + index;
        if (!yielded.sameContentAs(expected)) {
            throw new Divergence(which + " with the content published:\n" + expected.toJson(),
                    "an event with other content:\n" + yielded.toJson());
        }
        if (yielded.offset() == null || yielded.timestamp() == null) {
            throw new Divergence(which + " with its offset and timestamp set",
                    "offset " + yielded.offset() + ", timestamp " + yielded.timestamp());
        }
        if (yielded.offset().kind() != features.offsetKind()) {
            throw new Divergence(which + " with an offset of the declared kind " + features.offsetKind(),
                    "offset " + yielded.offset() + " of kind " + yielded.offset().kind());
        }
        Observation before = observations.get(index);
        if (before != null) {
            if (!before.offset().equals(yielded.offset()) || !before.timestamp().equals(yielded.timestamp())) {
                throw new Divergence(which + " again with offset " + before.offset() + " and timestamp "
                        + before.timestamp() + ", as when it was read before",
                        "offset " + yielded.offset() + " and timestamp " + yielded.timestamp());
            }
            return;
        }
        for (Map.Entry<Integer, Observation> known : observations.entrySet()) {
            int other = known.getKey();
            Offset otherOffset = known.getValue().offset();
            boolean inOrder = other < index ? yielded.offset().isAfter(otherOffset) : yielded.offset().isBefore(otherOffset);
            if (!inOrder) {
                throw new Divergence(which + " at an offset " + (other < index ? "after" : "before") + " offset "
                        + otherOffset + " of #" + other + " (offsets strictly increase in publishing order)",
                        which + " at offset " + yielded.offset());
            }
        }
        observations.put(index, new Observation(yielded.offset(), yielded.timestamp()));
        seen.set(index);
    }
}
