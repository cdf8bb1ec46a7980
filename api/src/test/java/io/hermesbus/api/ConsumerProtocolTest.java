package io.hermesbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The protocol {@link AbstractMessageBusConsumerPlugin} holds for every plugin, whatever its plugin methods do:
 * the rules of the kit that no plugin can break any more (tck/SPEC.md 1.2, 1.5, 2.5, 2.6, 3.8, 4.6), checked on
 * {@link ListConsumer}, which counts what the base class asks of it.
 */
class ConsumerProtocolTest {

    private static ListConsumer open(ListConsumer consumer) {
        consumer.open();
        consumer.setTimeout(0);
        return consumer;
    }

    private static List<Offset> drain(AbstractMessageBusConsumerPlugin consumer) {
        List<Offset> offsets = new ArrayList<>();
        consumer.forEach(event -> offsets.add(event.offset()));
        return offsets;
    }

    @Test
    void hasNextDecodesOnceAndNeverConsumes() {
        ListConsumer consumer = open(ListConsumer.withOffsets(Offset.of(1), Offset.of(2)));

        Iterator<Event> dropped = consumer.iterator();
        assertThat(dropped.hasNext()).isTrue();
        assertThat(dropped.hasNext()).isTrue();

        assertThat(consumer.iterator().next().offset()).as("the event hasNext() saw, from a new iterator").isEqualTo(Offset.of(1));
        assertThat(consumer.reads).as("records decoded").isEqualTo(1);
        assertThat(drain(consumer)).containsExactly(Offset.of(2));
    }

    @Test
    void anEndedIteratorStaysEndedWhenARecordArrivesAndANewOneReadsIt() {
        ListConsumer consumer = open(ListConsumer.withOffsets(Offset.of(1)));
        Iterator<Event> events = consumer.iterator();
        assertThat(events.next().offset()).isEqualTo(Offset.of(1));
        assertThat(events.hasNext()).isFalse();

        consumer.add(Offset.of(2), "base");

        assertThat(events.hasNext()).as("an ended iterator").isFalse();
        assertThatThrownBy(events::next).isInstanceOf(java.util.NoSuchElementException.class)
                .hasMessage("no event arrived at offset 2 of a list within the timeout of 0 ms");
        assertThat(drain(consumer)).containsExactly(Offset.of(2));
    }

    @Test
    void everyMethodButSetTimeoutAndCloseRefusesWhileClosedWithoutCallingThePlugin() {
        ListConsumer consumer = ListConsumer.withOffsets(Offset.of(1));
        consumer.setTimeout(5);
        consumer.close();

        assertThatThrownBy(consumer::seekToBeginning).isInstanceOf(NotOpenException.class).hasMessageContaining("seekToBeginning");
        assertThatThrownBy(() -> consumer.seek(Offset.of(1))).isInstanceOf(NotOpenException.class).hasMessageContaining("seek");
        assertThatThrownBy(() -> consumer.seekAfter(Offset.of(1))).isInstanceOf(NotOpenException.class).hasMessageContaining("seekAfter");
        assertThatThrownBy(consumer::iterator).isInstanceOf(NotOpenException.class).hasMessageContaining("iterator");
        assertThatThrownBy(() -> consumer.findNextEventOfCategory("base")).isInstanceOf(NotOpenException.class)
                .hasMessageContaining("findNextEventOfCategory");
        assertThat(consumer.seeks).isEmpty();
        assertThat(consumer.deadlines).isEmpty();
        assertThat(consumer.closes).as("doClose on a consumer never opened").isZero();
    }

    @Test
    void anIteratorTakenBeforeCloseRefusesAndCloseIsIdempotent() {
        ListConsumer consumer = open(ListConsumer.withOffsets(Offset.of(1)));
        Iterator<Event> earlier = consumer.iterator();
        assertThat(earlier.hasNext()).isTrue();

        consumer.close();
        consumer.close();

        assertThatThrownBy(earlier::hasNext).isInstanceOf(NotOpenException.class).hasMessageContaining("hasNext");
        assertThatThrownBy(earlier::next).isInstanceOf(NotOpenException.class).hasMessageContaining("next");
        assertThat(consumer.closes).isEqualTo(1);
        consumer.open();
        assertThat(drain(consumer)).as("the event decoded before close is read again after open").containsExactly(Offset.of(1));
        assertThat(consumer.reads).isEqualTo(2);
    }

    @Test
    void openingAnOpenConsumerClosesItFirst() {
        ListConsumer consumer = open(ListConsumer.withOffsets(Offset.of(1), Offset.of(2)));
        consumer.seek(Offset.of(2));

        consumer.open();

        assertThat(consumer.closes).isEqualTo(1);
        assertThat(drain(consumer)).containsExactly(Offset.of(1), Offset.of(2));
    }

