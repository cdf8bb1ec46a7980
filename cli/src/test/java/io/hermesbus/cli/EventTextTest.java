package io.hermesbus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.Event;
import io.hermesbus.api.InvalidEventException;
import io.hermesbus.api.Offset;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How events and offsets are read from and printed for a person. */
class EventTextTest {
    @Test
    void offsetsAreReadInHermesJsonFormWithQuotesOptional() {
        assertThat(EventText.offset("--offset", "42")).isEqualTo(Offset.of(42L));
        assertThat(EventText.offset("--offset", "4.5")).isEqualTo(Offset.of(4.5));
        assertThat(EventText.offset("--offset", "\"42\"")).isEqualTo(Offset.of("42"));
        assertThat(EventText.offset("--offset", "00000000000000000005")).isEqualTo(Offset.of("00000000000000000005"));
        assertThat(EventText.offset("--offset", "HermesBytes(AAE=)")).isEqualTo(Offset.of(new byte[] {0, 1}));
        assertThat(EventText.offset("--offset", "\"HermesBytes(AAE=)\"")).isEqualTo(Offset.of(new byte[] {0, 1}));
    }

    @Test
    void aJsonLineReadsBackAsTheSameEvent() {
        Event event = new Event("users", "added", "User", 42L, Map.of("cn", "Zoë", "photo", new byte[] {1, 2}), 3, true)
                .at(Offset.of(7L), Instant.parse("2024-05-01T10:00:00.123Z"));

        String line = EventText.jsonLine(event);

        assertThat(line).startsWith("{\"offset\":7,\"timestamp\":\"2024-05-01T10:00:00.123Z\",\"event\":{").doesNotContain("\n");
        assertThat(EventText.parse(line).sameContentAs(event)).isTrue();
        assertThat(EventText.line(event)).isEqualTo("7\t2024-05-01T10:00:00.123Z\tusers\tadded\tUser\t42");
    }

    @Test
    void textThatIsNoEventSaysWhy() {
        assertThatThrownBy(() -> EventText.parse("{\"evcategory\": \"a\", \"extra\": 1}"))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("eventtype must be a string, got nothing");
    }

    @Test
    void aJsonLineOfValuesJacksonRefusesReadsBackToo() {
        Event event = new Event("users", "added", "User", java.util.List.of(7L, "a\u00e9"),
                Map.of("\ud800 lone", Double.NaN, "inf", java.util.List.of(Double.NEGATIVE_INFINITY)), 0, false)
                .at(Offset.of("k,\"event\":{"), Instant.parse("2024-05-01T10:00:00Z"));

        String line = EventText.jsonLine(event);

        assertThat(EventText.parse(line).sameContentAs(event)).isTrue();
        assertThat(EventText.line(event)).isEqualTo("\"k,\\\"event\\\":{\"\t2024-05-01T10:00:00Z\tusers\tadded\tUser\t[7,\"a\\u00e9\"]");
    }
}
