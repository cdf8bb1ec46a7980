package io.hermesbus.kafka;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.tck.BusUnderTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A fresh single-partition topic on the shared broker, for the conformance kit; {@link #close()} deletes it.
 * Retention is Kafka's own {@code deleteRecords}; raw publishing is a bare Kafka producer of bytes.
 */
final class KafkaBusUnderTest extends BusUnderTest {
    private final KafkaBroker broker;
    private final String topic;
    private final Map<String, Object> settings;
    private final KafkaBusProvider provider = new KafkaBusProvider();

    KafkaBusUnderTest(KafkaBroker broker) {
        this.broker = broker;
        this.topic = broker.createTopic("tck", 1);
        this.settings = Map.of("servers", List.of(broker.bootstrapServers()), "topic", topic, "group_id", "hermes-tck");
    }

    String topic() {
        return topic;
    }

    Map<String, Object> settings() {
        return settings;
    }

    @Override
    public AbstractMessageBusProducerPlugin newProducer() {
        return provider.producer(settings);
    }

    @Override
    public AbstractMessageBusConsumerPlugin newConsumer() {
        return provider.consumer(settings);
    }

    @Override
    public OffsetKind offsetKind() {
        return OffsetKind.INT;
    }

    @Override
    public boolean supportsRetention() {
        return true;
    }

    @Override
    public void retainNewest(int count) {
        TopicPartition partition = new TopicPartition(topic, 0);
        long end = await(broker.admin().listOffsets(Map.of(partition, OffsetSpec.latest())))
                .get(partition).offset();
        broker.deleteRecordsBefore(topic, 0, Math.max(0, end - count));
    }

    @Override
    public boolean supportsRawPublishing() {
        return true;
    }

    @Override
    public void publishRaw(String category, String text) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topic, 0, category.getBytes(StandardCharsets.UTF_8), text.getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("publishing raw text to " + topic + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing raw text", e);
        }
    }

    @Override
    public void close() {
        broker.deleteTopic(topic);
    }

    private static Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> await(ListOffsetsResult result) {
        try {
            return result.all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("listing offsets failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing offsets", e);
        }
    }
}
