package io.hermesbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hermes-bus verify}, end to end: the real jar in a child process, on built-in buses and on a plugin jar. */
class VerifyIT {
    /**
     * The rules the end-to-end runs of a built-in bus choose: those that use what its factory provides beside the
     * plugins (a fresh bus, retention, raw text). The bus modules' own tests run every rule through the same
     * factories; here a subset keeps CI short.
     */
    static final String FACTORY_RULES = "1\\.1|7\\..*|8\\.2";
    /** The kit class that verify runs; reports are named after it, the bus, offset kind and settings. */
    private static final String CONFIGURED = "io.hermesbus.tck.ConfiguredBusVerification";

    @TempDir
    static Path plugins;
    static Path wrongJar;
    static Path jarWithoutFactory;

    @TempDir
    Path reports;

    @BeforeAll
    static void buildTheWrongPlugin() {
        wrongJar = WrongPlugin.jar(plugins.resolve("with"), true);
        jarWithoutFactory = WrongPlugin.jar(plugins.resolve("without"), false);
    }

    @Test
    void withNoBusItVerifiesTheInMemoryBusAndPrintsEveryRule() throws IOException {
        Cli.Run run = Cli.run("verify", "--report", reports.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("# hermes-bus conformance: bus 'memory'", "- bus: `memory`, offsets `int`",
                "- kit: hermes-bus-tck 0.1.0", "| 1.1 | required | passed |", "| 10.1 | required | passed |",
                "| 8.2 | required | not applicable |", "0 FAILED", "### 10.1 passed", "passed: 200 of 200 sequences; run seed ");
        assertThat(run.out()).as("a full run's title").doesNotContain("partial run");
        assertThat(run.err()).as("progress").contains("[ 1/49] 1.1", "[49/49] 10.1");
        assertThat(reportFiles()).anyMatch(name -> name.matches(reportName("memory-int", "")))
                .anyMatch(name -> name.endsWith(".xml"));
    }

    @Test
    void aRunOfSomeRulesOrOtherSettingsKeepsItsOwnReport() throws IOException {
        Cli.Run some = Cli.run("verify", "--rules", "1.1", "--report", reports.toString());
        Cli.Run bytes = Cli.run("verify", "memory", "--set", "offset_kind=bytes", "--rules", "1.1", "--report", reports.toString());

        assertThat(some.exitCode()).as(some.toString()).isZero();
        assertThat(some.out()).contains("# hermes-bus conformance: bus 'memory' (" + CONFIGURED + "), partial run: 1 of ");
        assertThat(bytes.out()).contains("- bus: `memory`, offsets `bytes`", "\"offset_kind\":\"bytes\"");
        assertThat(reportFiles().filter(name -> name.endsWith(".md")))
                .anyMatch(name -> name.matches(reportName("memory-int", "-partial")))
                .anyMatch(name -> name.matches(reportName("memory-bytes", "-partial")))
                .hasSize(2);
    }

    @Test
    void aWrongPluginJarFailsTheRuleOfItsFaultAndWritesBothReports() throws IOException {
        Cli.Run run = Cli.run("verify", "wrong", "--plugin-jar", wrongJar.toString(), "--report", reports.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("| 3.3 | required | FAILED |", "### 3.3 FAILED", "Rule 3.3 [required]");
        assertThat(run.err()).contains("3.3   FAILED");
        assertThat(reportFiles()).contains("TEST-junit-jupiter.xml");
        Path markdown = reports.resolve(reportFiles().filter(name -> name.startsWith(CONFIGURED + "-wrong-")).findFirst().orElseThrow());
        assertThat(markdown.getFileName().toString()).as("a full run's report").doesNotEndWith("-partial.md");
        assertThat(markdown).content().contains("- bus: `wrong`", "| 3.3 | required | FAILED |");
        assertThat(reports.resolve("TEST-junit-jupiter.xml")).content().contains("required_3_3_", "<failure");
    }

    @Test
    void aFailedRandomizedRulePrintsItsSeedAndTheSeedReplaysTheSameShrunkSequence() {
        Cli.Run first = Cli.run("verify", "wrong", "--plugin-jar", wrongJar.toString(), "--rules", "10.1",
                "--report", reports.toString());
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);
        Matcher replay = Pattern.compile("replay it by adding --seed (-?\\d+)").matcher(first.out());
        assertThat(replay.find()).as(first.toString()).isTrue();

        Cli.Run again = Cli.run("verify", "wrong", "--plugin-jar", wrongJar.toString(), "--rules", "10.1",
                "--seed", replay.group(1), "--report", reports.toString());

        assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
        assertThat(again.out()).contains("Run seed: " + replay.group(1) + " ");
        assertThat(shrunkSequence(again.out())).isEqualTo(shrunkSequence(first.out())).contains("  1. ");
    }

    /** From "Shrunk sequence:" to the end of the failing step's "observed:" line. */
    private static String shrunkSequence(String out) {
        Matcher sequence = Pattern.compile("Shrunk sequence:\\n.*?\\n  observed: [^\\n]*", Pattern.DOTALL).matcher(out);
        assertThat(sequence.find()).as(out).isTrue();
        return sequence.group();
    }

    @Test
    void theFileBusPassesItsRetentionAndMalformedJsonRules() {
        Cli.Run run = Cli.run("verify", "file", "--rules", FACTORY_RULES, "--report", reports.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("| 7.3 | required | passed |", "| 8.2 | required | passed |", "6 rules: 6 passed");
    }

    @Test
    void theSqliteBusPassesSomeRulesOnFilesBesideUriThatAreDeletedAfter(@TempDir Path dir) {
        Path uri = dir.resolve("hermes.sqlite");

        // and rule 10.1, 200 fresh buses: seconds with files (a minute and a half with Kafka topics)
        Cli.Run run = Cli.run("verify", "sqlite", "--set", "uri=" + uri, "--rules", FACTORY_RULES + "|10\\.1",
                "--report", reports.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("| 7.3 | required | passed |", "| 8.2 | required | passed |",
                "| 10.1 | required | passed |", "7 rules: 7 passed");
        assertThat(dir).as("no bus file left, and none ever made at uri").isEmptyDirectory();
    }

    @Test
    void aJarWithoutAFactoryIsOneLineSayingHowToRegisterOne() {
        Cli.Run run = Cli.run("verify", "wrong", "--plugin-jar", jarWithoutFactory.toString());

        assertOneLineError(run, "hermes-bus verify: bus 'wrong' has a provider but no BusUnderTestFactory");
        assertThat(run.err()).contains("META-INF/services/io.hermesbus.tck.BusUnderTestFactory", "docs/writing-a-plugin.md");
    }

    @Test
    void usageAndSettingsErrorsAreOneLineWithExitCode2() {
        assertOneLineError(Cli.run("verify", "nope"),
                "hermes-bus verify: no bus called 'nope' can be verified; buses that can: [file, kafka, memory, python, sqlite]");
        assertOneLineError(Cli.run("verify", "memory", "--set", "offset_kind=sideways"),
                "hermes-bus verify: setting 'offset_kind': must be one of [bytes, float, int, str]");
        assertOneLineError(Cli.run("verify", "--plugin-jar", plugins.resolve("missing.jar").toString()),
                "hermes-bus verify: cannot read the plugin jar");
        assertOneLineError(Cli.run("verify", "--rules", "99"), "hermes-bus verify: no rule matches the pattern '99'");
        assertOneLineError(Cli.run("verify", "--seed", "x"), "hermes-bus verify: Invalid value for option '--seed'");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Cli.Run run = Cli.run("verify", "nope", "--verbose");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("UnknownBusException", "\tat ");
    }

    @Test
    void helpShowsExamplesAndExitCodes() {
        Cli.Run run = Cli.run("verify", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: hermes-bus verify", "--plugin-jar=JAR", "Examples:", "Exit codes:",
                "usage or settings error");
    }

    static void assertOneLineError(Cli.Run run, String start) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).as(run.toString()).startsWith(start).doesNotContain("\tat ");
        assertThat(run.err().strip().lines()).as("one line on stderr").hasSize(1);
    }

    /** A pattern of the names of verify's Markdown reports of {@code busAndKind}, such as {@code memory-int}. */
    private static String reportName(String busAndKind, String suffix) {
        return Pattern.quote(CONFIGURED + "-" + busAndKind + "-") + "\\p{XDigit}{8}" + Pattern.quote(suffix + ".md");
    }

    private Stream<String> reportFiles() throws IOException {
        try (Stream<Path> files = Files.list(reports)) {
            return files.map(file -> file.getFileName().toString()).toList().stream();
        }
    }
}
