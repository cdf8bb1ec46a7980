package io.hermesbus.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.Event;
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
            testBus.publish(published);
            return TestBus.drain(testBus.openConsumer()).stream().map(Event::offset).toList();
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
                assertThat(OffsetNumbering.offsetOf(kind, n + 1)).isGreaterThan(OffsetNumbering.offsetOf(kind, n));
            }
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