    @Test
    void anOffsetOfAnotherKindIsRefusedBeforeThePluginSeesIt() {
        ListConsumer ints = open(ListConsumer.withOffsets(Offset.of(1), Offset.of(2)));
        ints.iterator().next();
        assertThatThrownBy(() -> ints.seek(Offset.of("1"))).isInstanceOf(WrongOffsetKindException.class);
        assertThatThrownBy(() -> ints.seekAfter(Offset.of(1.0))).isInstanceOf(WrongOffsetKindException.class);
        assertThat(ints.seeks).isEmpty();
        assertThat(drain(ints)).as("the position is unchanged").containsExactly(Offset.of(2));

        ListConsumer strs = open(ListConsumer.withOffsets(Offset.of("a")));
        assertThatThrownBy(() -> strs.seekAfter(Offset.of(Long.MAX_VALUE)))
                .as("the kind error wins over int arithmetic").isInstanceOf(WrongOffsetKindException.class);
    }

    @Test
    void everyWaitGetsAFreshDeadlineFromTheTimeout() {
        ListConsumer consumer = ListConsumer.withOffsets(Offset.of(1), Offset.of(2));
        consumer.open();

        consumer.setTimeout(250);
        assertThat(drain(consumer)).hasSize(2);
        consumer.setTimeout(null);
        consumer.iterator().hasNext();

        assertThat(consumer.deadlines).hasSize(4);
        assertThat(consumer.deadlines.subList(0, 3)).as("timeout 250 ms").noneMatch(Deadline::isNever)
                .allMatch(deadline -> deadline.remainingMs() > 0 && deadline.remainingMs() <= 250)
                .doesNotHaveDuplicates();
        assertThat(consumer.deadlines.get(3).isNever()).as("timeout null").isTrue();
    }

    @Test
    void anInterruptedWaitIsAConsumerInterruptedExceptionWithTheStatusSet() {
        ListConsumer consumer = open(ListConsumer.withOffsets(Offset.of(1)));
        consumer.interruptWaits = true;
        try {
            assertThatThrownBy(() -> consumer.iterator().hasNext()).isInstanceOf(ConsumerInterruptedException.class)
                    .hasMessage("interrupted while waiting for the event at offset 1 of a list; the position is unchanged")
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.interrupted()).as("interrupt status, read and cleared").isTrue();
            assertThatThrownBy(() -> consumer.findNextEventOfCategory("base")).isInstanceOf(ConsumerInterruptedException.class);
            assertThat(Thread.interrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        consumer.interruptWaits = false;
        assertThat(drain(consumer)).containsExactly(Offset.of(1));
    }

    @Test
    void anUndecodableRecordFailsAtItsOffsetEveryTimeAndThePositionStays() {
        ListConsumer consumer = open(new ListConsumer(Map.of()).addUndecodable(Offset.of(7)).add(Offset.of(8), "base"));

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> consumer.iterator().hasNext())
                    .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.offset()).contains(Offset.of(7)))
                    .hasMessage("invalid event at offset 7: cannot decode");
        }
        assertThatThrownBy(() -> consumer.findNextEventOfCategory("base")).isInstanceOf(InvalidEventException.class);
        assertThat(consumer.nextOffset()).isEqualTo(Offset.of(7));
    }

    @Test
    void thePositionIsCheckedOnceForEachIteratorAndEachSearch() {
        ListConsumer consumer = open(ListConsumer.withOffsets(Offset.of(1), Offset.of(2), Offset.of(3)));

        Iterator<Event> first = consumer.iterator();
        first.next();
        first.next();
        consumer.iterator().hasNext();
        consumer.findNextEventOfCategory("base");

        assertThat(consumer.positionChecks).isEqualTo(3);
    }

    @Test
    void aSearchStepsOverWhatThePluginSkipsWithoutDecodingItAndMatchesExactly() {
        ListConsumer consumer = open(new ListConsumer(Map.of())
                .addUndecodable(Offset.of(1))
                .add(Offset.of(2), "Base")
                .add(Offset.of(3), "bases")
                .add(Offset.of(4), "base")
                .add(Offset.of(5), "other"));
        consumer.skipsByCategory = true;

        assertThat(consumer.findNextEventOfCategory("base")).map(Event::offset).contains(Offset.of(4));
        assertThat(consumer.reads).as("records decoded").isEqualTo(1);
        assertThat(consumer.findNextEventOfCategory("base")).isEmpty();
        assertThat(consumer.nextOffset()).as("the search consumed what it scanned").isNull();
    }

    @Test
    void withoutSkippingASearchDecodesAndComparesEveryRecordExactly() {
        ListConsumer consumer = open(new ListConsumer(Map.of())
                .add(Offset.of(2), "Base")
                .add(Offset.of(3), "bases")
                .add(Offset.of(4), " base")
                .add(Offset.of(5), "base"));

        assertThat(consumer.findNextEventOfCategory("base")).map(Event::offset).contains(Offset.of(5));
        assertThat(consumer.reads).isEqualTo(4);
    }

    @Test
    void anOpenThatFailsLeavesTheConsumerClosed() {
        ListConsumer consumer = ListConsumer.withOffsets(Offset.of(1));
        consumer.failOpen = true;

        assertThatThrownBy(consumer::open).isInstanceOf(HermesBusException.class).hasMessage("bus unreachable");
        assertThatThrownBy(consumer::iterator).isInstanceOf(NotOpenException.class);
        consumer.close();
        assertThat(consumer.closes).isZero();
    }
}
