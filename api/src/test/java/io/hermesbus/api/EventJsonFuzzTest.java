package io.hermesbus.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link Event#fromJson(String)} with any text (the input's bytes read as UTF-8). The property: a clear
 * {@link InvalidEventException}, or an event that writes JSON which reads back to an equal event writing the same
 * bytes; never another exception. In {@code mvn verify} only the committed inputs run (the README's "Fuzzing" says how
 * to fuzz): Hermes' own events, and odd ones made by hand (deep nesting, huge numbers, lone surrogates, markers).
 */
class EventJsonFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void fromJsonRoundTrip(byte[] input) {
        String json = new String(input, StandardCharsets.UTF_8);
        Event event;
        try {
            event = Event.fromJson(json);
        } catch (InvalidEventException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        String written;
        Event again;
        try {
            written = event.toJson();
            again = Event.fromJson(written);
        } catch (InvalidEventException e) {
            // the one refusal a read event may meet again: nesting that the fuzzer's instrumented (larger) frames do
            // not fit in the stack, where the first read just fitted
            assertThat(e.getMessage()).contains("on this thread's stack");
            return;
        }
        assertThat(again).isEqualTo(event);
        assertThat(again.toJson()).isEqualTo(written);
        assertThat(event.toJsonBytes()).isEqualTo(written.getBytes(StandardCharsets.US_ASCII));
    }
}
