package io.hermesbus.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.FailedToSendEventException;
import io.hermesbus.api.InvalidEventException;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.Offset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How events map onto Kafka records, seen with bare Kafka clients on the other side; one topic per test on the
 * shared broker.
 */
class MappingTest {
    private final KafkaBroker broker = KafkaBroker.shared();
    private final List<String> topics = new ArrayList<>();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        topics.forEach(broker::deleteTopic);
    }

    private String topic(int partitions) {
        String topic = broker.createTopic("mapping", partitions);
        topics.add(topic);
        return topic;
    }

    private Map<String, Object> settings(String topic, Object... more) {
        Map<String, Object> settings = new HashMap<>(Map.of("servers", broker.bootstrapServers(), "topic", topic, "group_id", "mapping-test"));
        for (int i = 0; i < more.length; i += 2) {
            settings.put((String) more[i], more[i + 1]);
        }
        return settings;
    }

    private AbstractMessageBusProducerPlugin producer(Map<String, Object> settings) {
        AbstractMessageBusProducerPlugin producer = new KafkaBusProducer(settings);
        opened.add(producer);
        producer.open();
        return producer;
    }

    private AbstractMessageBusConsumerPlugin consumer(Map<String, Object> settings) {
        AbstractMessageBusConsumerPlugin consumer = new KafkaBusConsumer(settings);
        opened.add(consumer);
        consumer.open();
        consumer.setTimeout(0);
        return consumer;
    }

    private List<ConsumerRecord<byte[], byte[]>> bareRead(String topic, int partition, int count) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", broker.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> bare = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, partition);
            bare.assign(List.of(tp));
            bare.seekToBeginning(List.of(tp));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.size() < count && System.nanoTime() < deadline) {
                bare.poll(Duration.ofMillis(200)).records(tp).forEach(records::add);
            }
            return records;
        }
    }

    private void bareSend(String topic, ProducerRecord<byte[], byte[]> record) throws Exception {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", broker.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> bare = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            bare.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<Event> readAll(AbstractMessageBusConsumerPlugin consumer) {
        List<Event> events = new ArrayList<>();
        consumer.forEach(events::add);
        return events;
    }

    @Test
    void aRecordIsTheCategoryAsKeyAndTheEventJsonAsValue() {
        String topic = topic(1);
        Event event = new Event("base", "added", "Users", 7L, Map.of("login", "j\u00e9r\u00f4me"), 0, false);
        Instant before = Instant.now().minusSeconds(1);
        producer(settings(topic)).send(event);
        List<ConsumerRecord<byte[], byte[]>> records = bareRead(topic, 0, 1);
        assertThat(records).hasSize(1);
        ConsumerRecord<byte[], byte[]> record = records.get(0);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("base");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(event.toJson());
        Event read = readAll(consumer(settings(topic))).get(0);
        assertThat(read.offset()).isEqualTo(Offset.of(record.offset()));
        assertThat(read.timestamp()).isEqualTo(Instant.ofEpochMilli(record.timestamp())).isAfter(before);
    }

    @Test
    void theTimestampIsTheRecordsOwn() throws Exception {
        String topic = topic(1);
        Instant stamped = Instant.parse("2024-05-06T07:08:09.123Z");
        bareSend(topic, new ProducerRecord<>(topic, 0, stamped.toEpochMilli(), "base".getBytes(StandardCharsets.UTF_8),
                new Event("base", "added").toJson().getBytes(StandardCharsets.UTF_8)));
        Event read = readAll(consumer(settings(topic))).get(0);
        assertThat(read.timestamp()).isEqualTo(stamped);
        assertThat(read.offset()).isEqualTo(Offset.of(0));
    }

    @Test
    void categorySearchComparesKeysAndNeverDecodesWhatItSkips() throws Exception {
        String topic = topic(1);
        // a record of another category whose value is not JSON at all: skipping it must raise nothing
        bareSend(topic, new ProducerRecord<>(topic, 0, "other".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF, '{'}));
        Event wanted = new Event("wanted", "added", "Users", 1L, Map.of(), 0, false);
        producer(settings(topic)).send(wanted);
        AbstractMessageBusConsumerPlugin consumer = consumer(settings(topic));
        Optional<Event> found = consumer.findNextEventOfCategory("wanted");
        assertThat(found).hasValueSatisfying(event -> {
            assertThat(event.sameContentAs(wanted)).isTrue();
            assertThat(event.offset()).isEqualTo(Offset.of(1));
        });
        consumer.seekToBeginning();
        assertThatThrownBy(() -> consumer.iterator().hasNext())
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.offset()).contains(Offset.of(0)))
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void aKeyThatContradictsTheEventsCategoryIsReportedAtItsOffset() throws Exception {
        String topic = topic(1);
        bareSend(topic, new ProducerRecord<>(topic, 0, "users".getBytes(StandardCharsets.UTF_8),
                new Event("groups", "added").toJson().getBytes(StandardCharsets.UTF_8)));
        AbstractMessageBusConsumerPlugin consumer = consumer(settings(topic));
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> consumer.findNextEventOfCategory("users"))
                    .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.offset()).contains(Offset.of(0)))
                    .hasMessageContaining("key says category \"users\" but its event has category \"groups\"");
        }
        consumer.seekAfter(Offset.of(0));
        assertThat(consumer.findNextEventOfCategory("users")).isEmpty();
    }

    @Test
    void aReplacementCharacterWrittenOnPurposeIsTextNotBadUtf8() throws Exception {
        String topic = topic(1);
        String json = new Event("base", "added", "Users", 1L, Map.of("name", "x"), 0, false).toJson()
                .replace("\"x\"", "\"a\uFFFDb\"");
        bareSend(topic, new ProducerRecord<>(topic, 0, "base".getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)));
        byte[] broken = json.replace("a\uFFFDb", "ab").getBytes(StandardCharsets.UTF_8);
        byte[] invalid = new byte[broken.length + 1];
        int at = json.replace("a\uFFFDb", "ab").indexOf("ab") + 1;
        System.arraycopy(broken, 0, invalid, 0, at);
        invalid[at] = (byte) 0xC3; // a lone lead byte: invalid UTF-8 where the replacement character was
        System.arraycopy(broken, at, invalid, at + 1, broken.length - at);
        bareSend(topic, new ProducerRecord<>(topic, 0, "base".getBytes(StandardCharsets.UTF_8), invalid));
        AbstractMessageBusConsumerPlugin consumer = consumer(settings(topic));
        Iterator<Event> events = consumer.iterator();
        assertThat(events.next().objattrs()).containsEntry("name", "a\uFFFDb");
        assertThatThrownBy(events::hasNext)
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.offset()).contains(Offset.of(1)))
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void aTombstoneIsNotAnEvent() throws Exception {
        String topic = topic(1);
        bareSend(topic, new ProducerRecord<>(topic, 0, "base".getBytes(StandardCharsets.UTF_8), null));
        AbstractMessageBusConsumerPlugin consumer = consumer(settings(topic));
        assertThatThrownBy(() -> consumer.iterator().hasNext()).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("invalid event at offset 0").hasMessageContaining("tombstone");
    }

    @Test
    void anEventLargerThanMaxRequestSizeFailsToSendAndNothingIsStored() {
        String topic = topic(1);
        AbstractMessageBusProducerPlugin producer = producer(settings(topic, "max_request_size", 10_000));
        Event large = new Event("base", "added", "Users", 1L, Map.of("photo", "x".repeat(20_000)), 0, false);
        assertThatThrownBy(() -> producer.send(large)).isInstanceOf(FailedToSendEventException.class)
                .hasCauseInstanceOf(RecordTooLargeException.class).hasMessageContaining("it is not stored");
        Event small = new Event("base", "added");
        producer.send(small);
        List<Event> read = readAll(consumer(settings(topic)));
        assertThat(read).hasSize(1);
        assertThat(read.get(0).sameContentAs(small)).isTrue();
    }

    @Test
    void aTopicWithSeveralPartitionsNeedsThePartitionSetting() {
        String topic = topic(3);
        assertThatThrownBy(() -> producer(settings(topic)))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.setting()).isEqualTo("partition"))
                .hasMessageContaining("has 3 partitions").hasMessageContaining("0 to 2");
        assertThatThrownBy(() -> consumer(settings(topic))).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("has 3 partitions");
        assertThatThrownBy(() -> consumer(settings(topic, "partition", 3)))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.setting()).isEqualTo("partition"))
                .hasMessageContaining("is 3 but topic");
        AbstractMessageBusProducerPlugin producer = producer(settings(topic, "partition", 2));
        List<Event> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Event event = new Event(i % 2 == 0 ? "even" : "odd", "added", "Users", (long) i, Map.of(), 0, false);
            producer.send(event);
            sent.add(event);
        }
        assertThat(bareRead(topic, 2, 20)).hasSize(20);
        List<Event> read = readAll(consumer(settings(topic, "partition", 2)));
        assertThat(read).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(read.get(i).sameContentAs(sent.get(i))).as("event %d in publish order", i).isTrue();
            assertThat(read.get(i).offset()).isEqualTo(Offset.of(i));
        }
    }

    @Test
    void aTopicThatDoesNotExistIsNamed() {
        String missing = "missing-" + System.nanoTime();
        long started = System.nanoTime();
        assertThatThrownBy(() -> consumer(settings(missing)))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.setting()).isEqualTo("topic"))
                .hasMessageContaining("topic \"" + missing + "\" does not exist").hasMessageContaining("--partitions 1");
        assertThatThrownBy(() -> producer(settings(missing)))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.setting()).isEqualTo("topic"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(broker.admin().listTopics().names()).succeedsWithin(Duration.ofSeconds(30))
                .satisfies(names -> assertThat(names).doesNotContain(missing));
    }

    @Test
    void noOffsetIsEverCommittedForTheGroup() throws Exception {
        String topic = topic(1);
        String group = "never-committed-" + System.nanoTime();
        AbstractMessageBusProducerPlugin producer = producer(settings(topic));
        for (int i = 0; i < 5; i++) {
            producer.send(new Event("base", "added"));
        }
        AbstractMessageBusConsumerPlugin consumer = consumer(settings(topic, "group_id", group));
        assertThat(readAll(consumer)).hasSize(5);
        consumer.findNextEventOfCategory("base");
        consumer.close();
        assertThat(broker.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS))
                .isEmpty();
    }
}
