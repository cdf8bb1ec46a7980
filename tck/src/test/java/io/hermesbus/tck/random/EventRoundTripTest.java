package io.hermesbus.tck.random;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.Event;
import io.hermesbus.testing.Python;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * No poison events: every event the kit's own generator builds ({@link RandomEvents}, every value type Hermes
 * carries) is read back by {@link Event#fromJson} to an equal event that writes the very same bytes, and Python's
 * json writes those bytes again from what it reads. Each test prints its seed; replay it with
 * {@code -Dhermesbus.seed=<seed>}.
 */
class EventRoundTripTest {
    private static final int EVENTS = 50_000;

    private long seed;
    private Random random;

    @BeforeEach
    void seed(TestInfo test) {
        seed = Long.getLong("hermesbus.seed", System.nanoTime());
        random = new Random(seed);
        System.out.println(test.getDisplayName() + ": seed " + seed + " (replay with -Dhermesbus.seed=" + seed + ")");
    }

    @Test
    void everyGeneratedEventReadsBackEqualAndWritesTheSameBytes() {
        for (int i = 0; i < EVENTS; i++) {
            Event event = RandomEvents.event(random, "category-" + (i % 5));
            String json = event.toJson();
            String context = "event " + i + " of seed " + seed + ":\n" + json;

            Event read = Event.fromJson(json);

            assertThat(read).as(context).isEqualTo(event);
            assertThat(read.toJson()).as(context).isEqualTo(json);
            assertThat(event.toJsonBytes()).as(context).isEqualTo(json.getBytes(StandardCharsets.UTF_8));
            assertThat(Event.fromJson(event.toJson())).as("toJson is a function of the event: " + context).isEqualTo(read);
        }
    }

    @Test
    void theGeneratorMakesEveryValueTypeHermesCarries() {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            collect(RandomEvents.event(random, "c").objattrs(), values);
        }
        List<String> kinds = values.stream().map(EventRoundTripTest::kind).distinct().sorted().toList();

        assertThat(kinds).containsExactly("BigInteger", "Boolean", "Double", "Double NaN", "Double infinite", "Instant",
                "List", "Long", "Map", "String", "String with a lone surrogate", "byte[]", "null");
    }

    private static void collect(Object value, List<Object> into) {
        into.add(value);
        if (value instanceof List<?> list) {
            list.forEach(item -> collect(item, into));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> collect(item, into));
        }
    }

    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Double d && d.isNaN()) {
            return "Double NaN";
        }
        if (value instanceof Double d && d.isInfinite()) {
            return "Double infinite";
        }
        if (value instanceof String s && s.chars().anyMatch(c -> Character.isSurrogate((char) c))
                && !s.codePoints().allMatch(c -> c < 0xD800 || c > 0xDFFF)) {
            return "String with a lone surrogate";
        }
        if (value instanceof List<?>) {
            return "List";
        }
        if (value instanceof Map<?, ?>) {
            return "Map";
        }
        return value.getClass().getSimpleName();
    }

    @Test
    void pythonsJsonWritesTheSameTextFromWhatItReads() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            texts.add(RandomEvents.event(random, "category-" + (i % 5)).toJson());
        }
        String script = """
                import sys, json
                for line in sys.stdin:
                    text = json.loads(line)
                    again = json.dumps(json.loads(text), indent=4)
                    print("same" if again == text else json.dumps(again))
                """;

        List<String> python = Python.run(script, texts);

        assertThat(python).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(python.get(i)).as("event %d of seed %d:%n%s", i, seed, texts.get(i)).isEqualTo("same");
        }
    }
}
