package io.hermesbus.kafka;

import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.InvalidSettingsException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The single-partition topic of one bus under test ({@link KafkaBusUnderTestFactory}), made on the brokers of the
 * bus's settings, and what the kit does to it beside the plugins: retention by {@code deleteRecords}, records of
 * raw bytes, deletion. It connects as the bus's producer does (servers, security, {@code properties}); every admin
 * call is bounded by the producer's {@code max.block.ms}.
 */
final class FreshTopic implements AutoCloseable {
    private static final long POLL_MS = 10;

    private final KafkaBusSettings settings;
    private final Properties producerProperties;
    private final SharedAdmins.Lease lease;
    private final Admin admin;
    private final long limitMs;
    private final TopicPartition partition;
    private boolean deleted;

    private FreshTopic(KafkaBusSettings settings, Properties producerProperties, SharedAdmins.Lease lease, long limitMs) {
        this.settings = settings;
        this.producerProperties = producerProperties;
        this.lease = lease;
        this.admin = lease.admin();
        this.limitMs = limitMs;
        this.partition = new TopicPartition(settings.topic(), 0);
    }

    /**
     * Creates the topic {@code settings.topic()} with one partition and the brokers' default replication factor,
     * and waits until its partition has a leader, so that plugins opened next find it.
     *
     * @throws InvalidSettingsException naming {@code servers} if no broker answers in time, or the setting Kafka's
     *     client refuses
     * @throws HermesBusException if the brokers refuse to create the topic
     */
    static FreshTopic create(KafkaBusSettings settings) {
        Properties producer = KafkaClientProperties.producer(settings);
        Properties admin = KafkaClientProperties.adminForProducer(producer);
        SharedAdmins.Lease lease;
        try {
            lease = SharedAdmins.acquire(admin);
        } catch (KafkaException e) {
            throw KafkaFailures.creating("admin client", settings, e);
        }
        FreshTopic topic = new FreshTopic(settings, producer, lease,
                KafkaClientProperties.millis(admin, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG));
        try {
            topic.createOnBrokers();
            return topic;
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    private void createOnBrokers() {
        String doing = "creating the topic " + partition.topic();
        // no replication factor: the brokers' default, so that one broker or a cluster each gets what it is set up for
        NewTopic topic = new NewTopic(partition.topic(), Optional.of(1), Optional.empty());
        try {
            await(admin.createTopics(List.of(topic)).all());
        } catch (TimeoutException e) {
            InvalidSettingsException unreachable = new InvalidSettingsException(KafkaBusSettings.SERVERS, "no Kafka broker"
                    + " among " + settings.servers() + " answered within " + limitMs + " ms (max.block.ms) while " + doing
                    + "; give host:port of running brokers that this machine can reach");
            unreachable.initCause(e);
            throw unreachable;
        } catch (KafkaException e) {
            throw KafkaFailures.failed(doing, settings, e);
        }
        try {
            awaitLeader();
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException notDeleted) {
                e.addSuppressed(notDeleted);
            }
            throw e;
        }
    }

    /**
     * Waits until the brokers' metadata shows the partition with a leader: when createTopics returns, the controller
     * has made the topic, but a broker learns of it a moment later, and tells a client asking before then that the
     * topic does not exist.
     */
    private void awaitLeader() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMs);
        String doing = "waiting for a leader of the new topic " + partition.topic();
        while (true) {
            try {
                TopicDescription description = await(admin.describeTopics(List.of(partition.topic()))
                        .topicNameValues().get(partition.topic()));
                Node leader = description.partitions().get(0).leader();
                if (leader != null && !leader.isEmpty()) {
                    return;
                }
            } catch (UnknownTopicOrPartitionException notYet) {
                // the broker asked has not learnt of the topic yet
            } catch (KafkaException e) {
                throw KafkaFailures.failed(doing, settings, e);
            }
            if (System.nanoTime() > deadline) {
                throw new HermesBusException(doing + ": none within " + limitMs + " ms (max.block.ms) on " + settings.servers());
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HermesBusException("interrupted while " + doing, e);
            }
        }
    }

    /** Deletes all but the newest {@code count} records, as Kafka's retention would. */
    void retainNewest(int count) {
        try {
            long end = await(admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)).offset();
            if (end > count) {
                await(admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(end - count))).all());
            }
        } catch (KafkaException e) {
            throw KafkaFailures.failed("deleting all but the newest " + count + " records of " + partition, settings, e);
        }
    }

    /** Appends a record of {@code key} and {@code value} as they are, with a bare producer configured as the bus's. */
    void publishRaw(byte[] key, byte[] value) {
        String doing = "publishing a raw record to " + partition;
        KafkaProducer<byte[], byte[]> raw = null;
        try {
            raw = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
            await(raw.send(new ProducerRecord<>(partition.topic(), partition.partition(), key, value)),
                    KafkaClientProperties.sendWaitMs(settings));
        } catch (KafkaException e) {
            throw KafkaFailures.failed(doing, settings, e);
        } finally {
            if (raw != null) {
                raw.close(Duration.ZERO); // the bus's producer never gives up a record by itself: a failed one is dropped here
            }
        }
    }

    /** Deletes the topic (once; a topic deleted by someone else is no error) and lets go of the admin client. */
    @Override
    public void close() {
        if (deleted) {
            return;
        }
        deleted = true;
        try {
            await(admin.deleteTopics(Set.of(partition.topic())).all());
        } catch (UnknownTopicOrPartitionException gone) {
            // what was wanted
        } catch (KafkaException e) {
            throw KafkaFailures.failed("deleting the topic " + partition.topic(), settings, e);
        } finally {
            lease.close();
        }
    }

    private <T> T await(Future<T> answer) {
        return await(answer, limitMs);
    }

    /**
     * The value of {@code answer}: Kafka's own exception if it fails, a {@link TimeoutException} if it does not come
     * within {@code limitMs}, plus a margin (Kafka's calls fail by themselves after their limit; the margin only
     * guards against a lost answer).
     */
    private static <T> T await(Future<T> answer, long limitMs) {
        try {
            return answer.get(limitMs + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException kafka ? kafka : new KafkaException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException("no answer within " + limitMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }
}
