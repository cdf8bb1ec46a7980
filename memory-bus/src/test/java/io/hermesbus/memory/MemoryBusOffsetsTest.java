package io.hermesbus.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.Event;
import io.hermesbus.api.FailedToSendEventException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MemoryBusOffsetsTest {

    private static List<Offset> offsetsRead(OffsetKind kind, int published) throws Exception {
        try (TestBus testBus = TestBus.of(kind)) {
            return offsetsRead(testBus, published);
        }
    }

    private static List<Offset> offsetsRead(TestBus testBus, int published) {
        testBus.publish(published);
        return TestBus.drain(testBus.openConsumer()).stream().map(Event::offset).toList();
    }

    private static List<Offset> offsetsRead(OffsetKind kind, Object first, Object step, int published) throws Exception {
        try (TestBus testBus = TestBus.withOffsets(kind, first, step)) {
            return offsetsRead(testBus, published);
        }
    }

    @Test
    void intOffsetsAreTheEventNumbers() throws Exception {
        assertThat(offsetsRead(OffsetKind.INT, 3)).containsExactly(Offset.of(0L), Offset.of(1L), Offset.of(2L));
    }

    @Test
    void floatOffsetsAreTheEventNumbersPlusAHalf() throws Exception {
        assertThat(offsetsRead(OffsetKind.FLOAT, 3)).containsExactly(Offset.of(0.5), Offset.of(1.5), Offset.of(2.5));
    }

    @Test
    void strOffsetsAreTheEventNumbersInTwentyDigits() throws Exception {
        assertThat(offsetsRead(OffsetKind.STR, 3)).containsExactly(
                Offset.of("00000000000000000000"), Offset.of("00000000000000000001"), Offset.of("00000000000000000002"));
    }

    @Test
    void bytesOffsetsAreTheEventNumbersInEightBigEndianBytes() throws Exception {
        assertThat(offsetsRead(OffsetKind.BYTES, 2)).containsExactly(
                Offset.of(new byte[] {0, 0, 0, 0, 0, 0, 0, 0}), Offset.of(new byte[] {0, 0, 0, 0, 0, 0, 0, 1}));
    }

    @Test
    void strAndBytesOffsetsKeepPublishOrderPastTheFirstDigitAndByte() {
        for (OffsetKind kind : List.of(OffsetKind.STR, OffsetKind.BYTES)) {
            for (long n : new long[] {9, 99, 255, 256, 65_535, Long.MAX_VALUE - 1}) {
                assertThat(TestBus.defaultOffset(kind, n + 1)).isGreaterThan(TestBus.defaultOffset(kind, n));
            }
        }
    }

    @Test
    void intOffsetsStartAtTheFirstOffsetInSteps() throws Exception {
        assertThat(offsetsRead(OffsetKind.INT, 10, 10, 3)).containsExactly(Offset.of(10L), Offset.of(20L), Offset.of(30L));
        assertThat(offsetsRead(OffsetKind.INT, -5, 2, 4))
                .containsExactly(Offset.of(-5L), Offset.of(-3L), Offset.of(-1L), Offset.of(1L));
    }

    @Test
    void intOffsetsCanLookLikeEpochNanoseconds() throws Exception {
        long first = 1_700_000_000_000_000_000L;

        assertThat(offsetsRead(OffsetKind.INT, first, 1_000_000_000L, 2))
                .containsExactly(Offset.of(first), Offset.of(first + 1_000_000_000L));
    }

    @Test
    void floatOffsetsStartAtTheFirstOffsetInSteps() throws Exception {
        assertThat(offsetsRead(OffsetKind.FLOAT, 0.25, 0.5, 3)).containsExactly(Offset.of(0.25), Offset.of(0.75), Offset.of(1.25));
        assertThat(offsetsRead(OffsetKind.FLOAT, "-3", "1.5", 3)).containsExactly(Offset.of(-3.0), Offset.of(-1.5), Offset.of(0.0));
    }

    @Test
    void strOffsetsAreTheNumbersFromTheFirstOffsetInStepsInTwentyDigits() throws Exception {
        assertThat(offsetsRead(OffsetKind.STR, 100, 5, 2)).containsExactly(
                Offset.of("00000000000000000100"), Offset.of("00000000000000000105"));
    }

    @Test
    void bytesOffsetsAreTheNumbersFromTheFirstOffsetInStepsInEightBigEndianBytes() throws Exception {
        assertThat(offsetsRead(OffsetKind.BYTES, 255, 256, 2)).containsExactly(
                Offset.of(new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) 255}), Offset.of(new byte[] {0, 0, 0, 0, 0, 0, 1, (byte) 255}));
    }

    @Test
    void stepsAsLargeAsALongKeepStrAndBytesOffsetsInPublishOrder() throws Exception {
        for (OffsetKind kind : List.of(OffsetKind.STR, OffsetKind.BYTES)) {
            List<Offset> offsets = offsetsRead(kind, 0, Long.MAX_VALUE, 2);

            assertThat(offsets.get(1)).as("%s", kind).isGreaterThan(offsets.get(0));
        }
    }

    @Test
    void aSendBeyondTheLastIntOffsetFailsSayingWhyAndLosesNothing() throws Exception {
        try (TestBus testBus = TestBus.withOffsets(OffsetKind.INT, Long.MAX_VALUE - 10, 5)) {
            testBus.publish(3);
            MemoryBusProducer producer = testBus.openProducer();

            for (int attempt = 0; attempt < 2; attempt++) {
                assertThatThrownBy(() -> producer.send(TestBus.event("users", 3)))
                        .isInstanceOf(FailedToSendEventException.class)
                        .hasMessageContainingAll(testBus.name(), "no offset left", "event number 3", "offset_step 5",
                                "int offsets end at 9223372036854775807", "not published");
            }

            assertThat(testBus.bus().size()).isEqualTo(3);
            assertThat(TestBus.drain(testBus.openConsumer())).extracting(Event::offset).containsExactly(
                    Offset.of(Long.MAX_VALUE - 10), Offset.of(Long.MAX_VALUE - 5), Offset.of(Long.MAX_VALUE));
        }
    }

    @Test
    void aSendWhoseFloatOffsetWouldRoundToThePreviousOneFailsAndLosesNothing() throws Exception {
        double twoToThe53 = 9_007_199_254_740_992.0; // from here on, doubles are 2 apart: + 1 rounds away
        try (TestBus testBus = TestBus.withOffsets(OffsetKind.FLOAT, twoToThe53 - 2, 1)) {
            testBus.publish(3);

            assertThatThrownBy(() -> testBus.publish(3, 4, "users"))
                    .isInstanceOf(FailedToSendEventException.class)
                    .hasMessageContainingAll("no offset left", "event number 3", "no longer above the offset before");
            assertThat(TestBus.drain(testBus.openConsumer())).extracting(Event::offset).containsExactly(
                    Offset.of(twoToThe53 - 2), Offset.of(twoToThe53 - 1), Offset.of(twoToThe53));
        }
    }

    @ParameterizedTest
    @EnumSource(OffsetKind.class)
    void eventsAreYieldedInPublishOrderWithIncreasingOffsetsAndTheirSendTime(OffsetKind kind) throws Exception {
        try (TestBus testBus = TestBus.of(kind)) {
            MemoryBusProducer producer = testBus.openProducer();
            Event sent = TestBus.event("users", 40);
            Instant before = Instant.now();
            producer.send(sent);
            producer.send(TestBus.event("users", 41));
            producer.send(TestBus.event("groups", 42));
            Instant after = Instant.now();

            List<Event> read = TestBus.drain(testBus.openConsumer());

            assertThat(TestBus.keys(read)).containsExactly(40L, 41L, 42L);
            assertThat(read.get(0).sameContentAs(sent)).isTrue();
            assertThat(read).allSatisfy(event -> {
                assertThat(event.offset().kind()).isEqualTo(kind);
                assertThat(event.timestamp()).isBetween(before, after);
            });
            assertThat(read.get(1).offset()).isGreaterThan(read.get(0).offset());
            assertThat(read.get(2).offset()).isGreaterThan(read.get(1).offset());
        }
    }

    @ParameterizedTest
    @EnumSource(OffsetKind.class)
    void seekingToAnEventsOffsetYieldsThatEventAgain(OffsetKind kind) throws Exception {
        try (TestBus testBus = TestBus.of(kind)) {
            testBus.publish(5);
            MemoryBusConsumer consumer = testBus.openConsumer();
            List<Event> all = TestBus.drain(consumer);

            consumer.seek(all.get(3).offset());

            assertThat(TestBus.drain(consumer)).containsExactlyElementsOf(all.subList(3, 5));
        }
    }

    @Test
    void seekingBetweenTwoOffsetsYieldsTheLaterEvent() throws Exception {
        List<Offset> betweenOneAndTwo = List.of(
                Offset.of(1.9),
                Offset.of("00000000000000000001" + "5"),
                Offset.of(new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 0}));
        for (Offset between : betweenOneAndTwo) {
            try (TestBus testBus = TestBus.of(between.kind())) {
                testBus.publish(4);
                MemoryBusConsumer consumer = testBus.openConsumer();

                consumer.seek(between);

                assertThat(TestBus.keys(TestBus.drain(consumer))).as("after seek(%s)", between).containsExactly(2L, 3L);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(OffsetKind.class)
    void seekAfterAnOffsetYieldsTheEventsAfterIt(OffsetKind kind) throws Exception {
        try (TestBus testBus = TestBus.of(kind)) {
            testBus.publish(4);
            MemoryBusConsumer consumer = testBus.openConsumer();
            List<Event> all = TestBus.drain(consumer);

            consumer.seekAfter(all.get(1).offset());

            assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(2L, 3L);
        }
    }
}
