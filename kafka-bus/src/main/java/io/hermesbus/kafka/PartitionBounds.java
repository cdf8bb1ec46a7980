package io.hermesbus.kafka;

import io.hermesbus.api.ConsumerInterruptedException;
import io.hermesbus.api.HermesBusException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Asks the broker for the beginning (oldest retained offset) and the end (one past the newest) of the bus's
 * partition, on a connection of its own.
 *
 * <p>Why not the consumer's own {@code beginningOffsets}/{@code endOffsets}: a broker answers the requests of one
 * connection in order, and a caught-up consumer always has a fetch waiting at the broker for up to
 * {@code fetch.max.wait.ms} (500 ms); a question about the bounds on that connection waits behind it. On its own
 * connection it takes one round trip, which is what lets a consumer with timeout 0 tell at once whether it is
 * caught up.
 */
final class PartitionBounds implements AutoCloseable {
    private final SharedAdmins.Lease lease;
    private final Admin admin;
    private final TopicPartition partition;
    private final ListOffsetsOptions options;
    private final long limitMs;
    private final KafkaBusSettings settings;

    private PartitionBounds(SharedAdmins.Lease lease, TopicPartition partition, ListOffsetsOptions options, long limitMs,
                            KafkaBusSettings settings) {
        this.lease = lease;
        this.admin = lease.admin();
        this.partition = partition;
        this.options = options;
        this.limitMs = limitMs;
        this.settings = settings;
    }

    /** The beginning and the end of the partition at one moment. */
    record Bounds(long beginning, long end) {
    }

    /**
     * An admin client made from the consumer's {@code properties} (those an admin client knows), for {@code partition};
     * shared with the other consumers of this JVM that connect alike.
     *
     * @throws KafkaException if Kafka refuses the configuration
     */
    static PartitionBounds open(Properties consumerProperties, TopicPartition partition, KafkaBusSettings settings) {
        Properties properties = KafkaClientProperties.admin(consumerProperties);
        Object isolation = consumerProperties.getOrDefault(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        ListOffsetsOptions options = new ListOffsetsOptions(
                IsolationLevel.valueOf(isolation.toString().toUpperCase(java.util.Locale.ROOT)));
        long limitMs = Long.parseLong(consumerProperties.get(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG).toString());
        options.timeoutMs((int) Math.min(Integer.MAX_VALUE, limitMs));
        return new PartitionBounds(SharedAdmins.acquire(properties), partition, options, limitMs, settings);
    }

    /** The oldest retained offset (the end, when retention deleted every event). */
    long beginning(String doing) {
        return await(doing, ask(OffsetSpec.earliest()));
    }

    /** One past the newest offset: the offset the next event will get. */
    long end(String doing) {
        return await(doing, ask(OffsetSpec.latest()));
    }

    /** Both bounds, asked at once (one round trip). */
    Bounds both(String doing) {
        KafkaFuture<Long> beginning = ask(OffsetSpec.earliest());
        KafkaFuture<Long> end = ask(OffsetSpec.latest());
        return new Bounds(await(doing, beginning), await(doing, end));
    }

    private KafkaFuture<Long> ask(OffsetSpec spec) {
        return admin.listOffsets(Map.of(partition, spec), options).partitionResult(partition).thenApply(info -> info.offset());
    }

    private long await(String doing, KafkaFuture<Long> answer) {
        try {
            // the admin call fails by itself after default.api.timeout.ms; the margin only guards against a lost answer
            return answer.get(limitMs + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsumerInterruptedException("interrupted while " + doing + "; the position is unchanged", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof KafkaException kafka) {
                throw KafkaFailures.failed(doing, settings, kafka);
            }
            throw new HermesBusException(doing + " failed on " + settings + ": " + cause, cause);
        } catch (TimeoutException e) {
            throw new HermesBusException(doing + " timed out: Kafka servers " + settings.servers()
                    + " did not answer within " + limitMs + " ms (are they running and reachable?)", e);
        }
    }

    /** Lets go of the admin client (closed when no other consumer uses it); never throws. */
    @Override
    public void close() {
        lease.close();
    }
}
