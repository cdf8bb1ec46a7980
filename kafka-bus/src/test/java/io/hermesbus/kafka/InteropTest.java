package io.hermesbus.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBuses;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events written by the memory bus and the file bus, read back from them and replayed into Kafka, come out of
 * Kafka identical: the same JSON, byte for byte, in the same order, found by the same categories.
 */
class InteropTest {
    private final KafkaBroker broker = KafkaBroker.shared();
    private final List<String> topics = new ArrayList<>();

    @TempDir
    Path folder;

    @AfterEach
    void deleteTopics() {
        topics.forEach(broker::deleteTopic);
    }

    @Test
    void eventsFromTheMemoryBusReplayedIntoKafkaComeOutIdentical() {
        replayThroughKafka("memory", Map.of("name", "interop-" + UUID.randomUUID()));
    }

    @Test
    void eventsFromTheFileBusReplayedIntoKafkaComeOutIdentical() {
        replayThroughKafka("file", Map.of("path", folder.resolve("bus").toString()));
    }

    private void replayThroughKafka(String bus, Map<String, Object> busSettings) {
        List<Event> written = hermesLikeEvents();
        try (AbstractMessageBusProducerPlugin producer = MessageBuses.producer(bus, busSettings)) {
            producer.open();
            written.forEach(producer::send);
        }
        List<Event> fromBus = readAll(MessageBuses.consumer(bus, busSettings));
        assertThat(fromBus).hasSameSizeAs(written);

        String topic = broker.createTopic("interop", 1);
        topics.add(topic);
        Map<String, Object> kafkaSettings = Map.of("servers", broker.bootstrapServers(), "topic", topic, "group_id", "interop");
        try (AbstractMessageBusProducerPlugin kafka = MessageBuses.producer("kafka", kafkaSettings)) {
            kafka.open();
            fromBus.forEach(kafka::send);
        }
        List<Event> fromKafka = readAll(MessageBuses.consumer("kafka", kafkaSettings));
        assertThat(fromKafka).hasSameSizeAs(fromBus);
        for (int i = 0; i < fromBus.size(); i++) {
            assertThat(fromKafka.get(i).toJson()).as("event %d's JSON", i).isEqualTo(fromBus.get(i).toJson());
            assertThat(fromKafka.get(i).sameContentAs(written.get(i))).as("event %d as written to the %s bus", i, bus).isTrue();
        }
        try (AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer("kafka", kafkaSettings)) {
            consumer.open();
            consumer.setTimeout(0);
            consumer.seekToBeginning();
            assertThat(consumer.findNextEventOfCategory("base")).hasValueSatisfying(
                    event -> assertThat(event.toJson()).isEqualTo(written.get(3).toJson()));
        }
    }

    private static List<Event> readAll(AbstractMessageBusConsumerPlugin consumer) {
        try (consumer) {
            consumer.open();
            consumer.setTimeout(0);
            consumer.seekToBeginning();
            List<Event> events = new ArrayList<>();
            consumer.forEach(events::add);
            return events;
        }
    }

    /** What Hermes writes: bytes, datetimes, composite keys, text beyond ASCII and the BMP, nulls, nesting, a large value. */
    private static List<Event> hermesLikeEvents() {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("user_id", 2L);
        user.put("login", "j\u00e9r\u00f4me \u4e2d\u6587 \ud83d\ude00");
        user.put("photo", new byte[] {0, 1, (byte) 0xFE, (byte) 0xFF});
        user.put("birth", Instant.parse("1990-12-31T23:59:58Z"));
        Map<String, Object> odd = new LinkedHashMap<>();
        odd.put("score", 12.5);
        odd.put("big", Long.MAX_VALUE);
        odd.put("negative", Long.MIN_VALUE);
        odd.put("nothing", null);
        odd.put("nested", List.of(List.of(), Map.of(), List.of(new byte[0], Instant.EPOCH)));
        odd.put("control", "tab\tnew\nline\u0001 \"quoted\" back\\slash");
        odd.put("large", "x".repeat(256 * 1024));
        return List.of(
                new Event("initsync", "init-start", null, null, Map.of("Users", Map.of("PRIMARYKEY_ATTRIBUTE", "user_id")), 0, false),
                new Event("initsync", "added", "Users", 2L, user, 0, false),
                new Event("initsync", "added", "GroupsMembers", List.of(7L, 2L), Map.of("group_id", 7L, "user_id", 2L), 0, false),
                new Event("base", "modified", "Users", 1L, Map.of("modified", Map.of("login", "user_one")), 3, true),
                new Event("base", "added", "Users", "key-\"quoted\"\\", odd, 0, false),
                new Event("base", "removed", "Users", 2L, Map.of(), 1, false));
    }
}
