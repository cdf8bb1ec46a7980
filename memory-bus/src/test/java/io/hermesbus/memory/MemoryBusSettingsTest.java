package io.hermesbus.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.NotOpenException;
import io.hermesbus.api.OffsetKind;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryBusSettingsTest {
    private final TestBus testBus = TestBus.of(OffsetKind.INT);

    @AfterEach
    void dropBus() throws Exception {
        testBus.close();
    }

    private Map<String, Object> settingsWith(String name, Object value) {
        Map<String, Object> settings = testBus.settings();
        settings.put(name, value);
        return settings;
    }

    @Test
    void unknownSettingIsRejectedByNameByConsumerAndProducer() {
        Map<String, Object> misspelt = settingsWith("max_event", 3);

        InvalidSettingsException consumerError = catchThrowableOfType(InvalidSettingsException.class,
                () -> new MemoryBusConsumer(misspelt));
        InvalidSettingsException producerError = catchThrowableOfType(InvalidSettingsException.class,
                () -> new MemoryBusProducer(misspelt));

        assertThat(consumerError.setting()).isEqualTo("max_event");
        assertThat(consumerError).hasMessageContaining("max_events");
        assertThat(producerError.setting()).isEqualTo("max_event");
    }

    @Test
    void offsetKindMustBeOneOfTheFourKinds() {
        InvalidSettingsException error = catchThrowableOfType(InvalidSettingsException.class,
                () -> new MemoryBusConsumer(settingsWith("offset_kind", "long")));

        assertThat(error.setting()).isEqualTo("offset_kind");
        assertThat(error).hasMessageContainingAll("long", "int", "float", "str", "bytes");
    }

    @Test
    void offsetKindIsCaseInsensitive() {
        Map<String, Object> settings = settingsWith("offset_kind", "FLOAT");

        new MemoryBusProducer(settings).open();

        assertThat(testBus.bus().offsetKind()).isEqualTo(OffsetKind.FLOAT);
    }

    @Test
    void maxEventsMustBeAtLeastOne() {
        InvalidSettingsException error = catchThrowableOfType(InvalidSettingsException.class,
                () -> new MemoryBusProducer(settingsWith("max_events", 0)));

        assertThat(error.setting()).isEqualTo("max_events");
        assertThat(error).hasMessageContaining("got 0");
    }

    @Test
    void maxEventsMustBeAWholeNumber() {
        InvalidSettingsException error = catchThrowableOfType(InvalidSettingsException.class,
                () -> new MemoryBusProducer(settingsWith("max_events", 2.5)));

        assertThat(error.setting()).isEqualTo("max_events");
    }

    @Test
    void maxEventsMayBeGivenAsText() {
        new MemoryBusProducer(settingsWith("max_events", "7")).open();

        assertThat(testBus.bus().maxEvents()).hasValue(7);
    }

    @Test
    void nameMustBeNonBlankText() {
        assertThatThrownBy(() -> new MemoryBusConsumer(settingsWith("name", " ")))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.setting()).isEqualTo("name"));
        assertThatThrownBy(() -> new MemoryBusConsumer(settingsWith("name", 12L)))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.setting()).isEqualTo("name"));
    }

    @Test
    void withoutSettingsTheBusIsTheDefaultIntBusKeepingEverything() {
        MemoryBus.drop("default");
        MemoryBusProducer producer = new MemoryBusProducer(Map.of());
        try {
            producer.open();

            MemoryBus bus = MemoryBus.named("default").orElseThrow();
            assertThat(bus.offsetKind()).isEqualTo(OffsetKind.INT);
            assertThat(bus.maxEvents()).isEqualTo(OptionalInt.empty());
        } finally {
            producer.close();
            MemoryBus.drop("default");
        }
    }

    @Test
    void constructorsDoNotCreateTheBus() {
        new MemoryBusConsumer(testBus.settings());
        new MemoryBusProducer(testBus.settings());

        assertThat(MemoryBus.named(testBus.name())).isEmpty();
    }

    @Test
    void openingWithAnotherOffsetKindThanTheExistingBusFailsSayingWhatTheBusHas() {
        testBus.openProducer();
        MemoryBusConsumer consumer = new MemoryBusConsumer(settingsWith("offset_kind", "float"));

        InvalidSettingsException error = catchThrowableOfType(InvalidSettingsException.class, consumer::open);

        assertThat(error.setting()).isEqualTo("offset_kind");
        assertThat(error).hasMessageContainingAll(testBus.name(), "already exists with offset_kind int");
        assertThatThrownBy(consumer::seekToBeginning).isInstanceOf(NotOpenException.class);
        assertThat(testBus.bus().offsetKind()).isEqualTo(OffsetKind.INT);
    }

    @Test
    void openingWithAnotherMaxEventsThanTheExistingBusFailsSayingWhatTheBusHas() {
        new MemoryBusProducer(settingsWith("max_events", 5)).open();

        InvalidSettingsException other = catchThrowableOfType(InvalidSettingsException.class,
                () -> new MemoryBusProducer(settingsWith("max_events", 6)).open());
        InvalidSettingsException absent = catchThrowableOfType(InvalidSettingsException.class,
                () -> new MemoryBusConsumer(testBus.settings()).open());

        assertThat(other.setting()).isEqualTo("max_events");
        assertThat(other).hasMessageContaining("already exists with max_events 5");
        assertThat(absent.setting()).isEqualTo("max_events");
    }

    @Test
    void pluginsWithTheSameSettingsShareOneBus() {
        testBus.openProducer().send(TestBus.event("users", 1));

        MemoryBusConsumer consumer = testBus.openConsumer();

        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(1L);
    }
}
