package io.hermesbus.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.OffsetOutOfRangeException;
import io.hermesbus.api.WrongOffsetKindException;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MemoryBusSeekTest {
    private TestBus testBus = TestBus.of(OffsetKind.INT);

    @AfterEach
    void dropBus() throws Exception {
        testBus.close();
    }

    /** A consumer on a bus holding events 0..4 of which 0 and 1 were deleted, positioned at event 3. */
    private MemoryBusConsumer consumerAtThreeOfTwoToFour() {
        testBus.publish(5);
        testBus.bus().retainNewest(3);
        MemoryBusConsumer consumer = testBus.openConsumer();
        consumer.seek(testBus.bus().offsetOf(3));
        return consumer;
    }

    @Test
    void seekBelowTheOldestRetainedOffsetFailsNamingTheRangeAndLeavesThePosition() {
        MemoryBusConsumer consumer = consumerAtThreeOfTwoToFour();

        assertThatThrownBy(() -> consumer.seek(Offset.of(1L)))
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContainingAll("offset 1", "below the oldest retained offset 2", "2 to 4", "or 5");
        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(3L, 4L);
    }

    @Test
    void seekBeyondTheEndFailsAndLeavesThePosition() {
        MemoryBusConsumer consumer = consumerAtThreeOfTwoToFour();

        assertThatThrownBy(() -> consumer.seek(Offset.of(6L)))
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContainingAll("offset 6", "2 to 4");
        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(3L, 4L);
    }

    @Test
    void forFloatSeekBeyondTheNewestOffsetFailsEvenByLessThanOneEvent() throws Exception {
        testBus.close();
        testBus = TestBus.of(OffsetKind.FLOAT);
        MemoryBusConsumer consumer = consumerAtThreeOfTwoToFour();

        assertThatThrownBy(() -> consumer.seek(Offset.of(4.6)))
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContainingAll("4.6", "2.5 to 4.5");
        assertThatThrownBy(() -> consumer.seek(Offset.of(1.5)))
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContaining("below the oldest retained offset 2.5");
        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(3L, 4L);
    }

    @Test
    void seekWithAnOffsetOfAnotherKindFailsAndLeavesThePosition() {
        MemoryBusConsumer consumer = consumerAtThreeOfTwoToFour();

        assertThatThrownBy(() -> consumer.seek(Offset.of("00000000000000000003")))
                .isInstanceOf(WrongOffsetKindException.class)
                .hasMessageContaining("this bus uses int offsets");
        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(3L, 4L);
    }

    @Test
    void seekAfterWithAnOffsetOfAnotherKindFailsAndLeavesThePosition() throws Exception {
        testBus.close();
        testBus = TestBus.of(OffsetKind.FLOAT);
        MemoryBusConsumer consumer = consumerAtThreeOfTwoToFour();

        assertThatThrownBy(() -> consumer.seekAfter(Offset.of(Long.MAX_VALUE)))
                .isInstanceOf(WrongOffsetKindException.class)
                .hasMessageContaining("this bus uses float offsets");
        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(3L, 4L);
    }

    @Test
    void forIntTheEndIsAcceptedAndYieldsTheNextEventPublished() {
        MemoryBusConsumer consumer = consumerAtThreeOfTwoToFour();

        consumer.seek(Offset.of(5L));
        assertThat(TestBus.drain(consumer)).isEmpty();
        testBus.publish(5, 6, "users");

        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(5L);
    }

    @Test
    void forIntSeekAfterTheOffsetJustBelowTheOldestIsAccepted() {
        MemoryBusConsumer consumer = consumerAtThreeOfTwoToFour();

        consumer.seekAfter(Offset.of(1L));

        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(2L, 3L, 4L);
    }

    @Test
    void onAnEmptyIntBusOnlyTheNextOffsetIsAccepted() {
        MemoryBusConsumer consumer = testBus.openConsumer();

        assertThatThrownBy(() -> consumer.seek(Offset.of(1L)))
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContainingAll("retains no events", "only accepted offset is 0");
        consumer.seek(Offset.of(0L));
        testBus.publish(1);

        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(0L);
    }

    @Test
    void onABusEmptiedByRetentionTheNextIntOffsetIsAcceptedButNotTheDeletedOnes() {
        testBus.publish(3);
        testBus.bus().retainNewest(0);
        MemoryBusConsumer consumer = testBus.openConsumer();

        assertThatThrownBy(() -> consumer.seek(Offset.of(2L)))
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContaining("only accepted offset is 3");
        consumer.seek(Offset.of(3L));
        testBus.publish(3, 4, "users");

        assertThat(TestBus.drain(consumer)).singleElement()
                .satisfies(event -> assertThat(event.offset()).isEqualTo(Offset.of(3L)));
    }

    @Test
    void onAnEmptyFloatBusNoOffsetIsAccepted() throws Exception {
        testBus.close();
        testBus = TestBus.of(OffsetKind.FLOAT);
        MemoryBusConsumer consumer = testBus.openConsumer();

        assertThatThrownBy(() -> consumer.seek(Offset.of(0.5)))
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContainingAll("0.5", "retains no events");
    }

    /**
     * A consumer on an int bus numbering from 10 in steps of 10, holding offsets 10..50 of which 10 and 20 were
     * deleted, positioned at 40 (event 3).
     */
    private MemoryBusConsumer consumerAtFortyOfThirtyToFiftyInTens() throws Exception {
        useIntBusInTens();
        return consumerAtThreeOfTwoToFour();
    }

    /** Replaces the test's bus with an empty int bus numbering from 10 in steps of 10. */
    private void useIntBusInTens() throws Exception {
        testBus.close();
        testBus = TestBus.withOffsets(OffsetKind.INT, 10, 10);
    }

    @Test
    void withGapsSeekToAnOffsetOrBetweenTwoGoesToTheFirstEventAtOrAfterIt() throws Exception {
        MemoryBusConsumer consumer = consumerAtFortyOfThirtyToFiftyInTens();

        consumer.seek(Offset.of(40L));
        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(3L, 4L);
        consumer.seek(Offset.of(31L));
        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(3L, 4L);
        consumer.seek(Offset.of(50L));
        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(4L);
    }

    @Test
    void withGapsAnOffsetBetweenTheNewestDeletedAndTheOldestRetainedGoesToTheOldestRetained() throws Exception {
        MemoryBusConsumer consumer = consumerAtFortyOfThirtyToFiftyInTens();

        for (long gap : new long[] {21, 25, 29}) {
            consumer.seek(Offset.of(gap));

            assertThat(TestBus.keys(TestBus.drain(consumer))).as("after seek(%s)", gap).containsExactly(2L, 3L, 4L);
        }
    }

    @Test
    void withGapsSeekAfterTheNewestDeletedOffsetGoesToTheOldestRetained() throws Exception {
        MemoryBusConsumer consumer = consumerAtFortyOfThirtyToFiftyInTens();

        consumer.seekAfter(Offset.of(20L));

        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(2L, 3L, 4L);
    }

    @Test
    void withGapsSeekAtOrBelowTheNewestDeletedOffsetFailsNamingTheRangeAndTheGapAndLeavesThePosition() throws Exception {
        MemoryBusConsumer consumer = consumerAtFortyOfThirtyToFiftyInTens();

        for (long deleted : new long[] {20, 15, 10, 5}) {
            assertThatThrownBy(() -> consumer.seek(Offset.of(deleted)))
                    .isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContainingAll("offset " + deleted, "below the oldest retained offset 30",
                            "not above the newest deleted offset 20", "accepted offsets are 30 to 50, or 51",
                            "above the newest deleted offset 20 and below 30 goes to the event at 30");
        }
        assertThatThrownBy(() -> consumer.seekAfter(Offset.of(10L))).isInstanceOf(OffsetOutOfRangeException.class);
        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(3L, 4L);
    }

    @Test
    void withGapsTheIntEndIsOneAboveTheNewestOffsetAndBeyondItSeekFails() throws Exception {
        MemoryBusConsumer consumer = consumerAtFortyOfThirtyToFiftyInTens();

        for (long beyond : new long[] {52, 59, 60}) {
            assertThatThrownBy(() -> consumer.seek(Offset.of(beyond)))
                    .isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContainingAll("offset " + beyond, "beyond the newest retained offset 50");
        }
        consumer.seekAfter(Offset.of(50L));
        assertThat(TestBus.drain(consumer)).isEmpty();
        testBus.publish(5, 6, "users");

        assertThat(TestBus.drain(consumer)).singleElement()
                .satisfies(event -> assertThat(event.offset()).isEqualTo(Offset.of(60L)));
    }

    @Test
    void withGapsOnABusThatDeletedNothingAnOffsetBelowTheFirstFails() throws Exception {
        useIntBusInTens();
        testBus.publish(2);
        MemoryBusConsumer consumer = testBus.openConsumer();

        assertThatThrownBy(() -> consumer.seek(Offset.of(9L)))
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContainingAll("offset 9", "below the oldest retained offset 10", "accepted offsets are 10 to 20, or 21");
    }

    @Test
    void withGapsOnAnEmptyIntBusOnlyTheFirstOffsetIsAccepted() throws Exception {
        useIntBusInTens();
        MemoryBusConsumer consumer = testBus.openConsumer();

        assertThatThrownBy(() -> consumer.seek(Offset.of(0L)))
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContaining("only accepted offset is 10");
        consumer.seek(Offset.of(10L));
        testBus.publish(1);

        assertThat(TestBus.drain(consumer)).singleElement()
                .satisfies(event -> assertThat(event.offset()).isEqualTo(Offset.of(10L)));
    }

    @Test
    void withGapsOnABusEmptiedByRetentionOneAboveTheNewestDeletedOffsetIsTheEnd() throws Exception {
        useIntBusInTens();
        testBus.publish(3);
        testBus.bus().retainNewest(0);
        MemoryBusConsumer consumer = testBus.openConsumer();

        assertThatThrownBy(() -> consumer.seek(Offset.of(30L)))
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContaining("only accepted offset is 31");
        consumer.seekAfter(Offset.of(30L));
        testBus.publish(3, 4, "users");

        assertThat(TestBus.drain(consumer)).singleElement()
                .satisfies(event -> assertThat(event.offset()).isEqualTo(Offset.of(40L)));
    }

    /** Offsets between the newest deleted and the oldest retained, on buses of each kind holding 0..4 with 0 and 1 deleted. */
    static List<Offset> offsetsInTheGapBelowEventTwo() {
        return List.of(
                Offset.of(2.0),
                Offset.of("00000000000000000001" + "5"),
                Offset.of(new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 0}));
    }

    @ParameterizedTest
    @MethodSource("offsetsInTheGapBelowEventTwo")
    void forEveryKindAnOffsetBetweenTheNewestDeletedAndTheOldestRetainedGoesToTheOldestRetained(Offset gap) throws Exception {
        testBus.close();
        testBus = TestBus.of(gap.kind());
        MemoryBusConsumer consumer = consumerAtThreeOfTwoToFour();

        consumer.seek(gap);

        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(2L, 3L, 4L);
    }

    @Test
    void seekToBeginningOnAnEmptyBusYieldsTheFirstEventPublishedLater() {
        MemoryBusConsumer consumer = testBus.openConsumer();

        consumer.seekToBeginning();
        testBus.publish(2);

        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(0L, 1L);
    }

    @Test
    void hasNextDoesNotMoveThePositionAndNextMovesItJustAfterTheEvent() {
        testBus.publish(3);
        MemoryBusConsumer consumer = testBus.openConsumer();
        Iterator<Event> events = consumer.iterator();

        assertThat(events.hasNext()).isTrue();
        assertThat(events.hasNext()).isTrue();
        assertThat(events.next().objpkey()).isEqualTo(0L);

        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(1L, 2L);
    }

    @Test
    void consumersDoNotShareTheirPosition() {
        testBus.publish(3);
        MemoryBusConsumer first = testBus.openConsumer();
        MemoryBusConsumer second = testBus.openConsumer();

        first.seek(Offset.of(2L));

        assertThat(TestBus.keys(TestBus.drain(second))).containsExactly(0L, 1L, 2L);
        assertThat(TestBus.keys(TestBus.drain(first))).containsExactly(2L);
    }

    @Test
    void findNextEventOfCategorySkipsOtherCategoriesAndStopsJustAfterTheMatch() {
        testBus.publish(0, 2, "users");
        testBus.publish(2, 3, "groups");
        testBus.publish(3, 4, "users");
        MemoryBusConsumer consumer = testBus.openConsumer();

        assertThat(consumer.findNextEventOfCategory("groups")).hasValueSatisfying(
                event -> assertThat(event.objpkey()).isEqualTo(2L));
        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(3L);
        assertThat(consumer.findNextEventOfCategory("groups")).isEmpty();
    }
}
