package io.hermesbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.kafka.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hermes-bus produce}, {@code consume} and {@code verify} on topics of a real Kafka broker, each command a
 * child process.
 */
class KafkaIT {
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void eventsProducedToATopicAreConsumedWithKafkasOffsetsAndACategoryFilter() {
        String topic = broker.createTopic("cli-", 1);
        Cli.Run produced = Cli.withInput("""
                {"evcategory": "users", "eventtype": "added", "objpkey": 1}
                {"evcategory": "groups", "eventtype": "added", "objpkey": 2}
                {"evcategory": "users", "eventtype": "removed", "objpkey": 1}
                """, onTopic(topic, "produce", "kafka"));
        assertThat(produced.out()).as(produced.toString()).isEqualTo("sent 3 events to bus 'kafka'\n");

        Cli.Run all = Cli.run(onTopic(topic, "consume", "--timeout", "0", "kafka"));
        Cli.Run users = Cli.run(onTopic(topic, "consume", "--timeout", "0", "kafka", "--category", "users", "--after", "0"));

        assertThat(all.exitCode()).as(all.toString()).isZero();
        assertThat(all.out().lines().map(line -> line.split("\t")).map(f -> f[0] + " " + f[2] + " " + f[3]))
                .containsExactly("0 users added", "1 groups added", "2 users removed");
        assertThat(users.out().lines().map(line -> line.split("\t")[0])).as(users.toString()).containsExactly("2");
    }

    @Test
    void aSeekPastTheEndOfTheTopicIsOneLineNamingTheOffset() {
        String topic = broker.createTopic("cli-", 1);

        Cli.Run run = Cli.run(onTopic(topic, "consume", "--timeout", "0", "kafka", "--offset", "5"));

        VerifyIT.assertOneLineError(run, "hermes-bus consume: --offset 5: cannot seek to offset 5");
    }

    @Test
    void verifyPassesSomeRulesEachOnANewTopicThatIsDeletedAfter(@TempDir Path reports) throws Exception {
        Cli.Run run = Cli.run("verify", "kafka", "--set", "servers=" + broker.bootstrapServers(), "--set", "topic=cli-verify",
                "--rules", VerifyIT.FACTORY_RULES, "--report", reports.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("| 7.3 | required | passed |", "| 8.2 | required | passed |", "6 rules: 6 passed",
                "partial run: 6 of ", "- bus: `kafka`, offsets `int`", "\"topic\":\"cli-verify\"");
        assertThat(topicsOnceDeleted("cli-verify-")).as("topics the run made").isEmpty();
    }

    @Test
    void verifyWithoutServersOrWithNoBrokerThereIsOneLineNamingServers(@TempDir Path dir) throws IOException {
        VerifyIT.assertOneLineError(Cli.run("verify", "kafka"), "hermes-bus verify: setting 'servers': is missing");

        String nowhere = KafkaBroker.unreachableServer();
        Path settings = Files.writeString(dir.resolve("kafka.json"), "{\"servers\": \"" + nowhere + "\", "
                + "\"properties\": {\"max.block.ms\": 2000}, "
                + "\"sasl\": {\"mechanism\": \"PLAIN\", \"username\": \"hermes\", \"password\": \"s3cret\"}}");
        Cli.Run unreachable = Cli.run("verify", "kafka", "--settings", settings.toString());

        VerifyIT.assertOneLineError(unreachable, "hermes-bus verify: setting 'servers': no Kafka broker among [" + nowhere + "]");
        assertThat(unreachable.all()).doesNotContain("s3cret");
    }

    /** The topics whose names start with {@code prefix}, once none is left or 10 s have passed (deletion shows late). */
    private static Set<String> topicsOnceDeleted(String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Set<String> left = broker.admin().listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(name -> name.startsWith(prefix)).collect(Collectors.toSet());
            if (left.isEmpty() || System.nanoTime() > deadline) {
                return left;
            }
            Thread.sleep(20);
        }
    }

    /** {@code command} followed by the settings of the bus on {@code topic}. */
    private static String[] onTopic(String topic, String... command) {
        return Stream.concat(Stream.of(command), Stream.of("--set", "servers=" + broker.bootstrapServers(),
                "--set", "topic=" + topic, "--set", "group_id=cli-it")).toArray(String[]::new);
    }
}
