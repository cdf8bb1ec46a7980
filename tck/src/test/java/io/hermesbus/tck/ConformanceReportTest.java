package io.hermesbus.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.tck.ConformanceReport.Outcome;
import io.hermesbus.tck.ConformanceReport.Row;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Markdown report a person files: what it says about the run, where it goes, and what it never shows. */
class ConformanceReportTest {
    @TempDir
    Path reports;

    @Test
    void theReportStatesTheBusTheSettingsTheKitTheJdkAndWhen() throws IOException {
        ConformanceResult result = ConformanceRunner.forBus("list", Map.of("flaw", "none")).rules("1.1").reportDir(reports).run();

        String report = Files.readString(result.reportFiles().get(0));
        assertThat(report).contains(
                "- bus: `list`, offsets `int`\n",
                "- settings (secrets masked): `{\"flaw\":\"none\"}`\n",
                "- kit: hermes-bus-tck development build; JDK " + System.getProperty("java.version") + " (",
                "; time scale 1.00 (", "rule 10.1 budget ");
        assertThat(report).containsPattern("\n- run: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ, \\d+\\.\\d s; ");
        assertThat(result.render()).as("what the runner prints is the report").startsWith(report);
    }

    @Test
    void runsWithOtherSettingsKeepTheirOwnReport() {
        Path first = ConformanceRunner.forBus("list", Map.of()).rules("1.1").reportDir(reports).run().reportFiles().get(0);
        Path other = ConformanceRunner.forBus("list", Map.of("flaw", "none")).rules("1.1").reportDir(reports).run().reportFiles().get(0);
        Path again = ConformanceRunner.forBus("list", Map.of()).rules("1.1").reportDir(reports).run().reportFiles().get(0);

        assertThat(other).isNotEqualTo(first);
        assertThat(again).as("the same settings again replace their own report").isEqualTo(first);
    }

    @Test
    void secretsInTheSettingsAppearNeitherInTheReportsNorInWhatTheRunnerPrints() throws IOException {
        String secret = "hunter2-do-not-print";
        Map<String, Object> settings = Map.of("flaw", "none",
                "auth", Map.of("username", "kit", "password", secret, "tokens", List.of(secret)));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        ConformanceResult result;
        try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            result = ConformanceRunner.forBus("list", settings).rules("1\\.[12]").progress(capture).reportDir(reports).run();
            capture.print(result.render());
            capture.println(result.summary());
        } finally {
            System.setOut(stdout);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).as("progress, summary line and printed report")
                .contains("1.2", "\"username\":\"kit\"", "\"password\":\"<masked>\"", "\"tokens\":\"<masked>\"")
                .doesNotContain(secret);
        try (Stream<Path> files = Files.list(reports)) {
            List<Path> written = files.toList();
            assertThat(written).as("the Markdown and the JUnit XML report").hasSize(2);
            for (Path file : written) {
                assertThat(file).content().as(file.toString()).doesNotContain(secret);
            }
        }
    }

    @Test
    void aPassedModelBasedCheckReportsItsSequencesAndSeed() throws IOException {
        ConformanceResult result = ConformanceRunner.forBus("list", Map.of()).rules("10.1").reportDir(reports).seed(77).run();

        Row row = result.rules().values().iterator().next().get(0);
        assertThat(row.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(row.detail()).isEqualTo("passed: 200 of 200 sequences; run seed 77 (-Dhermesbus.tck.seed=77 replays it)");
        assertThat(result.reportFiles().get(0)).content().contains("| 10.1 | required | passed |",
                "### 10.1 passed\n\n```\n" + row.detail() + "\n```");
        try (Stream<Path> files = Files.list(reports)) {
            Path xml = files.filter(file -> file.toString().endsWith(".xml")).findFirst().orElseThrow();
            assertThat(xml).as("the JUnit XML report carries the note too").content().contains(row.detail());
        }
    }

    @Test
    void aSlowWrongBusEndsRule10_1AtItsTimeBudgetAsPassedAndTheReportSaysSo() {
        // At this scale the budget is a few seconds; a read step, at most one slow empty read, stays far below the
        // hang limit, so the run neither hangs nor fails: only the budget can end it before its 200 sequences.
        double scale = 0.025;
        Duration budget = ScaledTime.at(scale, () -> TckTimeouts.configured().modelBasedBudget());
        long start = System.nanoTime();
        ConformanceResult result = ScaledTime.at(scale, () -> ConformanceRunner
                .forBus("list", Map.of("flaw", "slow_empty_reads")).rules("10.1").reportDir(reports).run());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        Row row = result.rules().values().iterator().next().get(0);
        assertThat(row.outcome()).as(row.detail()).isEqualTo(Outcome.PASSED);
        assertThat(row.detail()).containsPattern("^passed: stopped at the time budget of \\d+ m?s after \\d+ of 200 sequences;"
                + " run seed -?\\d+ ");
        assertThat(result.reportFiles().get(0)).content().contains("### 10.1 passed", row.detail());
        assertThat(result.conforms()).isTrue();
        assertThat(took).as("ended at the budget, give or take one step").isBetween(budget, budget.plusSeconds(5));
    }
}
