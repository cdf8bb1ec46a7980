package io.hermesbus.kafka;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.FailedToSendEventException;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.NotOpenException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
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
 * returned {@code send} is stored. A failed one throws {@link FailedToSendEventException} naming the servers, after
 * at most {@code max.block.ms} plus {@code delivery.timeout.ms}. If Kafka refused the event or never took it (the
 * cause is Kafka's error), it is not stored. If no acknowledgement came in time, the event is <em>in doubt</em>: Kafka's client keeps delivering it
 * (it never abandons a record it may have sent), so it is stored once, in its place, if a broker answers before
 * {@link #close}. The next {@code send} of an event with the same JSON is taken as the caller's retry: it waits for
 * that delivery instead of sending a copy, so a retry never duplicates. An event still in doubt when the producer
 * closes may be stored or not: Kafka's idempotence lasts one producer session.
 *
 * <p>An instance may be used from several threads at once; sends from different threads are batched together by
 * Kafka's client.
 */
public final class KafkaBusProducer extends AbstractMessageBusProducerPlugin {
    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(10);

    private final KafkaBusSettings busSettings;
    /** The connection while open, null while closed; read without a lock by concurrent senders. */
    private volatile Connection connection;

    /** An open Kafka producer, and the sends of this session whose outcome the caller has not seen. */
    private record Connection(KafkaProducer<byte[], byte[]> kafka, TopicPartition partition, long sendWaitMs,
            Map<ByteBuffer, Deque<Future<RecordMetadata>>> inDoubt) {

        /** The delivery in progress of a failed send of the same JSON, to be waited for by its retry; or null. */
        synchronized Future<RecordMetadata> takeInDoubt(ByteBuffer value) {
            Deque<Future<RecordMetadata>> deliveries = inDoubt.get(value);
            if (deliveries == null) {
                return null;
            }
            Future<RecordMetadata> delivery = deliveries.poll();
            if (deliveries.isEmpty()) {
                inDoubt.remove(value);
            }
            return delivery;
        }

        synchronized void putInDoubt(ByteBuffer value, Future<RecordMetadata> delivery) {
            inDoubt.computeIfAbsent(value, key -> new ArrayDeque<>()).add(delivery);
        }
    }

    /**
     * Keeps and checks the settings; does no I/O.
     *
     * @param settings {@code servers}, {@code topic} and the optional ones the module's README lists
     *     ({@code partition}, {@code ssl}, {@code sasl}, {@code properties}, ...); the secret ones are never shown
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
            connection = new Connection(client, chosen, KafkaClientProperties.sendWaitMs(busSettings), new HashMap<>());
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

    /** Sends (or, for a retry of an event in doubt, waits for that delivery) and waits for the acknowledgement. */
    @Override
    protected void doSend(Event event) throws Exception {
        Connection open = connection;
        if (open == null) {
            throw NotOpenException.of(this, "send");
        }
        byte[] value = event.toJsonBytes();
        ByteBuffer content = ByteBuffer.wrap(value);
        Future<RecordMetadata> firstAttempt = open.takeInDoubt(content);
        if (firstAttempt != null) {
            try {
                awaitAcknowledgement(open, event, content, firstAttempt);
                return;
            } catch (ExecutionException refused) {
                // Kafka's verdict on the first attempt: a refusal, since it retries everything else; nothing was stored
            }
        }
        TopicPartition partition = open.partition();
        byte[] key = event.evcategory().getBytes(StandardCharsets.UTF_8);
        try {
            awaitAcknowledgement(open, event, content,
                    open.kafka().send(new ProducerRecord<>(partition.topic(), partition.partition(), null, key, value)));
        } catch (ExecutionException e) {
            String outcome = open == connection ? "it is not stored" // refused, or never taken (no metadata, no buffer)
                    : "the producer was closed before Kafka's answer: it may or may not be stored";
            throw new FailedToSendEventException("failed to send " + event + " to " + partition + " on Kafka servers "
                    + busSettings.servers() + "; " + outcome + ": " + e.getCause(), e.getCause());
        }
    }

    /**
     * Waits up to {@code delivery.timeout.ms} for {@code delivery}; a send that stops waiting without Kafka's verdict
     * leaves the delivery in doubt, for the retry to wait for.
     *
     * @throws ExecutionException if Kafka refused the record: it is not stored
     */
    private void awaitAcknowledgement(Connection open, Event event, ByteBuffer content, Future<RecordMetadata> delivery)
            throws ExecutionException, InterruptedException {
        try {
            delivery.get(open.sendWaitMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            open.putInDoubt(content, delivery);
            throw new FailedToSendEventException("no acknowledgement of " + event + " from Kafka servers "
                    + busSettings.servers() + " for " + open.partition() + " within " + open.sendWaitMs()
                    + " ms (delivery.timeout.ms); it may or may not be stored: the producer goes on delivering it, once;"
                    + " send the same event again to wait for that delivery (it is not sent twice)", e);
        } catch (InterruptedException e) {
            open.putInDoubt(content, delivery);
            throw e;
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
