package io.hermesbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hermesbus.api.Event;
import io.hermesbus.testing.HermesFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hermes-bus produce} and {@code consume}, end to end on file and SQLite buses, each command a child process. */
class ProduceConsumeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String THREE_EVENTS = """
            {"evcategory": "users", "eventtype": "added", "objtype": "User", "objpkey": 42, "objattrs": {"cn": "Zo\\u00eb"}}

            {"evcategory": "groups", "eventtype": "removed", "objpkey": ["a", 1]}
            {"evcategory": "users", "eventtype": "modified", "objpkey": 43, "objattrs": {"photo": "HermesBytes(AAE=)"}}
            """;

    @TempDir
    Path dir;

    private String bus(String name) {
        return "path=" + dir.resolve(name);
    }

    @Test
    void eventsProducedFromJsonLinesAreConsumedWithOffsetTimestampAndCategory() {
        Cli.Run produced = Cli.withInput(THREE_EVENTS, "produce", "file", "--set", bus("a"));
        assertThat(produced.exitCode()).as(produced.toString()).isZero();
        assertThat(produced.out()).isEqualTo("sent 3 events to bus 'file'\n");

        Cli.Run consumed = Cli.run("consume", "file", "--set", bus("a"));

        assertThat(consumed.exitCode()).as(consumed.toString()).isZero();
        assertThat(consumed.out().lines()).hasSize(3);
        assertThat(consumed.out().lines().map(line -> line.split("\t")))
                .satisfiesExactly(
                        first -> assertThat(first).startsWith("0").contains("users", "added", "User", "42"),
                        second -> assertThat(second).startsWith("1").contains("groups", "removed", "-", "[\"a\",1]"),
                        third -> assertThat(third).startsWith("2").contains("users", "modified"));
        Instant timestamp = Instant.parse(consumed.out().lines().findFirst().orElseThrow().split("\t")[1]);
        assertThat(Duration.between(timestamp, Instant.now())).isLessThan(Duration.ofMinutes(2));
        assertThat(consumed.err()).isEqualTo("read 3 events from bus 'file'\n");
    }

    @Test
    void startingPointsCategoryAndMaxSelectEvents() {
        Cli.withInput(THREE_EVENTS, "produce", "file", "--set", bus("a"));

        assertThat(Cli.run("consume", "--timeout", "0", "file", "--set", bus("a"), "--after", "0").out())
                .startsWith("1\t").contains("\n2\t");
        assertThat(Cli.run("consume", "--timeout", "0", "file", "--set", bus("a"), "--offset", "2").out()).startsWith("2\t").hasLineCount(1);
        assertThat(Cli.run("consume", "--timeout", "0", "file", "--set", bus("a"), "--category", "users", "--max", "1").out())
                .startsWith("0\t").hasLineCount(1);
        assertThat(Cli.run("consume", "--timeout", "0", "file", "--set", bus("a"), "--category", "users", "--after", "0").out())
                .startsWith("2\t").hasLineCount(1);
    }

    @Test
    void jsonOutputCopiesABusThroughProduceUnchanged() {
        Cli.withInput(THREE_EVENTS, "produce", "file", "--set", bus("a"));
        Cli.Run json = Cli.run("consume", "--timeout", "0", "file", "--set", bus("a"), "--format", "json");
        assertThat(json.out().lines()).hasSize(3).allMatch(line -> line.startsWith("{\"offset\":"));

        Cli.Run copied = Cli.withInput(json.out(), "produce", "file", "--set", bus("b"));
        assertThat(copied.out()).isEqualTo("sent 3 events to bus 'file'\n");

        String copy = Cli.run("consume", "--timeout", "0", "file", "--set", bus("b"), "--format", "json").out();
        assertThat(events(copy)).isEqualTo(events(json.out()));
    }

    /** The event part of each json line: offsets and timestamps differ between buses. */
    private static String events(String jsonLines) {
        return jsonLines.replaceAll("\\{\"offset\":[^,]*,\"timestamp\":\"[^\"]*\",", "{");
    }

    @Test
    void filesOfOneEventEachAreSentInOrderWithTheCategoryGiven() throws Exception {
        Path first = Files.writeString(dir.resolve("1.json"), new Event("users", "added", "User", 1L, Map.of(), 0, false).toJson());
        Path second = Files.writeString(dir.resolve("2.json"), new Event("users", "removed", "User", 1L, Map.of(), 0, false).toJson());
        Path settings = Files.writeString(dir.resolve("settings.json"), "{\"path\": \"" + dir.resolve("a") + "\"}",
                StandardCharsets.UTF_8);

        Cli.Run produced = Cli.run("produce", "file", "--settings", settings.toString(), "--category", "audit",
                first.toString(), second.toString());

        assertThat(produced.out()).as(produced.toString()).isEqualTo("sent 2 events to bus 'file'\n");
        assertThat(Cli.run("consume", "--timeout", "0", "file", "--settings", settings.toString()).out())
                .contains("0\t", "\taudit\tadded\t", "1\t", "\taudit\tremoved\t");
    }

    @Test
    void theSqliteBusFileHermesWroteIsReadWithOffsetsOneToEightAndItsEventsUnchanged() throws Exception {
        Path file = HermesFixtures.copyOfSqliteBus(dir);

        Cli.Run run = Cli.run("consume", "--timeout", "0", "sqlite", "--set", "uri=" + file, "--format", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> names = HermesFixtures.eventNames();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).hasSize(names.size());
        for (int i = 0; i < names.size(); i++) {
            assertThat(lines.get(i).get("offset").asLong()).isEqualTo(i + 1);
            Event read = Event.fromJson(lines.get(i).get("event").toString());
            assertThat(read.sameContentAs(Event.fromJson(HermesFixtures.eventJson(names.get(i)))))
                    .as("event at offset %d is %s", i + 1, names.get(i)).isTrue();
        }
        assertThat(run.err()).isEqualTo("read 8 events from bus 'sqlite'\n");
    }

    @Test
    void eventsProducedToAnSqliteBusFileAreConsumedBack() {
        String settings = "uri=" + dir.resolve("bus.sqlite");
        Cli.Run produced = Cli.withInput(THREE_EVENTS, "produce", "sqlite", "--set", settings, "--set", "retention_in_days=7");
        assertThat(produced.out()).as(produced.toString()).isEqualTo("sent 3 events to bus 'sqlite'\n");

        Cli.Run consumed = Cli.run("consume", "--timeout", "0", "sqlite", "--set", settings, "--category", "users");

        assertThat(consumed.exitCode()).as(consumed.toString()).isZero();
        assertThat(consumed.out().lines().map(line -> line.split("\t")[0])).containsExactly("1", "3");
    }

    @Test
    void followTailsTheBusAndPrintsEventsSentWhileItWaits() throws Exception {
        Cli.withInput("{\"evcategory\": \"a\", \"eventtype\": \"first\"}\n", "produce", "file", "--set", bus("a"));
        Cli.Running follow = Cli.start("", "consume", "file", "--set", bus("a"), "--follow", "--max", "2");
        Instant deadline = Instant.now().plusSeconds(60);
        while (!follow.outSoFar().contains("first") && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(follow.process().isAlive()).as("waiting for the second event").isTrue();

        Cli.withInput("{\"evcategory\": \"a\", \"eventtype\": \"second\"}\n", "produce", "file", "--set", bus("a"));

        Cli.Run run = follow.finish();
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("\tfirst\t", "1\t").contains("\tsecond\t");
    }

    @Test
    void malformedInputStopsAtItsLineSayingHowManyWereSent() {
        Cli.Run run = Cli.withInput("{\"evcategory\": \"a\", \"eventtype\": \"b\"}\n{\"evcategory\": \"a\"}\n",
                "produce", "file", "--set", bus("a"));

        VerifyIT.assertOneLineError(run, "hermes-bus produce: stdin line 2 is not a Hermes event: eventtype must be a string");
        assertThat(run.err()).contains("(1 event was sent before it)");
        assertThat(Cli.withInput("not json\n", "produce", "file", "--set", bus("c")).err()).startsWith(
                "hermes-bus produce: stdin line 1 is not a Hermes event:");
    }

    @Test
    void badOffsetsSettingsAndBusesAreOneLineWithExitCode2() throws Exception {
        Cli.withInput(THREE_EVENTS, "produce", "file", "--set", bus("a"));

        VerifyIT.assertOneLineError(Cli.run("consume", "--timeout", "0", "file", "--set", bus("a"), "--offset", "99"),
                "hermes-bus consume: --offset 99: cannot seek to offset 99");
        VerifyIT.assertOneLineError(Cli.run("consume", "--timeout", "0", "file", "--set", bus("a"), "--offset", "0", "--after", "1"),
                "hermes-bus consume: Error: --offset=O, --after=O are mutually exclusive");
        VerifyIT.assertOneLineError(Cli.run("consume", "--timeout", "0", "file", "--set", bus("nowhere")),
                "hermes-bus consume: setting 'path'");
        VerifyIT.assertOneLineError(Cli.run("consume", "rabbitmq"), "hermes-bus consume: no bus called 'rabbitmq' on the class path");
        VerifyIT.assertOneLineError(Cli.run("consume", "kafka", "--set", "topic=t"), "hermes-bus consume: setting 'servers'");
        Path notJson = Files.writeString(dir.resolve("bad.json"), "{\"path\": ");
        VerifyIT.assertOneLineError(Cli.run("produce", "file", "--settings", notJson.toString()),
                "hermes-bus produce: the settings file " + notJson + " is not one JSON object");
        VerifyIT.assertOneLineError(Cli.run("produce", "file", "--set", bus("a"), dir.resolve("missing.json").toString()),
                "hermes-bus produce: cannot read " + dir.resolve("missing.json") + ": no such file");
    }

    @Test
    void theCompletionScriptIsGeneratedByPicocli() {
        Cli.Run run = Cli.run("generate-completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("hermes-bus", "complete -F", "verify", "consume", "--plugin-jar");
    }
}
