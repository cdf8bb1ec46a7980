package io.hermesbus.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A report's file name tells runs apart: by bus, offset kind and settings, and a partial run from the full one. */
class RunDescriptionTest {
    private static final BusDescription KAFKA = kafka("int", Map.of("servers", "k1:9092"));

    @Test
    void theNameHasTheClassTheBusTheOffsetKindAndAHashOfTheSettings() {
        assertThat(run(KAFKA, 46).fileName())
                .isEqualTo("com.example.KafkaKit-kafka-int-" + KAFKA.settingsHash() + ".md")
                .matches(".*-kafka-int-\\p{XDigit}{8}\\.md");
    }

    @Test
    void otherSettingsOrAnotherOffsetKindGetAnotherName() {
        String full = run(KAFKA, 46).fileName();

        assertThat(run(kafka("int", Map.of("servers", "k2:9092")), 46).fileName()).isNotEqualTo(full);
        assertThat(run(kafka("str", KAFKA.settings()), 46).fileName()).isNotEqualTo(full);
    }

    @Test
    void aPartialRunSaysSoAndNeverTakesTheFullRunsName() {
        RunDescription partial = run(KAFKA, 1);

        assertThat(partial.partial()).isTrue();
        assertThat(partial.fileName()).isEqualTo(run(KAFKA, 46).fileName().replace(".md", "-partial.md"));
        assertThat(partial.title()).isEqualTo("hermes-bus conformance: com.example.KafkaKit, partial run: 1 of 46 rules");
        assertThat(run(KAFKA, 46).title()).isEqualTo("hermes-bus conformance: com.example.KafkaKit");
    }

    @Test
    void theNameDoesNotDependOnSecretsOrOnWhatIsFreshForEachBus() {
        BusDescription one = kafka("int", Map.of()).withSettings(Map.of("servers", "k1:9092", "sasl", Map.of("password", "one")), Set.of());
        BusDescription two = kafka("int", Map.of()).withSettings(Map.of("servers", "k1:9092", "sasl", Map.of("password", "two")), Set.of());
        BusDescription fresh = kafka("int", Map.of("servers", "k1:9092", "topic", "tck-1"))
                .sharedWith(kafka("int", Map.of("servers", "k1:9092", "topic", "tck-2")));
        BusDescription freshAgain = kafka("int", Map.of("servers", "k1:9092", "topic", "tck-3"))
                .sharedWith(kafka("int", Map.of("servers", "k1:9092", "topic", "tck-4")));

        assertThat(one.settingsHash()).isEqualTo(two.settingsHash());
        assertThat(fresh.settings()).containsEntry("topic", BusDescription.DIFFERS).containsEntry("servers", "k1:9092");
        assertThat(fresh.settingsHash()).isEqualTo(freshAgain.settingsHash());
    }

    @Test
    void aSingleBusShowsItsValuesButIsNamedByItsSettingsNamesSoThatRunningOneRuleAgainKeepsItsReport() {
        BusDescription first = new BusDescription("dir", "int", Map.of("path", "/tmp/tck-1"), true);
        BusDescription again = new BusDescription("dir", "int", Map.of("path", "/tmp/tck-2"), true);

        assertThat(first.settingsJson()).isEqualTo("{\"path\":\"/tmp/tck-1\"}");
        assertThat(again.settingsHash()).isEqualTo(first.settingsHash());
        assertThat(new BusDescription("dir", "int", Map.of("folder", "/tmp/tck-1"), true).settingsHash())
                .isNotEqualTo(first.settingsHash());
    }

    @Test
    void theRulesOfAKitClassAreItsSpecRuleMethods() {
        assertThat(RunDescription.rulesOf(ListBusKit.class)).isEqualTo(RunDescription.rulesOf(MessageBusConsumerVerification.class))
                .isGreaterThan(40);
    }

    private static BusDescription kafka(String offsetKind, Map<String, Object> settings) {
        return new BusDescription("kafka", offsetKind, settings, false);
    }

    private static RunDescription run(BusDescription bus, int rulesRun) {
        return new RunDescription("com.example.KafkaKit", "com.example.KafkaKit", bus, rulesRun, 46, Instant.EPOCH, Duration.ZERO);
    }
}
