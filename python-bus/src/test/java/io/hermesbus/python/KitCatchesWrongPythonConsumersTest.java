package io.hermesbus.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;
import io.hermesbus.tck.testing.KitRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * The kit catches wrong consumers written in Python, through the bridge: each wrong consumer of
 * {@code src/test/python} (the correct {@code sqlitelog} consumer with one fault) fails the rule that tck-selftest
 * pairs with the same fault in Java, with a message citing it, while a rule it does not break passes (the bridge
 * loads and runs it). Only those rules run: each costs Python processes.
 */
class KitCatchesWrongPythonConsumersTest {
    private static final String CORRECT = "sqlitelog";
    private static final Path CONSUMERS = TestPlugins.ROOT.resolve("plugins").resolve("messagebus_consumers");
    private static final Pattern BROKEN_RULE = Pattern.compile("breaks SPEC rule (\\d+\\.\\d+)");
    /**
     * A wrong consumer (its folder under {@code plugins/messagebus_consumers}), a rule it passes (so the plugin loaded
     * and works: 1.1, a first event read, or 1.3, open and close, where the fault loses that event) and the rules
     * that must catch it.
     */
    enum WrongConsumer {
        OFF_BY_ONE_SEEK("sqlitelog_offbyoneseek", "1.1", "3.3"),
        SKIPS_CURRENT("sqlitelog_skipscurrent", "1.3", "2.1"),
        IGNORES_TIMEOUT("sqlitelog_ignorestimeout", "1.1", "4.1"),
        FIND_KEEPS_POSITION("sqlitelog_findkeepsposition", "1.1", "5.1"),
        // tck-selftest's SEEK_CLAMPS is caught by 3.6, which needs retention: this bus declares none
        SEEK_CLAMPS("sqlitelog_seekclamps", "1.1", "3.7"),
        REPEATS_OFFSETS("sqlitelog_repeatsoffsets", "1.1", "2.2");

        final String plugin;
        final String sanityRule;
        /** The rules that must fail; the first is the one the plugin's docstring names. */
        final String[] rules;

        WrongConsumer(String plugin, String sanityRule, String... rules) {
            this.plugin = plugin;
            this.sanityRule = sanityRule;
            this.rules = rules;
        }
    }

    /** The kit on buses whose consumer is the wrong plugin under test. Not a test by itself (no Test suffix). */
    static class KitOnWrongConsumer extends MessageBusConsumerVerification {
        static volatile String consumer = CORRECT;

        @Override
        protected BusUnderTest createBus() {
            return new PythonBusUnderTestFactory().create(TestPlugins.settings(consumer, "{\"uri\": \"{fresh}/bus.sqlite\"}"));
        }
    }

    @ParameterizedTest
    @EnumSource(WrongConsumer.class)
    void kitFailsTheRuleThatDescribesTheFault(WrongConsumer wrong) {
        Set<String> rules = new HashSet<>(Arrays.asList(wrong.rules));
        rules.add(wrong.sanityRule);
        KitOnWrongConsumer.consumer = wrong.plugin;
        Map<String, TestExecutionResult> results;
        try {
            results = KitRuns.run(KitOnWrongConsumer.class, rules);
        } finally {
            KitOnWrongConsumer.consumer = CORRECT;
        }
        assertThat(results.keySet()).as("rules run for %s", wrong).containsExactlyInAnyOrderElementsOf(rules);
        assertThat(KitRuns.ended(results, Status.SUCCESSFUL)).as("rules %s passed", wrong).containsOnlyKeys(wrong.sanityRule);
        Map<String, Throwable> failures = KitRuns.ended(results, Status.FAILED);
        assertThat(failures.keySet()).as("rules the kit failed for %s", wrong).containsExactlyInAnyOrder(wrong.rules);
        for (String rule : wrong.rules) {
            assertThat(failures.get(rule)).hasMessageStartingWith("Rule " + rule + " [required]");
        }
        assertThat(failures.get(wrong.rules[0])).hasMessageContaining("expected: ").hasMessageContaining("observed: ");
    }

    /** Each wrong plugin is listed here, with the rule its own docstring names: the two never drift apart. */
    @Test
    void everyWrongPluginIsCheckedForTheRuleItsDocstringNames() throws IOException {
        List<String> folders;
        try (Stream<Path> listed = Files.list(CONSUMERS)) {
            folders = listed.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith(CORRECT + "_")).sorted().toList();
        }
        assertThat(folders).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(WrongConsumer.values()).map(wrong -> wrong.plugin).toList());
        for (WrongConsumer wrong : WrongConsumer.values()) {
            assertThat(ruleBrokenBy(wrong.plugin)).as(wrong.plugin).contains(wrong.rules[0]);
        }
    }

    /** The SPEC rule a wrong consumer's module docstring says it breaks ({@code breaks SPEC rule N.N}), if any. */
    private static Optional<String> ruleBrokenBy(String consumer) throws IOException {
        Matcher matcher = BROKEN_RULE.matcher(Files.readString(CONSUMERS.resolve(consumer).resolve(consumer + ".py")));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
