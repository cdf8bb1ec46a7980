package io.hermesbus.kafka;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Deadline;
import io.hermesbus.api.Event;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.InvalidEventException;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.OffsetOutOfRangeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a Hermes bus from one partition of a Kafka topic. Settings: see the kafka-bus README ({@code servers},
 * {@code topic} and {@code group_id} are required); the producer's settings are accepted and ignored, so that one
 * settings map serves both.
 *
 * <p>Follows {@link AbstractMessageBusConsumerPlugin} exactly, rather than Kafka's consumer defaults: the partition
 * is assigned, never subscribed; no offset is ever committed; a position outside the partition is an error, never
 * a reset. Offsets are {@code int}s, Kafka's own offsets. A timestamp is the record's Kafka timestamp, in
 * milliseconds.
 *
 * <ul>
 *   <li>Empty bus: {@code seekToBeginning()} (and {@code open()}) positions at the partition's end, so the next
 *       event published is the next one read.
 *   <li>Seeking: {@code seek(o)} accepts the partition's beginning (the oldest retained offset) to its end (one past
 *       the newest); anything else is an {@link OffsetOutOfRangeException} naming that range.
 *   <li>Waiting: iteration polls Kafka for up to the timeout ({@code setTimeout}); at the end of the wait it asks
 *       the broker for the partition's end (through an admin client: see {@link PartitionBounds} for why), and if an event is there that the poll has not brought yet (its
 *       {@code send} has returned), it keeps polling for it, up to {@code default.api.timeout.ms}. So an event
 *       whose {@code send} returned is read even with timeout 0. With timeout {@code null} it polls until an event
 *       arrives, also across a broker restart.
 *   <li>Retention: a position that retention deleted is an {@link OffsetOutOfRangeException}, found by Kafka's
 *       fetch, and checked against the partition's beginning at the first {@code hasNext()} of every iterator and
 *       at every {@code findNextEventOfCategory}, because events already fetched may outlive their deletion.
 *       Events a running iterator already fetched may still be yielded: that skips nothing.
 *   <li>Broker unreachable: {@code open()} and seeks fail within {@code default.api.timeout.ms}; a wait ends with a
 *       {@link HermesBusException} saying the servers did not answer, at most that long after its timeout.
 * </ul>
 *
 * <p>One thread at a time per instance (as Kafka's consumer); each consumer has its own Kafka consumer and position
 * (the admin client that answers questions about the partition's bounds is shared by the consumers of the JVM that
 * connect alike).
 */
public final class KafkaBusConsumer extends AbstractMessageBusConsumerPlugin {
    // nothing to flush at close (no commits, no group membership): waiting would only wait out the long-polled fetch
    private static final Duration CLOSE_LIMIT = Duration.ZERO;
    // a wait without timeout polls in slices of this length; any length works, a bounded one keeps the arithmetic simple
    private static final Duration FOREVER_SLICE = Duration.ofSeconds(10);

    private final KafkaBusSettings busSettings;
    /** Records fetched from Kafka at and after the position, not yet yielded; Kafka's own position is after them. */
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> fetched = new ArrayDeque<>();
    /** The Kafka client while open. */
    private KafkaConsumer<byte[], byte[]> kafka;
    /** The partition's bounds, asked on a connection of their own, while open. */
    private PartitionBounds bounds;
    private TopicPartition partition;
    private long catchUpLimitMs;
    /** The category of the last search, and its UTF-8 bytes, which keys are compared with. */
    private String searched;
    private byte[] searchedBytes;

    /**
     * Keeps and checks the settings; does no I/O.
     *
     * @param settings {@code servers}, {@code topic}, {@code group_id} and the optional ones the module's README lists
     *     ({@code partition}, {@code ssl}, {@code sasl}, {@code properties}, ...); the secret ones are never shown
     * @throws InvalidSettingsException naming a setting that is unknown, missing or invalid (a consumer needs
     *     {@code servers}, {@code topic} and {@code group_id})
     */
    public KafkaBusConsumer(Map<String, ?> settings) {
        super(settings, KafkaBusSettings.SECRETS);
        this.busSettings = KafkaBusSettings.from(settings());
        busSettings.requiredGroupId();
    }

    @Override
    protected OffsetKind offsetKind() {
        return OffsetKind.INT;
    }

    /**
     * @throws InvalidSettingsException if the topic does not exist, if it has several partitions and
     *     {@code partition} does not choose one, if an {@code ssl} file is missing or unreadable, or if Kafka
     *     refuses the configuration
     * @throws HermesBusException if the servers do not answer within {@code default.api.timeout.ms}
     */
    @Override
    protected void doOpen() {
        Properties properties = KafkaClientProperties.consumer(busSettings);
        KafkaConsumer<byte[], byte[]> client;
        try {
            client = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (KafkaException e) {
            throw KafkaFailures.creating("consumer", busSettings, e);
        }
        PartitionBounds opened = null;
        try {
            // with allow.auto.create.topics=false, a missing topic is an empty list at once
            List<PartitionInfo> partitions = client.partitionsFor(busSettings.topic());
            TopicPartition chosen = BusPartition.choose(busSettings, partitions == null ? List.of()
                    : partitions.stream().map(PartitionInfo::partition).toList());
            opened = PartitionBounds.open(properties, chosen, busSettings);
            client.assign(List.of(chosen));
            client.seek(chosen, opened.beginning("opening topic " + busSettings.topic()));
            kafka = client;
            bounds = opened;
            partition = chosen;
            catchUpLimitMs = Long.parseLong(properties.get(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG).toString());
        } catch (InterruptException e) {
            closeQuietly(client, opened);
            throw KafkaFailures.interrupted("opening topic " + busSettings.topic(), e);
        } catch (KafkaException e) {
            closeQuietly(client, opened);
            throw KafkaFailures.failed("opening topic " + busSettings.topic(), busSettings, e);
        } catch (RuntimeException e) {
            closeQuietly(client, opened);
            throw e;
        }
    }

    /** Closes the Kafka clients at once (a consumer has nothing to flush). */
    @Override
    protected void doClose() {
        fetched.clear();
        closeQuietly(kafka, bounds);
        kafka = null;
        bounds = null;
    }

    /** On a bus without events, the end, so that the next event published is the next one read. */
    @Override
    protected void doSeekToBeginning() {
        moveTo(bounds.beginning("seeking to the beginning on " + where()));
    }

    /** Asks the broker for both bounds. */
    @Override
    protected void doSeek(Offset offset) {
        long target = ((Offset.IntOffset) offset).value();
        PartitionBounds.Bounds range = bounds.both("seeking to offset " + target + " on " + where());
        long beginning = range.beginning();
        long end = range.end();
        if (target < beginning || target > end) {
            throw new OffsetOutOfRangeException("cannot seek to offset " + target + " on " + where() + ": it "
                    + (target < beginning ? "was deleted by retention or never existed" : "lies beyond the end")
                    + "; give an offset from " + beginning + " (the oldest retained) to " + end
                    + " (the end, where the next event will be)" + (beginning == end ? " - the bus holds no event" : ""));
        }
        moveTo(target);
    }

    /**
     * Polls Kafka up to the deadline. At its end, an event that the broker holds but the poll has not brought yet
     * (its {@code send} has returned) is still waited for, up to {@code default.api.timeout.ms}, so that no such
     * event is missed, even with timeout 0.
     */
    @Override
    protected Offset awaitRecord(Deadline deadline) {
        if (fetched.isEmpty() && !fetchedBy(deadline)) {
            return null;
        }
        return Offset.of(fetched.peek().offset());
    }

    @Override
    protected Event readRecord() {
        return RecordDecoding.decode(fetched.peek());
    }

    @Override
    protected void advance() {
        fetched.poll();
    }

    @Override
    protected String describePosition() {
        try {
            return "offset " + position() + " on " + where();
        } catch (HermesBusException e) {
            return "the position on " + where();
        }
    }

    /**
     * Compares the keys of the records fetched, never decoding those it steps over. A record whose key is the
     * category but whose event is of another category is an {@link InvalidEventException} at its offset: a Hermes
     * producer writes the category as the key.
     */
    @Override
    protected boolean skipOtherCategories(String category) {
        if (!category.equals(searched)) {
            searched = category;
            searchedBytes = category.getBytes(StandardCharsets.UTF_8);
        }
        boolean moved = false;
        while (!fetched.isEmpty() && !Arrays.equals(fetched.peek().key(), searchedBytes)) {
            fetched.poll();
            moved = true;
        }
        if (!moved) {
            Event event = RecordDecoding.decode(fetched.peek());
            if (!event.evcategory().equals(category)) {
                throw new InvalidEventException("the record's key says category \"" + category + "\" but its event "
                        + "has category \"" + event.evcategory() + "\"; a Hermes producer writes the category as the key")
                        .at(event.offset());
            }
        }
        return moved;
    }

    /** Events already fetched may outlive their deletion: asks the broker for the partition's beginning. */
    @Override
    protected void checkPosition() {
        long position = position();
        long beginning = bounds.beginning("checking the position " + position + " on " + where());
        if (position < beginning) {
            throw deletedPosition(position, beginning);
        }
    }

    private void moveTo(long offset) {
        kafka.seek(partition, offset);
        fetched.clear();
    }

    /** The offset of the next event to yield. */
    private long position() {
        ConsumerRecord<byte[], byte[]> head = fetched.peek();
        if (head != null) {
            return head.offset();
        }
        try {
            return kafka.position(partition);
        } catch (InterruptException e) {
            throw KafkaFailures.interrupted("reading the position on " + where(), e);
        } catch (KafkaException e) {
            throw KafkaFailures.failed("reading the position on " + where(), busSettings, e);
        }
    }

    private OffsetOutOfRangeException deletedPosition(long position, long beginning) {
        return new OffsetOutOfRangeException("the position " + position + " on " + where() + " was deleted by retention"
                + (beginning >= 0 ? "; the oldest retained offset is " + beginning : "")
                + "; seekToBeginning() goes on from the oldest retained event (the events in between are lost to this consumer)");
    }

    /** Whether a record was fetched by the deadline, or after it, if the broker holds one whose send returned. */
    private boolean fetchedBy(Deadline deadline) {
        if (deadline.isNever()) {
            while (!poll(FOREVER_SLICE)) {
                // waiting forever, as Hermes' None asks; an interrupt ends it
            }
            return true;
        }
        if (pollUntil(deadline, Long.MAX_VALUE)) {
            return true;
        }
        long end = bounds.end("looking for events at the end of a wait on " + where());
        if (position() >= end) {
            return false;
        }
        if (pollUntil(Deadline.after((int) Math.min(Integer.MAX_VALUE, catchUpLimitMs)), end)) {
            return true;
        }
        throw new HermesBusException("the broker reports events on " + where() + " up to offset " + (end - 1)
                + " but none was fetched from position " + position() + " within " + catchUpLimitMs
                + " ms (default.api.timeout.ms); are servers " + busSettings.servers() + " reachable?");
    }

    /**
     * Polls until a record is fetched (true), the deadline passes, or the position reaches {@code end} (false);
     * polls at least once.
     */
    private boolean pollUntil(Deadline deadline, long end) {
        while (true) {
            if (poll(Duration.ofNanos(deadline.remainingNanos()))) {
                return true;
            }
            if (deadline.passed() || position() >= end) {
                return false;
            }
        }
    }

    /** One Kafka poll of at most {@code wait}; true when it fetched records. */
    private boolean poll(Duration wait) {
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = kafka.poll(wait);
        } catch (InterruptException e) {
            throw KafkaFailures.interrupted("waiting for the next event on " + where(), e);
        } catch (org.apache.kafka.clients.consumer.OffsetOutOfRangeException e) {
            throw deletedPosition(e.offsetOutOfRangePartitions().getOrDefault(partition, -1L), beginningIfKnown());
        } catch (KafkaException e) {
            throw KafkaFailures.failed("reading " + where(), busSettings, e);
        }
        for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
            fetched.add(record);
        }
        return !fetched.isEmpty();
    }

    /** The beginning for an error message, or -1 if it cannot be learnt; the error being reported matters more. */
    private long beginningIfKnown() {
        try {
            return bounds.beginning("looking up the oldest retained offset");
        } catch (HermesBusException e) {
            return -1;
        }
    }

    private String where() {
        return "topic " + partition.topic() + " partition " + partition.partition() + " of " + busSettings.servers();
    }

    private static void closeQuietly(KafkaConsumer<byte[], byte[]> client, PartitionBounds partitionBounds) {
        if (partitionBounds != null) {
            partitionBounds.close();
        }
        try {
            client.close(CloseOptions.timeout(CLOSE_LIMIT));
        } catch (InterruptException e) {
            // Kafka has set the interrupt status again; closing goes on regardless
        } catch (KafkaException e) {
            // close() must not throw (Hermes closes in finally blocks); the client's resources are released anyway
        }
    }
}
