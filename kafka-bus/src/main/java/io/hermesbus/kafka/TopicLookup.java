package io.hermesbus.kafka;

import io.hermesbus.api.HermesBusException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The partitions of the bus's topic, for the producer. Kafka's producer cannot tell a missing topic from a slow
 * broker: it waits for the topic's metadata until {@code max.block.ms}, then times out. An admin client, asked
 * once at {@code open}, says at once that the topic does not exist.
 */
final class TopicLookup {
    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(5);

    private TopicLookup() {
    }

    /**
     * The numbers of the topic's partitions; empty when the topic does not exist. Waits at most the producer's
     * {@code max.block.ms}.
     *
     * @throws KafkaException if the broker fails to answer (a {@code TimeoutException} when it does not answer in time)
     */
    static List<Integer> partitions(Properties producerProperties, KafkaBusSettings settings) {
        Properties properties = KafkaClientProperties.adminForProducer(producerProperties);
        int limitMs = (int) KafkaClientProperties.millis(properties, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
        Admin admin = Admin.create(properties);
        try {
            TopicDescription description = admin.describeTopics(List.of(settings.topic()), new DescribeTopicsOptions().timeoutMs(limitMs))
                    .allTopicNames().get(limitMs + 5_000L, TimeUnit.MILLISECONDS).get(settings.topic());
            return description.partitions().stream().map(TopicPartitionInfo::partition).toList();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return List.of();
            }
            if (e.getCause() instanceof KafkaException kafka) {
                throw kafka;
            }
            throw new HermesBusException("looking up topic " + settings.topic() + " failed on " + settings + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new org.apache.kafka.common.errors.TimeoutException("looking up topic " + settings.topic() + " took over " + limitMs + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.apache.kafka.common.errors.InterruptException(e);
        } finally {
            admin.close(CLOSE_LIMIT);
        }
    }
}
