package io.hermesbus.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.BusUnderTestFactories;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The kit's view of the memory bus works before the kit's own tests use it. */
class MemoryBusUnderTestFactoryTest {
    private final MemoryBusUnderTestFactory factory = new MemoryBusUnderTestFactory();

    private BusUnderTest bus(OffsetKind kind) {
        return factory.create(Map.of("offset_kind", kind.toString()));
    }

    private static String nameOf(BusUnderTest bus) {
        return (String) bus.settings().get("name");
    }

    @ParameterizedTest
    @EnumSource(OffsetKind.class)
    void givesUnopenedPluginsOnOneBusOfTheKindWithRetention(OffsetKind kind) {
        try (BusUnderTest bus = bus(kind)) {
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
        BusUnderTest bus = bus(kind);
        bus.newProducer().open();

        bus.close();

        assertThat(MemoryBus.named(nameOf(bus))).isEmpty();
    }

    @Test
    void everyBusHasItsOwnNameStartingWithTheUsersAndKeepsTheOtherSettings() {
        Map<String, Object> settings = Map.of("name", "mine", "max_events", 10);

        try (BusUnderTest first = factory.create(settings); BusUnderTest second = factory.create(settings)) {
            assertThat(nameOf(first)).startsWith("mine-").isNotEqualTo(nameOf(second));
            assertThat(first.settings()).containsEntry("max_events", 10);
            assertThat(nameOf(factory.create(Map.of()))).startsWith("verify-");
        }
    }

    @Test
    void keepsTheUsersOffsetSettingsAndItsBusesGiveThoseOffsets() {
        Map<String, Object> tens = Map.of("offset_kind", "int", "first_offset", "10", "offset_step", "10");

        try (BusUnderTest bus = factory.create(tens)) {
            AbstractMessageBusProducerPlugin producer = bus.newProducer();
            AbstractMessageBusConsumerPlugin consumer = bus.newConsumer();
            producer.open();
            consumer.open();
            consumer.setTimeout(0);
            producer.send(TestBus.event("users", 0));
            producer.send(TestBus.event("users", 1));

            assertThat(bus.settings()).containsEntry("first_offset", "10").containsEntry("offset_step", "10");
            assertThat(TestBus.drain(consumer)).extracting(Event::offset).containsExactly(Offset.of(10L), Offset.of(20L));
            producer.close();
            consumer.close();
        }
    }

    @Test
    void badSettingsAreRejectedNamingTheSetting() {
        assertThatThrownBy(() -> factory.create(Map.of("offset_kind", "sideways")))
                .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("setting 'offset_kind': must be one of");
        assertThatThrownBy(() -> factory.create(Map.of("nmae", "x")))
                .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("setting 'nmae': is not a setting");
        assertThatThrownBy(() -> factory.create(Map.of("offset_kind", "str", "first_offset", "-1")))
                .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("setting 'first_offset': is -1");
        assertThatThrownBy(() -> factory.create(Map.of("offset_step", "0")))
                .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("setting 'offset_step': must be");
    }

    @Test
    void theKitFindsTheFactoryByTheBusName() {
        assertThat(BusUnderTestFactories.find("memory", getClass().getClassLoader())).isInstanceOf(MemoryBusUnderTestFactory.class);
    }
}
