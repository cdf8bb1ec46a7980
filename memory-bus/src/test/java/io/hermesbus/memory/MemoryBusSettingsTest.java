package io.hermesbus.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.NotOpenException;
import io.hermesbus.api.OffsetKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** The error a producer's constructor throws for {@code settings}. */
    private static InvalidSettingsException refused(Map<String, Object> settings) {
        return catchThrowableOfType(InvalidSettingsException.class, () -> new MemoryBusProducer(settings));
    }

    private Map<String, Object> settingsWith(String kind, String name, Object value) {
        Map<String, Object> settings = settingsWith("offset_kind", kind);
        settings.put(name, value);
        return settings;
    }

    @ParameterizedTest
    @ValueSource(strings = {"int", "str", "bytes"})
    void wholeNumberOffsetStepMustBeAtLeastOne(String kind) {
        for (Object bad : List.of(0, -10, "0")) {
            InvalidSettingsException error = refused(settingsWith(kind, "offset_step", bad));

            assertThat(error.setting()).as("offset_step %s", bad).isEqualTo("offset_step");
            assertThat(error).hasMessageContaining("from 1 to");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"int", "str", "bytes"})
    void wholeNumberFirstOffsetAndStepMustBeWholeNumbers(String kind) {
        assertThat(refused(settingsWith(kind, "first_offset", 10.5)).setting()).isEqualTo("first_offset");
        assertThat(refused(settingsWith(kind, "first_offset", "ten")).setting()).isEqualTo("first_offset");
        assertThat(refused(settingsWith(kind, "offset_step", "2.5")).setting()).isEqualTo("offset_step");
    }

    @ParameterizedTest
    @ValueSource(strings = {"str", "bytes"})
    void strAndBytesFirstOffsetMustNotBeNegativeSayingWhatWouldDo(String kind) {
        InvalidSettingsException error = refused(settingsWith(kind, "first_offset", -1));

        assertThat(error.setting()).isEqualTo("first_offset");
        assertThat(error).hasMessageContainingAll("is -1", kind + " offsets", "0 or more", "offset_kind int");
    }

    @Test
    void intFirstOffsetMayBeNegative() {
        new MemoryBusProducer(settingsWith("int", "first_offset", -5)).open();

        assertThat(testBus.bus()).hasToString("MemoryBus{name=" + testBus.name()
                + ", offsetKind=int, firstOffset=-5, offsetStep=1, maxEvents=unlimited (not set), size=0}");
    }

    @Test
    void floatOffsetStepMustBeAboveZero() {
        for (Object bad : List.of(0, 0.0, -0.5, "-1")) {
            InvalidSettingsException error = refused(settingsWith("float", "offset_step", bad));

            assertThat(error.setting()).as("offset_step %s", bad).isEqualTo("offset_step");
            assertThat(error).hasMessageContaining("must be above 0");
        }
    }

    @Test
    void floatFirstOffsetAndStepMustBeFiniteNumbers() {
        assertThat(refused(settingsWith("float", "first_offset", "half")).setting()).isEqualTo("first_offset");
        assertThat(refused(settingsWith("float", "first_offset", Double.POSITIVE_INFINITY)).setting()).isEqualTo("first_offset");
        assertThat(refused(settingsWith("float", "offset_step", Double.NaN)).setting()).isEqualTo("offset_step");
    }

    @Test
    void offsetsThatLeaveNoRoomForASecondEventAreRefusedNamingTheStep() {
        InvalidSettingsException atTheEndOfLongs = refused(settingsWith("int", "first_offset", Long.MAX_VALUE));
        Map<String, Object> stepLostInRounding = settingsWith("float", "first_offset", 1e17);
        stepLostInRounding.put("offset_step", 1);
        InvalidSettingsException belowFloatPrecision = refused(stepLostInRounding);

        assertThat(atTheEndOfLongs.setting()).isEqualTo("offset_step");
        assertThat(atTheEndOfLongs).hasMessageContainingAll("second event", "int offsets end at 9223372036854775807");
        assertThat(belowFloatPrecision.setting()).isEqualTo("offset_step");
        assertThat(belowFloatPrecision).hasMessageContainingAll("first_offset 1.0E17", "second event", "rounded");
    }

    @Test
    void firstOffsetAndStepMayBeGivenAsTextOfEveryLong() {
        Map<String, Object> settings = settingsWith("int", "first_offset", "1700000000000000000");
        settings.put("offset_step", "1000000000");

        new MemoryBusProducer(settings).open();

        assertThat(testBus.bus().toString()).contains("firstOffset=1700000000000000000, offsetStep=1000000000");
    }

    @Test
    void openingWithAnotherFirstOffsetOrStepThanTheExistingBusFailsSayingWhatTheBusHas() {
        Map<String, Object> tens = settingsWith("int", "first_offset", 10);
        tens.put("offset_step", 10);
        new MemoryBusProducer(tens).open();
        Map<String, Object> otherStep = new HashMap<>(tens);
        otherStep.put("offset_step", 5);

        InvalidSettingsException unset = catchThrowableOfType(InvalidSettingsException.class,
                () -> new MemoryBusConsumer(testBus.settings()).open());
        InvalidSettingsException other = catchThrowableOfType(InvalidSettingsException.class,
                () -> new MemoryBusConsumer(otherStep).open());

        assertThat(unset.setting()).isEqualTo("first_offset");
        assertThat(unset).hasMessageContainingAll("is 0", testBus.name(), "already exists with first_offset 10");
        assertThat(other.setting()).isEqualTo("offset_step");
        assertThat(other).hasMessageContainingAll("is 5", "already exists with offset_step 10");
        assertThat(testBus.bus().toString()).contains("firstOffset=10, offsetStep=10");
    }

    @Test
    void aFloatBusGivenWholeNumbersAsFirstOffsetAndStepIsTheSameBusAsOneGivenDecimals() {
        new MemoryBusProducer(settingsWith("float", "first_offset", 1)).open();

        new MemoryBusConsumer(settingsWith("float", "first_offset", "1.0")).open();

        assertThat(testBus.bus().toString()).contains("firstOffset=1.0, offsetStep=1.0");
    }

    @Test
    void pluginsWithTheSameSettingsShareOneBus() {
        testBus.openProducer().send(TestBus.event("users", 1));

        MemoryBusConsumer consumer = testBus.openConsumer();

        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(1L);
    }
}
