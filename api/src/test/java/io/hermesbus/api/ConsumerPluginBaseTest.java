package io.hermesbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The behaviour {@link AbstractMessageBusConsumerPlugin} gives every consumer, checked on {@link ListConsumer}. */
class ConsumerPluginBaseTest {

    private static List<Offset> drain(ListConsumer consumer) {
        List<Offset> offsets = new ArrayList<>();
        for (Event event : consumer) {
            offsets.add(event.offset());
        }
        return offsets;
    }

    // ---- setTimeout

    @Test
    void timeoutIsNullByDefault() {
        assertThat(ListConsumer.withOffsets().timeoutMs()).isNull();
    }

    @Test
    void setTimeoutAcceptsZeroPositiveAndNullEvenWhenNotOpen() {
        ListConsumer consumer = ListConsumer.withOffsets(Offset.of(1));

        consumer.setTimeout(0);
        assertThat(consumer.timeoutMs()).isZero();
        consumer.setTimeout(1500);
        assertThat(consumer.timeoutMs()).isEqualTo(1500);
        consumer.setTimeout(null);
        assertThat(consumer.timeoutMs()).isNull();
        assertThat(consumer.isOpen()).isFalse();
    }

    @Test
    void setTimeoutRejectsNegativeAndKeepsThePreviousValue() {
        ListConsumer consumer = ListConsumer.withOffsets();
        consumer.setTimeout(200);

        assertThatThrownBy(() -> consumer.setTimeout(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> consumer.setTimeout(Integer.MIN_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(consumer.timeoutMs()).isEqualTo(200);
    }

    // ---- seekAfter, int offsets

    @Test
    void seekAfterAnIntOffsetSeeksToTheNextInt() {
        ListConsumer consumer = ListConsumer.withOffsets(Offset.of(1), Offset.of(2), Offset.of(3), Offset.of(4));
        consumer.open();
        consumer.setTimeout(300);

        consumer.seekAfter(Offset.of(2));

        assertThat(consumer.seeks).containsExactly(Offset.of(3));
        assertThat(consumer.deadlines).as("the int default does not look at the record").isEmpty();
        assertThat(consumer.timeoutMs()).isEqualTo(300);
        assertThat(drain(consumer)).containsExactly(Offset.of(3), Offset.of(4));
    }

    @Test
    void seekAfterAnIntOffsetWorksAtBothEndsOfTheRange() {
        ListConsumer consumer = ListConsumer.withOffsets(Offset.of(5), Offset.of(6));
        consumer.open();

        consumer.seekAfter(Offset.of(4)); // just below the oldest: nothing was missed
        assertThat(consumer.nextOffset()).isEqualTo(Offset.of(5));

        consumer.seekAfter(Offset.of(6)); // the newest: the end
        assertThat(consumer.seeks).containsExactly(Offset.of(5), Offset.of(7));
        assertThat(drain(consumer)).isEmpty();
    }

    @Test
    void seekAfterTheLargestIntOffsetIsOutOfRangeWithoutSeeking() {
        ListConsumer consumer = ListConsumer.withOffsets(Offset.of(1));
        consumer.open();

        assertThatThrownBy(() -> consumer.seekAfter(Offset.of(Long.MAX_VALUE)))
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContaining(Long.toString(Long.MAX_VALUE));
        assertThat(consumer.seeks).isEmpty();
        assertThat(consumer.nextOffset()).isEqualTo(Offset.of(1));
    }

    // ---- seekAfter, str / float / bytes offsets

    /** For each non-int kind: three increasing offsets a < b < c, and an offset strictly between a and b. */
    static Stream<Arguments> nonIntKinds() {
        return Stream.of(
                Arguments.of(OffsetKind.STR, List.of(Offset.of("b"), Offset.of("d"), Offset.of("f")), Offset.of("c")),
                Arguments.of(OffsetKind.FLOAT, List.of(Offset.of(1.5), Offset.of(2.5), Offset.of(3.5)), Offset.of(2.0)),
                Arguments.of(OffsetKind.BYTES,
                        List.of(Offset.of(new byte[] {0x10}), Offset.of(new byte[] {(byte) 0x80}),
                                Offset.of(new byte[] {(byte) 0xF0})),
                        Offset.of(new byte[] {0x7F})));
    }

    /** An offset below all of {@link #nonIntKinds()}'s, and below their successors too. */
    private static Offset belowAll(OffsetKind kind) {
        return switch (kind) {
            case STR -> Offset.of("a");
            case FLOAT -> Offset.of(0.5);
            case BYTES -> Offset.of(new byte[] {0x01});
            default -> throw new AssertionError(kind);
        };
    }

    private static ListConsumer openConsumer(List<Offset> offsets) {
        ListConsumer consumer = ListConsumer.withOffsets(offsets.toArray(new Offset[0]));
        consumer.open();
        return consumer;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonIntKinds")
    void seekAfterAnExactMatchStepsOverIt(OffsetKind kind, List<Offset> offsets, Offset between) {
        ListConsumer consumer = openConsumer(offsets);

        consumer.seekAfter(offsets.get(1));

        assertThat(consumer.nextOffset()).isEqualTo(offsets.get(2));
        assertThat(drain(consumer)).containsExactly(offsets.get(2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonIntKinds")
    void seekAfterAnOffsetBetweenEventsDoesNotSkipTheLargerNextOne(OffsetKind kind, List<Offset> offsets, Offset between) {
        ListConsumer consumer = openConsumer(offsets);
        assertThat(between.kind()).isEqualTo(kind);

        consumer.seekAfter(between);

        assertThat(consumer.seeks.get(0)).isEqualTo(between);
        assertThat(drain(consumer)).containsExactly(offsets.get(1), offsets.get(2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonIntKinds")
    void seekAfterTheNewestOffsetLeavesNothingToRead(OffsetKind kind, List<Offset> offsets, Offset between) {
        ListConsumer consumer = openConsumer(offsets);

        consumer.seekAfter(offsets.get(2));

        assertThat(drain(consumer)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonIntKinds")
    void seekAfterNeverDecodesAndWaitsForTheRecordWithoutTouchingTheTimeout(OffsetKind kind, List<Offset> offsets, Offset between) {
        ListConsumer consumer = openConsumer(offsets);

        consumer.setTimeout(0);
        consumer.seekAfter(offsets.get(0));
        consumer.seekAfter(between);

        assertThat(consumer.reads).as("records decoded").isZero();
        assertThat(consumer.deadlines).as("a record a successful seek found is waited for without limit")
                .hasSize(2).allMatch(Deadline::isNever);
        assertThat(consumer.timeoutMs()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonIntKinds")
    void seekAfterOutOfRangeKeepsPositionAndTimeout(OffsetKind kind, List<Offset> offsets, Offset between) {
        ListConsumer consumer = openConsumer(offsets);
        consumer.setTimeout(40);
        consumer.seekAfter(offsets.get(0)); // position: offsets[1]

        Offset below = belowAll(kind);
        assertThatThrownBy(() -> consumer.seekAfter(below)).isInstanceOf(OffsetOutOfRangeException.class);

        assertThat(consumer.timeoutMs()).isEqualTo(40);
        assertThat(consumer.nextOffset()).isEqualTo(offsets.get(1));
    }

    @Test
    void seekAfterStepsOverAnEventThatCannotBeDecoded() {
        ListConsumer consumer = new ListConsumer(Map.of())
                .add(Offset.of("a"), "base")
                .addUndecodable(Offset.of("b"))
                .add(Offset.of("c"), "base");
        consumer.open();
        consumer.seek(Offset.of("b"));
        assertThatThrownBy(() -> consumer.iterator().hasNext())
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.offset()).contains(Offset.of("b")));

        consumer.seekAfter(Offset.of("b"));

        assertThat(drain(consumer)).containsExactly(Offset.of("c"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonIntKinds")
    void seekAfterTheNewestDeletedOffsetLandsOnTheOldestWhereTheBusLandsSeeksIntoTheGap(OffsetKind kind, List<Offset> offsets, Offset between) {
        ListConsumer consumer = ListConsumer.withOffsets(offsets.get(1), offsets.get(2));
        consumer.newestDeleted = offsets.get(0);
        consumer.open();

        consumer.seekAfter(offsets.get(0));

        assertThat(consumer.seeks).as("the deleted offset, refused, then its successor")
                .containsExactly(offsets.get(0), offsets.get(0).successor().orElseThrow());
        assertThat(drain(consumer)).containsExactly(offsets.get(1), offsets.get(2));
        assertThatThrownBy(() -> consumer.seekAfter(belowAll(kind))).as("a refusal names the offset given")
                .isInstanceOf(OffsetOutOfRangeException.class).hasMessageContaining(belowAll(kind).toString());
    }

    @Test
    void seekAfterAnOffsetOfAnotherKindIsRejected() {
        ListConsumer consumer = openConsumer(List.of(Offset.of("a"), Offset.of("b")));

        assertThatThrownBy(() -> consumer.seekAfter(Offset.of(1.5))).isInstanceOf(WrongOffsetKindException.class);
        assertThatThrownBy(() -> consumer.seekAfter(Offset.of(1))).isInstanceOf(WrongOffsetKindException.class);
        assertThat(consumer.nextOffset()).isEqualTo(Offset.of("a"));
    }

    // ---- findNextEventOfCategory

    private static ListConsumer categories() {
        ListConsumer consumer = new ListConsumer(Map.of())
                .add(Offset.of(1), "initsync")
                .add(Offset.of(2), "base")
                .add(Offset.of(3), "initsync")
                .add(Offset.of(4), "other");
        consumer.open();
        return consumer;
    }

    @Test
    void findNextEventOfCategoryReturnsTheFirstMatchAndLeavesThePositionAfterIt() {
        ListConsumer consumer = categories();

        Optional<Event> found = consumer.findNextEventOfCategory("base");

        assertThat(found).isPresent();
        assertThat(found.get().evcategory()).isEqualTo("base");
        assertThat(found.get().offset()).isEqualTo(Offset.of(2));
        assertThat(found.get().timestamp()).isEqualTo(ListConsumer.PUBLISHED);
        assertThat(drain(consumer)).containsExactly(Offset.of(3), Offset.of(4));
    }

    @Test
    void findNextEventOfCategoryFindsSuccessiveMatchesFromThePosition() {
        ListConsumer consumer = categories();

        assertThat(consumer.findNextEventOfCategory("initsync")).map(Event::offset).contains(Offset.of(1));
        assertThat(consumer.findNextEventOfCategory("initsync")).map(Event::offset).contains(Offset.of(3));
        assertThat(consumer.nextOffset()).isEqualTo(Offset.of(4));
    }

    @Test
    void findNextEventOfCategoryIsEmptyWhenNoneIsLeftAndConsumesWhatItScanned() {
        ListConsumer consumer = categories();
        consumer.seek(Offset.of(2));

        assertThat(consumer.findNextEventOfCategory("nothing-like-this")).isEmpty();
        assertThat(consumer.nextOffset()).isNull();
        assertThat(drain(consumer)).isEmpty();
        assertThat(consumer.findNextEventOfCategory("base")).as("at the end").isEmpty();
    }

    @Test
    void findNextEventOfCategoryDoesNotLookBehindThePosition() {
        ListConsumer consumer = categories();
        consumer.seek(Offset.of(3));

        assertThat(consumer.findNextEventOfCategory("base")).isEmpty();
    }

    // ---- settings

    @Test
    void settingsAreAnUnmodifiableCopy() {
        Map<String, Object> given = new HashMap<>();
        given.put("uri", "mem://x");
        ListConsumer consumer = new ListConsumer(given);

        given.put("uri", "changed");
        given.put("extra", 1);

        assertThat(consumer.settings().asMap()).containsExactly(Map.entry("uri", "mem://x"));
        assertThat(consumer.settings().requiredString("uri")).isEqualTo("mem://x");
        assertThatThrownBy(() -> consumer.settings().asMap().put("uri", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> consumer.settings().asMap().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nullSettingsAreEmpty() {
        assertThat(new ListConsumer(null).settings().asMap()).isEmpty();
    }

    // ---- the test double itself behaves as the contract says, so the tests above mean something

    @Test
    void theListConsumerIteratesFromThePositionAndRefusesWhenClosed() {
        ListConsumer consumer = ListConsumer.withOffsets(Offset.of(1), Offset.of(2));
        assertThatThrownBy(consumer::iterator).isInstanceOf(NotOpenException.class);

        consumer.open();
        Iterator<Event> first = consumer.iterator();
        assertThat(first.next().offset()).isEqualTo(Offset.of(1));
        assertThat(consumer.iterator().next().offset()).as("a new iterator continues").isEqualTo(Offset.of(2));
        assertThat(first.hasNext()).isFalse();
        consumer.seekToBeginning();
        assertThat(drain(consumer)).containsExactly(Offset.of(1), Offset.of(2));
    }
}
