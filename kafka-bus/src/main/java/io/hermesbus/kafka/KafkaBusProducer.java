package io.hermesbus.kafka;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.FailedToSendEventException;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.NotOpenException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes Hermes events to one partition of a Kafka topic: the record's key is the event's category in UTF-8,
 * its value the event's JSON ({@link Event#toJson()}) in UTF-8, its timestamp the time of the send. Settings: see
 * the kafka-bus README ({@code servers} and {@code topic} are required); the consumer's settings are accepted and
 * ignored.
 *
 * <p>Durability: {@link #send} returns once the broker has acknowledged the event with {@code acks=all} (every
 * in-sync replica has it); the producer is idempotent, so Kafka's retries never duplicate or reorder events. A
 * returned {@code send} is stored. A failed one throws {@link FailedToSendEventException} with Kafka's error as the
 * cause, after at most {@code delivery.timeout.ms} (or {@code max.block.ms} when the topic's metadata cannot be
 * had); the event may then be stored or not (a timed-out request may still have reached the broker).
 *
 * <p>An instance may be used from several threads at once; sends from different threads are batched together by
 * Kafka's client.
 */
public final class KafkaBusProducer extends AbstractMessageBusProducerPlugin {
    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(10);

    private final KafkaBusSettings busSettings;
    /** The connection while open, null while closed; read without a lock by concurrent senders. */
    private volatile Connection connection;

    private record Connection(KafkaProducer<byte[], byte[]> kafka, TopicPartition partition, long sendLimitMs) {
    }

    /**
     * Keeps and checks the settings; does no I/O.
     *
     * @throws InvalidSettingsException naming a setting that is unknown, missing or invalid (a producer needs
     *     {@code servers} and {@code topic})
     */
    public KafkaBusProducer(Map<String, ?> settings) {
        super(settings, KafkaBusSettings.SECRETS);
        this.busSettings = KafkaBusSettings.from(settings());
    }

    /**
     * Connects and checks the topic and partition.
     *
     * @throws InvalidSettingsException if the topic does not exist, if it has several partitions and
     *     {@code partition} does not choose one, if an {@code ssl} file is missing or unreadable, or if Kafka
     *     refuses the configuration
     * @throws HermesBusException if the servers do not answer within {@code max.block.ms}
     */
    @Override
    protected void doOpen() {
        Properties properties = KafkaClientProperties.producer(busSettings);
        KafkaProducer<byte[], byte[]> client;
        try {
            client = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            throw KafkaFailures.creating("producer", busSettings, e);
        }
        try {
            TopicPartition chosen = BusPartition.choose(busSettings, TopicLookup.partitions(properties, busSettings));
            // fetches the topic's metadata now rather than at the first send
            client.partitionsFor(busSettings.topic());
            connection = new Connection(client, chosen, KafkaClientProperties.sendLimitMs(properties));
        } catch (InterruptException e) {
            closeQuietly(client);
            throw new HermesBusException("interrupted while opening topic " + busSettings.topic(), e);
        } catch (KafkaException e) {
            closeQuietly(client);
            throw KafkaFailures.failed("opening topic " + busSettings.topic(), busSettings, e);
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw e;
        }
    }

    /**
     * Closes the Kafka client, letting sends in progress on other threads finish for up to 10 s; never throws.
     */
    @Override
    protected void doClose() {
        Connection open = connection;
        connection = null; // sends still running on other threads now fail with NotOpenException
        closeQuietly(open.kafka());
    }

    /** Sends and waits for the broker's acknowledgement; see the class comment. */
    @Override
    protected void doSend(Event event) throws Exception {
        Connection open = connection;
        if (open == null) {
            throw NotOpenException.of(this, "send");
        }
        byte[] key = event.evcategory().getBytes(StandardCharsets.UTF_8);
        byte[] value = event.toJsonBytes();
        TopicPartition partition = open.partition();
        Future<RecordMetadata> sent = open.kafka().send(new ProducerRecord<>(partition.topic(), partition.partition(), null, key, value));
        try {
            sent.get(open.sendLimitMs(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new HermesBusException("no acknowledgement from Kafka servers " + busSettings.servers() + " for "
                    + partition + " within " + open.sendLimitMs() + " ms", e);
        }
    }

    private static void closeQuietly(KafkaProducer<byte[], byte[]> client) {
        try {
            client.close(CLOSE_LIMIT);
        } catch (InterruptException e) {
            // Kafka has set the interrupt status again; closing goes on regardless
        } catch (KafkaException e) {
            // close() must not throw (Hermes closes in finally blocks); the client's resources are released anyway
        }
    }
}
