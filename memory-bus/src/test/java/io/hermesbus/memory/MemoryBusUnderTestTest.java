package io.hermesbus.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.OffsetKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The kit's view of the memory bus works before the kit's own tests use it. */
class MemoryBusUnderTestTest {

    @ParameterizedTest
    @EnumSource(OffsetKind.class)
    void givesUnopenedPluginsOnOneBusOfTheKindWithRetention(OffsetKind kind) {
        try (MemoryBusUnderTest bus = new MemoryBusUnderTest(kind)) {
            bus.retainNewest(0);
            AbstractMessageBusProducerPlugin producer = bus.newProducer();
            AbstractMessageBusConsumerPlugin consumer = bus.newConsumer();
            producer.open();
            consumer.open();
            consumer.setTimeout(0);
            for (int i = 0; i < 3; i++) {
                producer.send(TestBus.event("users", i));
            }

            bus.retainNewest(1);

            assertThat(bus.offsetKind()).isEqualTo(kind);
            assertThat(bus.supportsRetention()).isTrue();
            consumer.seekToBeginning();
            assertThat(TestBus.drain(consumer)).singleElement()
                    .satisfies(event -> assertThat(event.offset().kind()).isEqualTo(kind));
            producer.close();
            consumer.close();
        }
        // closed: the bus is forgotten
    }

    @ParameterizedTest
    @EnumSource(OffsetKind.class)
    void closingForgetsTheBus(OffsetKind kind) {
        MemoryBusUnderTest bus = new MemoryBusUnderTest(kind);
        bus.newProducer().open();

        bus.close();

        assertThat(MemoryBus.named(bus.busName())).isEmpty();
    }
}
