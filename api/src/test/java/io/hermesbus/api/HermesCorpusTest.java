package io.hermesbus.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.testing.HermesFixtures;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of 1,203 events that Hermes 1.0.9 wrote from random values and read back with its own code
 * ({@code shared/fixtures/hermes/corpus}): for every one, {@link Event} reads what Hermes read, writes what Hermes
 * writes, and writes the same bytes when the event is built from Hermes' values instead of read.
 */
class HermesCorpusTest {
    private static final List<String> KEYS = List.of(
            "evcategory", "eventtype", "objtype", "objpkey", "objattrs", "step", "isPartiallyProcessed");

    static List<String> corpus() {
        return HermesFixtures.corpusNames();
    }

    @Test
    void theCorpusHasItsEvents() {
        assertThat(corpus()).hasSize(1203).startsWith("0000").endsWith("1202");
    }

    /** Check 1: {@code fromJson(text)} gives exactly the values Hermes' {@code from_json} gave, types included. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void decodingGivesWhatHermesReadBack(String name) {
        Map<String, Object> hermes = TypedValues.event(HermesFixtures.corpusTyped(name));
        assertThat(hermes.keySet()).containsExactlyElementsOf(KEYS);

        Event event = Event.fromJson(HermesFixtures.corpusText(name));

        assertThat(TypedValues.difference("evcategory", hermes.get("evcategory"), event.evcategory())).isNull();
        assertThat(TypedValues.difference("eventtype", hermes.get("eventtype"), event.eventtype())).isNull();
        assertThat(TypedValues.difference("objtype", hermes.get("objtype"), event.objtype())).isNull();
        assertThat(TypedValues.difference("objpkey", hermes.get("objpkey"), event.objpkey())).isNull();
        assertThat(TypedValues.difference("objattrs", hermes.get("objattrs"), event.objattrs())).isNull();
        assertThat(TypedValues.difference("step", hermes.get("step"), (long) event.step())).isNull();
        assertThat(TypedValues.difference("isPartiallyProcessed", hermes.get("isPartiallyProcessed"),
                event.isPartiallyProcessed())).isNull();
    }

    /** Check 2: {@code toJson()} of the event read gives what Hermes writes of it, byte for byte. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void writingTheDecodedEventGivesWhatHermesWrites(String name) {
        String expected = HermesFixtures.corpusExpected(name);

        Event event = Event.fromJson(HermesFixtures.corpusText(name));

        assertThat(event.toJson()).isEqualTo(expected);
        assertThat(event.toJsonBytes()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }

    /** Check 3: the same event built in Java from Hermes' values writes the same bytes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void buildingTheEventFromHermesValuesGivesTheSameBytes(String name) {
        Map<String, Object> hermes = TypedValues.event(HermesFixtures.corpusTyped(name));
        @SuppressWarnings("unchecked")
        Map<String, Object> objattrs = (Map<String, Object>) hermes.get("objattrs");
        Object step = hermes.get("step");

        Event built = new Event((String) hermes.get("evcategory"), (String) hermes.get("eventtype"),
                (String) hermes.get("objtype"), hermes.get("objpkey"), objattrs,
                step instanceof BigInteger big ? big.intValueExact() : Math.toIntExact((Long) step),
                (Boolean) hermes.get("isPartiallyProcessed"));

        assertThat(built.toJson()).isEqualTo(HermesFixtures.corpusExpected(name));
        assertThat(built.sameContentAs(Event.fromJson(HermesFixtures.corpusText(name)))).isTrue();
    }
}
