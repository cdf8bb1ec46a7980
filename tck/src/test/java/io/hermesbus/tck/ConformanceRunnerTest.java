package io.hermesbus.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.UnknownBusException;
import io.hermesbus.tck.ConformanceReport.Outcome;
import io.hermesbus.tck.ConformanceReport.Row;
import io.hermesbus.tck.random.ModelBasedCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner on the in-test bus {@code list} (correct or flawed), named at run time, and on a kit class. */
class ConformanceRunnerTest {
    private static final String BUS_SUBJECT = "bus 'list' (" + ConfiguredBusVerification.class.getName() + ")";

    @TempDir
    Path reports;

    @Test
    void aCorrectBusPassesTheSelectedRulesWithProgressAndBothReports() throws IOException {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        ConformanceResult result = ConformanceRunner.forBus("list", Map.of()).rules("3\\.[1-3]")
                .reportDir(reports).progress(new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        assertThat(result.conforms()).as(result.render()).isTrue();
        assertThat(result.rules()).containsOnlyKeys(BUS_SUBJECT);
        assertThat(result.rules().get(BUS_SUBJECT)).extracting(Row::number).containsExactlyInAnyOrder("3.1", "3.2", "3.3");
        assertThat(progress.toString(StandardCharsets.UTF_8)).as("a line per rule, in the spec's order")
                .contains("[1/3] 3.1   passed", "[2/3] 3.2   passed", "[3/3] 3.3   passed");
        assertThat(result.reportFiles()).singleElement().satisfies(report -> {
            assertThat(report.getParent()).isEqualTo(reports.toAbsolutePath());
            assertThat(report.getFileName().toString())
                    .matches(Pattern.quote(ConfiguredBusVerification.class.getName()) + "-list-int-\\p{XDigit}{8}-partial\\.md");
            assertThat(report).content().contains("# hermes-bus conformance: " + BUS_SUBJECT + ", partial run: 3 of ",
                    "| 3.3 | required | passed |");
        });
        try (var files = Files.list(reports)) {
            assertThat(files.map(f -> f.getFileName().toString())).anyMatch(name -> name.endsWith(".xml"));
        }
    }

    @Test
    void aWrongBusFailsTheRuleOfItsFaultWithTheRulesMessage() {
        ConformanceResult result = ConformanceRunner.forBus("list", Map.of("flaw", "seek_off_by_one")).rules("3.3")
                .reportDir(reports).run();

        assertThat(result.conforms()).isFalse();
        Row row = result.rules().get(BUS_SUBJECT).get(0);
        assertThat(row.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(row.detail()).startsWith("Rule 3.3 [required]");
        assertThat(result.render()).contains("### 3.3 FAILED");
    }

    @Test
    void aFailedModelBasedCheckGivesItsSeedAndTheSeedReplaysTheSameShrunkSequence() {
        ConformanceResult first = ConformanceRunner.forBus("list", Map.of("flaw", "SEEK_OFF_BY_ONE")).rules("10.1")
                .reportDir(reports).run();
        assertThat(first.failedRunSeed()).isPresent();
        long seed = first.failedRunSeed().getAsLong();

        ConformanceResult replay = ConformanceRunner.forBus("list", Map.of("flaw", "SEEK_OFF_BY_ONE")).rules("10.1")
                .reportDir(reports).seed(seed).run();

        assertThat(replay.failedRunSeed()).hasValue(seed);
        assertThat(shrunkSequence(replay)).isEqualTo(shrunkSequence(first)).contains("1. ");
        assertThat(System.getProperty(ModelBasedCheck.SEED_PROPERTY)).as("the seed property is restored").isNull();
    }

    private static String shrunkSequence(ConformanceResult result) {
        String detail = result.rules().get(BUS_SUBJECT).get(0).detail();
        return detail.substring(detail.indexOf("Shrunk sequence:"));
    }

    @Test
    void rulePatternsMatchWholeNumbersOrWordsOfTitles() {
        RuleFilter section = new RuleFilter("3\\..*");
        assertThat(section.selects("3.10", "t")).isTrue();
        assertThat(section.selects("4.1", "t")).isFalse();
        RuleFilter one = new RuleFilter("3.1");
        assertThat(one.selects("3.1", "t")).isTrue();
        assertThat(one.selects("3.10", "t")).as("a number is matched whole").isFalse();
        assertThat(new RuleFilter("SEEKAFTER").selects("3.9", "seekAfter(o) makes the first event ...")).isTrue();
        assertThatThrownBy(() -> new RuleFilter("3.(")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the rule pattern '3.(' is not a regular expression");
    }

    @Test
    void aPatternThatSelectsNoRuleIsAnError() {
        assertThatThrownBy(() -> ConformanceRunner.forBus("list", Map.of()).rules("99.9").reportDir(reports).run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("no rule matches the pattern '99.9'");
    }

    @Test
    void anUnknownBusIsOneErrorNamingTheBusesThatCanBeVerified() {
        assertThatThrownBy(() -> ConformanceRunner.forBus("nope", Map.of()).reportDir(reports).run())
                .isInstanceOf(UnknownBusException.class)
                .hasMessageStartingWith("no bus called 'nope' can be verified; buses that can: [list]");
    }

    @Test
    void aBusWithAProviderButNoFactoryIsToldHowToRegisterOne() {
        assertThatThrownBy(() -> ConformanceRunner.forBus("no-factory", Map.of()).reportDir(reports).run())
                .isInstanceOf(UnknownBusException.class)
                .hasMessageContaining("bus 'no-factory' has a provider but no BusUnderTestFactory")
                .hasMessageContaining("META-INF/services/io.hermesbus.tck.BusUnderTestFactory")
                .hasMessageContaining("docs/writing-a-plugin.md");
    }

    @Test
    void badSettingsAreOneErrorBeforeAnyRuleRuns() {
        assertThatThrownBy(() -> ConformanceRunner.forBus("list", Map.of("flaw", "typo")).reportDir(reports).run())
                .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("setting 'flaw': must be one of");
        try (var files = Files.list(reports)) {
            assertThat(files).as("no report for a run that did not start").isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void kitClassesRunByNameWithTheirClassAsTheSubject() {
        ConformanceResult result = ConformanceRunner.forClasses(List.of(ListBusKit.class.getName())).rules("1.1")
                .reportDir(reports).run();

        assertThat(result.conforms()).as(result.render()).isTrue();
        assertThat(result.rules()).containsOnlyKeys(ListBusKit.class.getName());
        assertThat(result.reportFiles()).singleElement().extracting(report -> report.getFileName().toString())
                .asString().startsWith(ListBusKit.class.getName() + "-list-int-").endsWith("-partial.md");
    }

    @Test
    void theConfiguredKitWithoutABusFailsEachRuleNamingTheParameter() {
        ConformanceResult result = ConformanceRunner.forClasses(List.of(ConfiguredBusVerification.class.getName()))
                .rules("1.1").reportDir(reports).run();

        assertThat(result.conforms()).isFalse();
        assertThat(result.rules().values().iterator().next().get(0).detail())
                .contains("set the JUnit configuration parameter (or system property) hermesbus.tck.bus");
    }
}
