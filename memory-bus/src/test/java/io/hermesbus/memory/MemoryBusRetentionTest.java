package io.hermesbus.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.OffsetOutOfRangeException;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MemoryBusRetentionTest {
    private TestBus testBus = TestBus.of(OffsetKind.INT);

    @AfterEach
    void dropBus() throws Exception {
        testBus.close();
    }

    @ParameterizedTest
    @EnumSource(OffsetKind.class)
    void maxEventsKeepsOnlyTheNewestEventsWithTheirOriginalOffsets(OffsetKind kind) throws Exception {
        testBus.close();
        testBus = TestBus.withMaxEvents(kind, 3);

        testBus.publish(5);

        assertThat(testBus.bus().size()).isEqualTo(3);
        assertThat(TestBus.drain(testBus.openConsumer())).extracting(Event::objpkey, Event::offset).containsExactly(
                tuple(2L, TestBus.defaultOffset(kind, 2)),
                tuple(3L, TestBus.defaultOffset(kind, 3)),
                tuple(4L, TestBus.defaultOffset(kind, 4)));
    }

    @Test
    void maxEventsWithGappedOffsetsKeepsTheNewestEventsWithTheirOffsets() throws Exception {
        testBus.close();
        testBus = TestBus.with(OffsetKind.INT, Map.of("first_offset", 10, "offset_step", 10, "max_events", 2));

        testBus.publish(4);

        assertThat(TestBus.drain(testBus.openConsumer())).extracting(Event::objpkey, Event::offset)
                .containsExactly(tuple(2L, Offset.of(30L)), tuple(3L, Offset.of(40L)));
    }

    @Test
    void retainNewestDeletesAllButTheNewestEvents() {
        testBus.publish(5);

        testBus.bus().retainNewest(2);

        assertThat(testBus.bus().size()).isEqualTo(2);
        assertThat(TestBus.keys(TestBus.drain(testBus.openConsumer()))).containsExactly(3L, 4L);
    }

    @Test
    void retainNewestOfMoreThanTheBusHoldsDeletesNothing() {
        testBus.publish(2);

        testBus.bus().retainNewest(10);

        assertThat(testBus.bus().size()).isEqualTo(2);
    }

    @Test
    void retainNewestOfNoneEmptiesTheBusWithoutReusingOffsets() {
        testBus.publish(3);

        testBus.bus().retainNewest(0);
        assertThat(testBus.bus().size()).isZero();
        testBus.publish(3, 4, "users");

        assertThat(TestBus.drain(testBus.openConsumer())).singleElement()
                .satisfies(event -> assertThat(event.offset()).isEqualTo(Offset.of(3L)));
    }

    @Test
    void retainNewestRejectsANegativeCount() {
        testBus.publish(1);

        assertThatThrownBy(() -> testBus.bus().retainNewest(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(testBus.bus().size()).isEqualTo(1);
    }

    @Test
    void manyRetentionsKeepTheRightEvents() throws Exception {
        testBus.close();
        testBus = TestBus.withMaxEvents(OffsetKind.INT, 7);

        testBus.publish(1000);

        assertThat(TestBus.keys(TestBus.drain(testBus.openConsumer())))
                .containsExactly(993L, 994L, 995L, 996L, 997L, 998L, 999L);
    }

    @Test
    void readingAtADeletedPositionFailsNamingPositionAndOldestUntilSeekToBeginning() {
        testBus.publish(5);
        MemoryBusConsumer consumer = testBus.openConsumer();
        consumer.seek(Offset.of(1L));
        Iterator<Event> events = consumer.iterator();

        testBus.bus().retainNewest(2);

        assertThatThrownBy(events::hasNext)
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContainingAll("offset 1", "oldest retained offset is 3");
        assertThatThrownBy(events::next).isInstanceOf(OffsetOutOfRangeException.class);
        assertThatThrownBy(() -> consumer.findNextEventOfCategory("users")).isInstanceOf(OffsetOutOfRangeException.class);
        consumer.seekToBeginning();
        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(3L, 4L);
    }

    @Test
    void anEventDeletedAfterHasNextSaidItWasThereIsReportedByNext() {
        testBus.publish(5);
        MemoryBusConsumer consumer = testBus.openConsumer();
        Iterator<Event> events = consumer.iterator();
        assertThat(events.next().objpkey()).isEqualTo(0L);
        assertThat(events.hasNext()).isTrue();

        testBus.bus().retainNewest(2);

        assertThatThrownBy(events::next)
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContainingAll("offset 1", "oldest retained offset is 3");
        consumer.seekToBeginning();
        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(3L, 4L);
    }

    @Test
    void aConsumerWhoseWholeChunkWasDroppedIsToldItsPositionWasDeleted() {
        int count = 2 * RetainedEvents.CHUNK_SIZE + 3;
        testBus.publish(count);
        MemoryBusConsumer consumer = testBus.openConsumer();
        Iterator<Event> events = consumer.iterator();
        for (int i = 0; i < 10; i++) {
            events.next();
        }

        testBus.bus().retainNewest(2);

        assertThatThrownBy(events::hasNext)
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContainingAll("offset 10", "oldest retained offset is " + (count - 2));
        consumer.seekToBeginning();
        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly((long) count - 2, (long) count - 1);
    }

    @Test
    void maxEventsAtSendAlsoDeletesAnUnreadPosition() throws Exception {
        testBus.close();
        testBus = TestBus.withMaxEvents(OffsetKind.INT, 2);
        testBus.publish(2);
        MemoryBusConsumer consumer = testBus.openConsumer();

        testBus.publish(2, 3, "users");

        assertThatThrownBy(() -> consumer.iterator().hasNext())
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContainingAll("offset 0", "oldest retained offset is 1");
    }

    @Test
    void withGappedOffsetsADeletedPositionIsNamedByItsOffsetAndTheOldestByItsOwn() throws Exception {
        testBus.close();
        testBus = TestBus.withOffsets(OffsetKind.STR, 100, 5);
        testBus.publish(5);
        MemoryBusConsumer consumer = testBus.openConsumer();

        testBus.bus().retainNewest(2);

        assertThatThrownBy(() -> consumer.iterator().hasNext())
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContainingAll("offset \"00000000000000000100\"", "oldest retained offset is \"00000000000000000115\"");
        testBus.bus().retainNewest(0);
        assertThatThrownBy(() -> consumer.iterator().hasNext())
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContaining("next one published will have offset \"00000000000000000125\"");
    }

    @Test
    void aPositionDeletedOnABusLeftEmptySaysWhatComesNext() {
        testBus.publish(2);
        MemoryBusConsumer consumer = testBus.openConsumer();

        testBus.bus().retainNewest(0);

        assertThatThrownBy(() -> consumer.iterator().hasNext())
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContainingAll("offset 0", "next one published will have offset 2");
    }
}
