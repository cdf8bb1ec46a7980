package io.hermesbus.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * SPEC.md and the kit's tests name the same rules, with the same levels and titles: the spec cannot drift. That no
 * rule's expectation contradicts another's or rule 10.1's model is shown on buses: tck-selftest's
 * {@code KitPassesOutsiderBusesTest} runs every rule and the model on correct buses that make each choice SPEC.md
 * leaves open.
 */
class SpecAndKitAgreeTest {
    private static final Pattern SPEC_RULE = Pattern.compile(
            "^\\*\\*(\\d+\\.\\d+) \\[(required|recommended)] (.+?)\\.\\*\\*", Pattern.MULTILINE | Pattern.DOTALL);

    @Test
    void everyKitTestIsARuleOfTheSpecAndEveryRuleHasATest() throws IOException {
        String spec = Files.readString(Path.of("SPEC.md"), StandardCharsets.UTF_8);
        List<String> inSpec = new ArrayList<>();
        Matcher matcher = SPEC_RULE.matcher(spec);
        while (matcher.find()) {
            inSpec.add(matcher.group(1) + " [" + matcher.group(2) + "] " + matcher.group(3).replaceAll("\\s+", " "));
        }
        List<String> inKit = new ArrayList<>();
        for (Method method : MessageBusConsumerVerification.class.getDeclaredMethods()) {
            SpecRule rule = method.getAnnotation(SpecRule.class);
            if (rule != null) {
                inKit.add(rule.number() + " [" + rule.level() + "] " + rule.title());
                String prefix = rule.level() + "_" + rule.number().replace('.', '_') + "_";
                assertThat(method.getName()).as("test method of rule %s", rule.number()).startsWith(prefix);
            }
        }
        assertThat(inSpec).as("rules in SPEC.md").doesNotHaveDuplicates().isNotEmpty();
        assertThat(inKit).as("rules tested by MessageBusConsumerVerification").containsExactlyInAnyOrderElementsOf(inSpec);
    }
}
