package io.hermesbus.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.BusUnderTestFactories;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

/** What {@code hermes-bus verify kafka} makes of the user's settings: a fresh topic per bus on the brokers named. */
class KafkaBusUnderTestFactoryTest {
    private final KafkaBusUnderTestFactory factory = new KafkaBusUnderTestFactory();
    private final KafkaBroker broker = KafkaBroker.shared();

    private static String topicOf(BusUnderTest bus) {
        return (String) bus.settings().get("topic");
    }

    private Set<String> topics() throws Exception {
        return broker.admin().listTopics().names().get(30, TimeUnit.SECONDS);
    }

    @Test
    void eachBusIsANewSinglePartitionTopicNamedAfterTheUsersTopicAndDeletedOnClose() throws Exception {
        Map<String, Object> settings = Map.of("servers", List.of(broker.bootstrapServers()), "topic", "mine", "partition", 3);
        BusUnderTest first = factory.create(settings);
        BusUnderTest second = factory.create(settings);

        TopicDescription description = broker.admin().describeTopics(List.of(topicOf(first))).allTopicNames()
                .get(30, TimeUnit.SECONDS).get(topicOf(first));
        assertThat(description.partitions()).hasSize(1);
        assertThat(topicOf(first)).startsWith("mine-").isNotEqualTo(topicOf(second));
        assertThat(first.settings()).containsEntry("group_id", "hermes-bus-verify").doesNotContainKey("partition");
        assertThat(topics()).contains(topicOf(first), topicOf(second));

        first.close();
        second.close();

        assertThat(topicsOnceGone(topicOf(first), topicOf(second))).doesNotContain(topicOf(first), topicOf(second));
    }

    /** The topics, once none of {@code names} is among them or 10 s have passed: the broker learns of a deletion late. */
    private Set<String> topicsOnceGone(String... names) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Set<String> topics = topics();
        while (List.of(names).stream().anyMatch(topics::contains) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            topics = topics();
        }
        return topics;
    }

    @Test
    void missingServersIsASettingsErrorNamingThem() {
        InvalidSettingsException error = catchThrowableOfType(InvalidSettingsException.class, () -> factory.create(Map.of()));

        assertThat(error.setting()).isEqualTo("servers");
        assertThat(error).hasMessageContaining("is missing");
    }

    @Test
    void serversWhereNothingListensAreASettingsErrorNamingThemAndNoSecret() throws IOException {
        String nowhere = KafkaBroker.unreachableServer();
        Map<String, Object> settings = Map.of("servers", nowhere, "properties", Map.of("max.block.ms", 2_000),
                "sasl", Map.of("mechanism", "PLAIN", "username", "hermes", "password", "s3cret-password"));
        long started = System.nanoTime();

        InvalidSettingsException error = catchThrowableOfType(InvalidSettingsException.class, () -> factory.create(settings));

        assertThat(error.setting()).isEqualTo("servers");
        assertThat(error).hasMessageContaining(nowhere).hasMessageContaining("answered within 2000 ms")
                .hasMessageNotContaining("s3cret-password");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aTopicPrefixThatLeavesNoRoomForTheSuffixIsASettingsError() {
        InvalidSettingsException error = catchThrowableOfType(InvalidSettingsException.class,
                () -> factory.create(Map.of("servers", broker.bootstrapServers(), "topic", "t".repeat(213))));

        assertThat(error.setting()).isEqualTo("topic");
        assertThat(error).hasMessageContaining("give at most 212 characters");
    }

    @Test
    void theKitFindsTheFactoryByTheBusName() {
        assertThat(BusUnderTestFactories.find("kafka", getClass().getClassLoader())).isInstanceOf(KafkaBusUnderTestFactory.class);
    }
}
