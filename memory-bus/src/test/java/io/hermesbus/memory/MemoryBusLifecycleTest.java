package io.hermesbus.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.Event;
import io.hermesbus.api.NotOpenException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import java.util.Iterator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryBusLifecycleTest {
    private final TestBus testBus = TestBus.of(OffsetKind.INT);

    @AfterEach
    void dropBus() throws Exception {
        testBus.close();
    }

    private static void assertNotOpen(ThrowingCallable call, String operation) {
        assertThatThrownBy(call).isInstanceOf(NotOpenException.class).hasMessageContaining(operation);
    }

    private static void assertEveryReadFailsNotOpen(MemoryBusConsumer consumer) {
        assertNotOpen(consumer::seekToBeginning, "seekToBeginning");
        assertNotOpen(() -> consumer.seek(Offset.of(0L)), "seek");
        assertNotOpen(() -> consumer.seekAfter(Offset.of(0L)), "seekAfter");
        assertNotOpen(consumer::iterator, "iterator");
        assertNotOpen(() -> consumer.findNextEventOfCategory("users"), "findNextEventOfCategory");
    }

    @Test
    void aConsumerNeverOpenedRefusesEveryReadButAcceptsSetTimeoutAndClose() {
        MemoryBusConsumer consumer = new MemoryBusConsumer(testBus.settings());

        assertEveryReadFailsNotOpen(consumer);
        assertThatCode(() -> {
            consumer.setTimeout(10);
            consumer.close();
        }).doesNotThrowAnyException();
    }

    @Test
    void aClosedConsumerRefusesEveryReadIncludingThroughAnEarlierIterator() {
        testBus.publish(2);
        MemoryBusConsumer consumer = testBus.openConsumer();
        Iterator<Event> earlier = consumer.iterator();

        consumer.close();
        consumer.close();

        assertEveryReadFailsNotOpen(consumer);
        assertNotOpen(earlier::hasNext, "hasNext");
        assertNotOpen(earlier::next, "next");
    }

    @Test
    void reopeningStartsAgainAtTheOldestRetainedEvent() {
        testBus.publish(3);
        MemoryBusConsumer consumer = testBus.openConsumer();
        consumer.seek(Offset.of(2L));

        consumer.close();
        consumer.open();

        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(0L, 1L, 2L);
    }

    @Test
    void openingAConsumerPutsItAtTheOldestRetainedEvent() {
        testBus.publish(4);
        testBus.bus().retainNewest(2);

        assertThat(TestBus.keys(TestBus.drain(testBus.openConsumer()))).containsExactly(2L, 3L);
    }

    @Test
    void aProducerSendsOnlyWhileOpen() {
        MemoryBusProducer producer = new MemoryBusProducer(testBus.settings());
        assertNotOpen(() -> producer.send(TestBus.event("users", 0)), "send");

        producer.open();
        producer.send(TestBus.event("users", 1));
        producer.close();
        producer.close();
        assertNotOpen(() -> producer.send(TestBus.event("users", 2)), "send");
        producer.open();
        producer.send(TestBus.event("users", 3));

        assertThat(TestBus.keys(TestBus.drain(testBus.openConsumer()))).containsExactly(1L, 3L);
    }

    @Test
    void aDroppedBusIsForgottenAndANewOneStartsEmpty() {
        testBus.publish(2);

        MemoryBus.drop(testBus.name());
        assertThat(MemoryBus.named(testBus.name())).isEmpty();

        MemoryBusConsumer consumer = testBus.openConsumer();
        assertThat(testBus.bus().size()).isZero();
        assertThat(TestBus.drain(consumer)).isEmpty();
    }
}
