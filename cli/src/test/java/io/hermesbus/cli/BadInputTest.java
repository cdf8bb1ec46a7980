package io.hermesbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad and odd command lines, as issue 14's tester tried them: each answers with one line on stderr that names the
 * input and what would be right, the documented exit code, no stack trace, and nothing written that should not be.
 * In this JVM, for speed; the *IT classes run the real jar.
 */
class BadInputTest {
    private static final String EVENT = "{\"evcategory\": \"users\", \"eventtype\": \"added\"}\n";

    @TempDir
    Path dir;

    private String bus(String name) {
        return "path=" + dir.resolve(name);
    }

    /** One line on stderr starting with {@code start}, no stack trace, exit code {@code code}. */
    static void assertOneLineError(Cli.Run run, int code, String start) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(code);
        assertThat(run.err()).as(run.toString()).startsWith(start).doesNotContain("\tat ", "Exception");
        assertThat(run.err().strip().lines()).as("one line on stderr: %s", run).hasSize(1);
    }

    // invalid UTF-8

    @Test
    void invalidUtf8OnStandardInputIsRefusedNamingItsLineAndWhatWasSentBeforeIt() throws IOException {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes(EVENT.getBytes(StandardCharsets.UTF_8));
        input.writeBytes("{\"evcategory\": \"bad \u00e9 \"".getBytes(StandardCharsets.UTF_8));
        input.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe});
        input.writeBytes(", \"eventtype\": \"added\"}\n".getBytes(StandardCharsets.UTF_8));

        Cli.Run run = InProcessCli.withInput(input.toByteArray(), "produce", "file", "--set", bus("a"));

        assertOneLineError(run, ExitCodes.USAGE, "hermes-bus produce: stdin line 2 is not UTF-8 text");
        assertThat(run.err()).contains("(1 event was sent before it)");
        Cli.Run consumed = InProcessCli.run("consume", "file", "--set", bus("a"));
        assertThat(consumed.out().lines()).as("the event before it is kept, the bad one not sent").hasSize(1);
        assertThat(consumed.out()).doesNotContain("\ufffd");
    }

    @Test
    void invalidUtf8InAFileIsRefusedInWordsNotAsJavasInputLength() throws IOException {
        Path file = Files.write(dir.resolve("event.json"), new byte[] {'{', (byte) 0xc3, '}'});

        Cli.Run run = InProcessCli.run("produce", "file", "--set", bus("a"), file.toString());

        assertOneLineError(run, ExitCodes.USAGE, "hermes-bus produce: cannot read " + file + ": not UTF-8 text");
        assertThat(run.err()).doesNotContain("Input length");
    }

    // verify --report

    @Test
    void verifyWithTheReportAtARegularFileIsAUsageErrorBeforeAnyRuleRuns() throws IOException {
        Path file = Files.writeString(dir.resolve("report.txt"), "mine");

        Cli.Run run = InProcessCli.run("verify", "--rules", "1.1", "--report", file.toString());

        assertOneLineError(run, ExitCodes.USAGE, "hermes-bus verify: --report " + file + ": cannot make the report folder there (it is a file, not a folder)");
        assertThat(run.out()).doesNotContain("report:", "passed");
        assertThat(file).hasContent("mine");
    }

    @Test
    void verifyWithAnImpossibleReportPathIsAUsageError() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "");

        Cli.Run run = InProcessCli.run("verify", "--rules", "1.1", "--report", file.resolve("below/a/file").toString());

        assertOneLineError(run, ExitCodes.USAGE, "hermes-bus verify: --report " + file.resolve("below/a/file") + ": cannot make the report folder there");
    }

    @Test
    void verifyNamesTheReportsItWroteAndNoOther() {
        Path reports = dir.resolve("reports");

        Cli.Run run = InProcessCli.run("verify", "--rules", "1.1", "--report", reports.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("report: " + reports, "JUnit XML report: " + reports.toAbsolutePath().resolve("TEST-junit-jupiter.xml"));
    }

    // numbers and settings files

    @Test
    void aNegativeMaxIsAUsageError() {
        assertOneLineError(InProcessCli.run("consume", "file", "--set", bus("a"), "--max", "-1"), ExitCodes.USAGE,
                "hermes-bus consume: --max must be 0 or more events, got -1");
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void aSettingsFileWithTextAfterItsObjectIsRefusedNamingTheLine() throws IOException {
        Path file = Files.writeString(dir.resolve("s.json"), "{\"path\": \"/tmp/x\"}\n}garbage");

        assertOneLineError(InProcessCli.run("consume", "file", "--settings", file.toString()), ExitCodes.USAGE,
                "hermes-bus consume: the settings file " + file + " is not one JSON object (line 2");
    }

    @Test
    void aDeeplyNestedOrHugeSettingsFileIsAUsageErrorNotANullPointerException() throws IOException {
        Path deep = Files.writeString(dir.resolve("deep.json"), "{\"a\": " + "[".repeat(5000) + "]".repeat(5000) + "}");
        Path huge = Files.writeString(dir.resolve("huge.json"), "{\"a\": \"" + "x".repeat(2 << 20) + "\"}");

        assertOneLineError(InProcessCli.run("consume", "file", "--settings", deep.toString()), ExitCodes.USAGE,
                "hermes-bus consume: the settings file " + deep + " nests too deep");
        assertOneLineError(InProcessCli.run("consume", "file", "--settings", huge.toString()), ExitCodes.USAGE,
                "hermes-bus consume: the settings file " + huge + " holds " + Files.size(huge) + " bytes; a settings file is a JSON object of at most");
    }

    @Test
    void aSettingsFileParseErrorDoesNotQuoteTheFilesText() throws IOException {
        Path file = Files.writeString(dir.resolve("s.json"), "{\"password\": hunter2secret}");

        Cli.Run run = InProcessCli.run("consume", "file", "--settings", file.toString());

        assertOneLineError(run, ExitCodes.USAGE, "hermes-bus consume: the settings file " + file + " is not one JSON object (line 1, column");
        assertThat(run.err()).doesNotContain("hunter2");
    }

    @Test
    void aSettingOfTheWrongTypeIsNamedInJsonsWordsNotJavas() throws IOException {
        Path file = Files.writeString(dir.resolve("s.json"), "{\"path\": 5}");

        assertOneLineError(InProcessCli.run("consume", "file", "--settings", file.toString()), ExitCodes.USAGE,
                "hermes-bus consume: setting 'path': must be text, got 5 (number)");
    }

    // Kafka's client errors

    @Test
    void aJaasConfigKafkaCannotParseIsASettingsErrorQuotingKafkasReason() throws IOException {
        Path file = Files.writeString(dir.resolve("k.json"), """
                {"servers": "localhost:1", "topic": "t", "group_id": "g", "properties": {"security.protocol": "SASL_PLAINTEXT",
                 "sasl.mechanism": "PLAIN", "sasl.jaas.config": "org.apache.kafka.common.security.plain.PlainLoginModule required"}}""");

        Cli.Run run = InProcessCli.run("consume", "kafka", "--settings", file.toString(), "--timeout", "0");

        assertOneLineError(run, ExitCodes.USAGE, "hermes-bus consume: setting 'properties': Kafka refused the consumer configuration");
        assertThat(run.err()).contains("JAAS config entry not terminated by semi-colon").doesNotContain("Failed to construct");
    }

    @Test
    void aTruststoreThatIsNotAKeystoreIsASettingsErrorNamingSsl() throws IOException {
        Path store = Files.writeString(dir.resolve("store.jks"), "not a keystore");
        Path file = Files.writeString(dir.resolve("k.json"), "{\"servers\": \"localhost:1\", \"topic\": \"t\", \"group_id\": \"g\","
                + " \"ssl\": {\"truststore\": \"" + store + "\", \"truststore_password\": \"pw-0123\"}}");

        Cli.Run run = InProcessCli.withInput(EVENT, "produce", "kafka", "--settings", file.toString());

        assertOneLineError(run, ExitCodes.USAGE, "hermes-bus produce: setting 'ssl': Kafka refused the producer configuration");
        assertThat(run.err()).contains("Failed to load SSL keystore " + store, "Invalid keystore format").doesNotContain("pw-0123");
    }

    // produce's input

    @Test
    void aPrettyPrintedEventOnStandardInputIsRefusedSayingStdinIsOneEventPerLine() {
        Cli.Run run = InProcessCli.withInput("{\n  \"evcategory\": \"users\",\n  \"eventtype\": \"added\"\n}\n",
                "produce", "file", "--set", bus("a"));

        assertOneLineError(run, ExitCodes.USAGE, "hermes-bus produce: stdin line 1 is not a Hermes event");
        assertThat(run.err()).contains("standard input holds one event per line (JSON lines)", "jq -c")
                .doesNotContain("REDACTED", "end-of-input");
    }

    @Test
    void produceLeavesNoBusBehindWhenTheFirstEventIsBadOrThereIsNone() {
        Cli.Run typo = InProcessCli.withInput("{\"evcategory\": \"users\", eventtype: 1}\n", "produce", "file", "--set", bus("typo"));
        Cli.Run empty = InProcessCli.withInput("\n\n", "produce", "file", "--set", bus("empty"));
        Cli.Run sqlite = InProcessCli.withInput("nonsense\n", "produce", "sqlite", "--set", "uri=" + dir.resolve("bus.sqlite"),
                "--set", "retention_in_days=1");

        assertOneLineError(typo, ExitCodes.USAGE, "hermes-bus produce: stdin line 1 is not a Hermes event");
        assertThat(dir.resolve("typo")).doesNotExist();
        assertThat(empty.exitCode()).as(empty.toString()).isZero();
        assertThat(empty.out()).isEqualTo("sent 0 events: the input held none, and bus 'file' was not opened\n");
        assertThat(dir.resolve("empty")).doesNotExist();
        assertOneLineError(sqlite, ExitCodes.USAGE, "hermes-bus produce: stdin line 1 is not a Hermes event");
        assertThat(dir).isDirectoryNotContaining(path -> path.getFileName().toString().startsWith("bus.sqlite"));
    }

    @Test
    void anEventLargerThanTheBusHoldsIsRefusedInTheBussTermsAndLosesNothing() {
        String huge = "{\"evcategory\": \"users\", \"eventtype\": \"added\", \"objattrs\": {\"v\": \"" + "x".repeat(70 << 20) + "\"}}\n";

        Cli.Run run = InProcessCli.withInput(EVENT + huge + EVENT, "produce", "file", "--set", bus("a"));

        assertOneLineError(run, ExitCodes.USAGE, "hermes-bus produce: sending the event of stdin line 2 failed: the event takes");
        assertThat(run.err()).contains("64 MiB", "(1 event was sent before it)").doesNotContain("StreamReadConstraints", "Event{", "io.hermesbus");
        assertThat(InProcessCli.run("consume", "file", "--set", bus("a")).out().lines()).hasSize(1);
    }

    // offsets

    @Test
    void anOffsetOfTheWrongKindIsNamedInTheUsersTermsNotJavas() {
        InProcessCli.withInput(EVENT, "produce", "file", "--set", bus("a"));

        Cli.Run str = InProcessCli.run("consume", "file", "--set", bus("a"), "--offset", "abc");
        Cli.Run floating = InProcessCli.run("consume", "file", "--set", bus("a"), "--after", "1.5");
        Cli.Run brace = InProcessCli.run("consume", "file", "--set", bus("a"), "--offset", "{");

        assertOneLineError(str, ExitCodes.USAGE, "hermes-bus consume: --offset abc: this bus's offsets are ints, such as 42; abc is not one");
        assertOneLineError(floating, ExitCodes.USAGE, "hermes-bus consume: --after 1.5: this bus's offsets are ints, such as 42");
        assertOneLineError(brace, ExitCodes.USAGE, "hermes-bus consume: --offset {: this bus's offsets are ints");
        assertThat(str.err() + floating.err()).doesNotContain("Offset.of");
    }

    @Test
    void afterAnOffsetBeyondTheEndNamesTheOffsetGiven() {
        InProcessCli.withInput(EVENT, "produce", "file", "--set", bus("a"));

        Cli.Run run = InProcessCli.run("consume", "file", "--set", bus("a"), "--after", "100");

        assertOneLineError(run, ExitCodes.USAGE, "hermes-bus consume: --after 100: cannot start after offset 100 (reading would begin at the offset after it, 101)");
    }

    // inspect

    @Test
    void inspectOnAFolderThatIsNotABusIsAUsageError() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(folder.resolve("cat.jpg"), "meow");

        assertOneLineError(InProcessCli.run("inspect", folder.toString()), ExitCodes.USAGE,
                "hermes-bus inspect: " + folder + " is not a file bus folder: it holds no segment");
        assertOneLineError(InProcessCli.run("inspect", dir.resolve("none").toString()), ExitCodes.USAGE,
                "hermes-bus inspect: " + dir.resolve("none") + " is not a file bus folder: no such folder");
    }
}
