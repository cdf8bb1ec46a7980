package io.hermesbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hermesbus.api.MessageBuses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A secret planted in every secret-bearing setting of every bus, given as text and as the wrong type (a list, a map,
 * a number), appears nowhere the tool writes: stdout and stderr of produce, consume and verify, with and without
 * {@code --verbose} (stack traces and causes included), and the files of {@code verify --report}. The tool writes
 * no log (Kafka's logging goes to slf4j-nop). Runs in this JVM; each command fails on the settings, before any
 * wait for a broker.
 */
class SecretsKeptTest {
    private static final String SECRET = "PlantedS3cret";
    /** The secret when a number is given: its digits must not appear either. */
    private static final long SECRET_NUMBER = 7_355_608_123_457L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT = "{\"evcategory\": \"users\", \"eventtype\": \"added\"}\n";

    @TempDir
    Path dir;

    /**
     * Each secret-bearing setting of the Kafka bus, by where it sits, as text; and as the wrong types where a type
     * error would quote the value (api's SecretsTest covers those errors for every setting).
     */
    static Stream<Arguments> kafkaSecretSettings() {
        List<Arguments> cases = new ArrayList<>();
        for (String place : List.of("sasl.password", "ssl.truststore_password", "ssl.keystore_password", "ssl.key_password",
                "properties.sasl.jaas.config", "properties.ssl.key.password", "properties.ssl.truststore.password",
                "properties.ssl.keystore.password", "properties.ssl.keystore.key")) {
            cases.add(Arguments.of(place, "text"));
        }
        for (String shape : List.of("list", "map", "number")) {
            cases.add(Arguments.of("sasl.password", shape));
            cases.add(Arguments.of("properties.ssl.key.password", shape));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("kafkaSecretSettings")
    void aKafkaSecretAppearsNowhereTheToolWrites(String place, String shape) throws IOException {
        Path notAKeystore = Files.writeString(dir.resolve("store.jks"), "not a keystore");
        Map<String, Object> settings = new LinkedHashMap<>(Map.of("servers", "localhost:1", "topic", "t", "group_id", "g"));
        Object secret = switch (shape) {
            case "text" -> place.endsWith("jaas.config")
                    ? "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"" + SECRET + "\""
                    : SECRET + "-" + place;
            case "list" -> List.of(SECRET + "-" + place);
            case "map" -> Map.of("value", SECRET + "-" + place);
            default -> SECRET_NUMBER;
        };
        String[] path = place.split("\\.", 2);
        Map<String, Object> section = new LinkedHashMap<>();
        switch (path[0]) {
            case "sasl" -> section.putAll(Map.of("mechanism", "PLAIN", "username", "u"));
            case "ssl" -> {
                section.putAll(Map.of("truststore", notAKeystore.toString()));
                if (!path[1].equals("truststore_password")) {
                    section.putAll(Map.of("keystore", notAKeystore.toString(), "keystore_password", "x"));
                }
            }
            default -> section.putAll(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN",
                    "ssl.truststore.location", notAKeystore.toString()));
        }
        section.put(path[1], secret);
        settings.put(path[0], section);
        if (path[0].equals("sasl")) { // valid settings: a server name that does not resolve fails without a wait
            settings.put("servers", "hermes-bus-test.invalid:9092");
        }

        assertNothingShows(settings, "kafka");
    }

    @Test
    void aSecretSettingGivenToABusThatHasNoneIsNotEchoed() throws IOException {
        for (String bus : List.of("memory", "file", "sqlite")) {
            assertNothingShows(Map.of("password", SECRET + "-" + bus, "api_token", List.of(SECRET)), bus);
        }
    }

    @Test
    void aSettingThePluginDeclaresSecretIsHiddenEvenFromItsOwnCarelessErrors() throws IOException {
        assertThat(MessageBuses.provider("declared-secret", getClass().getClassLoader()).secretSettings()).contains("dsn");
        assertNothingShows(Map.of("dsn", "postgres://u:" + SECRET + "@unreachable/db"), "declared-secret");
    }

    @Test
    void verifyShowsAndWritesTheSettingsWithDeclaredSecretsMaskedAndFailuresQuotingThemScrubbed() throws IOException {
        Path reports = dir.resolve("reports");
        Cli.Run run = InProcessCli.run("verify", "declared-secret", "--set", "dsn=postgres://u:" + SECRET + "@db/x",
                "--rules", "1\\.1|7\\.1", "--report", reports.toString(), "--verbose");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("\"dsn\":\"<masked>\"", "1 passed", "1 FAILED", "retention is not allowed by <masked>");
        try (Stream<Path> files = Files.list(reports)) {
            assertThat(files.map(report -> report.getFileName().toString())).as("the reports were written")
                    .anyMatch(name -> name.endsWith(".md")).contains("TEST-junit-jupiter.xml");
        }
        assertNoSecret("verify with a rule failing on a message that quotes the secret", run, reports);
    }

    /** Runs produce, consume and verify with {@code settings}, with and without --verbose, and greps all they wrote. */
    private void assertNothingShows(Map<String, ?> settings, String bus) throws IOException {
        Path file = Files.writeString(dir.resolve("settings.json"), JSON.writeValueAsString(settings));
        for (String verbose : List.of("", "--verbose")) {
            Path reports = Files.createDirectories(dir.resolve("reports" + verbose));
            List<List<String>> commands = List.of(
                    List.of("produce", bus, "--settings", file.toString()),
                    List.of("consume", bus, "--settings", file.toString(), "--timeout", "0"),
                    List.of("verify", bus, "--settings", file.toString(), "--rules", "1.1", "--report", reports.toString()));
            for (List<String> command : commands) {
                List<String> args = new ArrayList<>(command);
                if (!verbose.isEmpty()) {
                    args.add(verbose);
                }
                Cli.Run run = InProcessCli.withInput(EVENT, args.toArray(String[]::new));
                assertThat(run.exitCode()).as("%s%n%s", args, run).isIn(ExitCodes.FAILED, ExitCodes.USAGE);
                assertNoSecret(args + " with " + settings, run, reports);
            }
        }
    }

    private static void assertNoSecret(String what, Cli.Run run, Path reports) throws IOException {
        if (!verboseHasTrace(run)) {
            assertThat(run.err()).as("%s: an error is one line without --verbose%n%s", what, run).doesNotContain("\tat ");
        }
        assertThat(run.all()).as("%s%n%s", what, run).doesNotContain(SECRET, Long.toString(SECRET_NUMBER));
        try (Stream<Path> files = Files.walk(reports)) {
            files.filter(Files::isRegularFile).forEach(report -> {
                try {
                    assertThat(Files.readString(report, StandardCharsets.UTF_8)).as(what + ": " + report)
                            .doesNotContain(SECRET, Long.toString(SECRET_NUMBER));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static boolean verboseHasTrace(Cli.Run run) {
        return run.err().contains("\tat ") && run.err().contains("Exception");
    }
}
