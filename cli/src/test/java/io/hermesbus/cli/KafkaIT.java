package io.hermesbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.kafka.KafkaBroker;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code hermes-bus produce} and {@code consume} on a topic of a real Kafka broker, each command a child process. */
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

        VerifyIT.assertOneLineError(run, "hermes-bus consume: --offset: cannot seek to offset 5");
    }

    /** {@code command} followed by the settings of the bus on {@code topic}. */
    private static String[] onTopic(String topic, String... command) {
        return Stream.concat(Stream.of(command), Stream.of("--set", "servers=" + broker.bootstrapServers(),
                "--set", "topic=" + topic, "--set", "group_id=cli-it")).toArray(String[]::new);
    }
}
