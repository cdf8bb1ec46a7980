package io.hermesbus.kafka;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.ConsumerInterruptedException;
import io.hermesbus.api.Event;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.InvalidEventException;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.NotOpenException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.OffsetOutOfRangeException;
import io.hermesbus.api.WrongOffsetKindException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
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
    /** The Kafka client while open, null while closed. */
    private KafkaConsumer<byte[], byte[]> kafka;
    /** The partition's bounds, asked on a connection of their own, while open. */
    private PartitionBounds bounds;
    private TopicPartition partition;
    private long catchUpLimitMs;
    /** The event at the position, decoded by a {@code hasNext()} that found it; null when not decoded yet. */
    private Event decoded;

    /**
     * Keeps and checks the settings; does no I/O.
     *
     * @throws InvalidSettingsException naming a setting that is unknown, missing or invalid (a consumer needs
     *     {@code servers}, {@code topic} and {@code group_id})
     */
    public KafkaBusConsumer(Map<String, ?> settings) {
        super(settings);
        this.busSettings = KafkaBusSettings.from(settings());
        busSettings.requiredGroupId();
    }

    /**
     * Connects, assigns the bus's partition and moves to its oldest retained event (on a bus without events: to
     * the end, where the next event published will be). Opening an open consumer starts over.
     *
     * @throws InvalidSettingsException if the topic does not exist, if it has several partitions and
     *     {@code partition} does not choose one, if an {@code ssl} file is missing or unreadable, or if Kafka
     *     refuses the configuration
     * @throws HermesBusException if the servers do not answer within {@code default.api.timeout.ms}
     */
    @Override
    public void open() {
        close();
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

    /** Closes the Kafka clients at once (a consumer has nothing to flush). Does nothing when already closed; never throws. */
    @Override
    public void close() {
        decoded = null;
        fetched.clear();
        if (kafka != null) {
            closeQuietly(kafka, bounds);
            kafka = null;
            bounds = null;
        }
    }

    /**
     * Moves to the oldest retained event; on a bus without events, to the end, so that the next event published is
     * the next one read. This is how a consumer recovers after retention deleted its position.
     *
     * @throws NotOpenException if not open
     * @throws HermesBusException if the servers do not answer within {@code default.api.timeout.ms}
     */
    @Override
    public void seekToBeginning() {
        requireOpen("seekToBeginning");
        moveTo(bounds.beginning("seeking to the beginning on " + where()));
    }

    /**
     * Moves to {@code offset}: an {@code int} offset from the partition's beginning (the oldest retained offset) to
     * its end (the newest plus one, where the consumer waits for the next event). Asks the broker for both bounds.
     *
     * @throws NotOpenException if not open
     * @throws WrongOffsetKindException if {@code offset} is not an {@code int} offset; position unchanged
     * @throws OffsetOutOfRangeException naming the accepted range; position unchanged
     * @throws HermesBusException if the servers do not answer within {@code default.api.timeout.ms}
     */
    @Override
    public void seek(Offset offset) {
        Objects.requireNonNull(offset, "offset");
        requireOpen("seek");
        long target = ((Offset.IntOffset) offset.requireKind(OffsetKind.INT)).value();
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
     * As {@link AbstractMessageBusConsumerPlugin#seekAfter}: {@code seek(offset + 1)}, which also accepts the deleted
     * offset just below the oldest retained one.
     *
     * @throws NotOpenException if not open
     * @throws WrongOffsetKindException if {@code offset} is not an {@code int} offset; position unchanged
     * @throws OffsetOutOfRangeException as {@link #seek}; position unchanged
     */
    @Override
    public void seekAfter(Offset offset) {
        Objects.requireNonNull(offset, "offset");
        requireOpen("seekAfter");
        // checked first so that the kind error wins over the base class's int arithmetic on the offset
        offset.requireKind(OffsetKind.INT);
        super.seekAfter(offset);
    }

    /**
     * As {@link AbstractMessageBusConsumerPlugin#findNextEventOfCategory}, comparing each record's key with
     * {@code category}'s UTF-8 bytes: skipped records are never decoded (a skipped record with broken JSON raises
     * nothing); only the match is.
     *
     * @throws NotOpenException if not open
     * @throws InvalidEventException if the matching record's value is not a Hermes event, or one of another
     *     category than its key says; the position stays at it
     * @throws OffsetOutOfRangeException if retention deleted the position; position unchanged
     * @throws ConsumerInterruptedException if the thread is interrupted; the position stays after what was scanned
     */
    @Override
    public Optional<Event> findNextEventOfCategory(String category) {
        Objects.requireNonNull(category, "category");
        requireOpen("findNextEventOfCategory");
        byte[] wanted = category.getBytes(StandardCharsets.UTF_8);
        requireRetainedPosition();
        decoded = null;
        while (awaitRecord()) {
            ConsumerRecord<byte[], byte[]> record = fetched.peek();
            if (Arrays.equals(record.key(), wanted)) {
                Event event = RecordDecoding.decode(record);
                if (!event.evcategory().equals(category)) {
                    throw new InvalidEventException("the record's key says category \"" + category + "\" but its event "
                            + "has category \"" + event.evcategory() + "\"; a Hermes producer writes the category as the key")
                            .at(event.offset());
                }
                fetched.poll();
                return Optional.of(event);
            }
            fetched.poll();
        }
        return Optional.empty();
    }

    /**
     * Iterates from the position, waiting up to the timeout for each new event once caught up.
     *
     * <p>{@code hasNext()} returns true at once when a fetched event is at the position; otherwise it polls Kafka up
     * to {@link #timeoutMs()}, afresh on every call (see the class comment for what happens at the end of the
     * wait), and returns false when none came; from then on this iterator is ended and {@code next()} throws
     * {@link NoSuchElementException}. {@code next()} yields the event and moves past it. The first {@code hasNext()}
     * of each iterator also checks that retention did not delete the position (one request to the broker).
     *
     * @throws NotOpenException if not open, and from the iterator's methods whenever the consumer is not open
     * @throws InvalidEventException (from {@code hasNext()}, {@code next()}) naming the offset of a record that is
     *     not a Hermes event; the position stays at it ({@code seekAfter} steps over it)
     * @throws OffsetOutOfRangeException (from {@code hasNext()}, {@code next()}) if retention deleted the
     *     position; {@link #seekToBeginning()} recovers
     * @throws ConsumerInterruptedException (from {@code hasNext()}, {@code next()}) if the thread is interrupted
     *     while waiting; its interrupt status is set and the position is unchanged
     * @throws HermesBusException (from {@code hasNext()}, {@code next()}) if the servers do not answer
     */
    @Override
    public Iterator<Event> iterator() {
        requireOpen("iterator");
        return new EventIterator();
    }

    private void requireOpen(String operation) {
        if (kafka == null) {
            throw NotOpenException.of(this, operation);
        }
    }

    private void moveTo(long offset) {
        kafka.seek(partition, offset);
        fetched.clear();
        decoded = null;
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

    /** Throws if retention deleted the position; events fetched before the deletion would otherwise hide it. */
    private void requireRetainedPosition() {
        long position = position();
        long beginning = bounds.beginning("checking the position " + position + " on " + where());
        if (position < beginning) {
            throw deletedPosition(position, beginning);
        }
    }

    private OffsetOutOfRangeException deletedPosition(long position, long beginning) {
        return new OffsetOutOfRangeException("the position " + position + " on " + where() + " was deleted by retention"
                + (beginning >= 0 ? "; the oldest retained offset is " + beginning : "")
                + "; seekToBeginning() goes on from the oldest retained event (the events in between are lost to this consumer)");
    }

    /**
     * Waits for a record at the position, up to the timeout; true when one is fetched. At the end of the wait, an
     * event that the broker holds but the poll has not brought yet is still waited for, so that no event whose
     * send returned is missed.
     */
    private boolean awaitRecord() {
        if (!fetched.isEmpty()) {
            return true;
        }
        Integer timeout = timeoutMs();
        if (timeout == null) {
            while (!poll(FOREVER_SLICE)) {
                // waiting forever, as Hermes' None asks; an interrupt ends it
            }
            return true;
        }
        if (pollUntil(System.nanoTime() + Duration.ofMillis(timeout).toNanos(), Long.MAX_VALUE)) {
            return true;
        }
        long end = bounds.end("looking for events at the end of a wait on " + where());
        if (position() >= end) {
            return false;
        }
        if (pollUntil(System.nanoTime() + Duration.ofMillis(catchUpLimitMs).toNanos(), end)) {
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
    private boolean pollUntil(long deadlineNanos, long end) {
        while (true) {
            long remaining = Math.max(0, deadlineNanos - System.nanoTime());
            if (poll(Duration.ofNanos(remaining))) {
                return true;
            }
            if (deadlineNanos - System.nanoTime() <= 0 || position() >= end) {
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

    private final class EventIterator implements Iterator<Event> {
        private boolean checked;
        private boolean ended;

        @Override
        public boolean hasNext() {
            requireOpen("hasNext");
            if (ended) {
                return false;
            }
            if (!checked) {
                requireRetainedPosition();
                checked = true;
            }
            if (decoded != null) {
                return true;
            }
            if (!awaitRecord()) {
                ended = true;
                return false;
            }
            decoded = RecordDecoding.decode(fetched.peek());
            return true;
        }

        @Override
        public Event next() {
            requireOpen("next");
            if (!hasNext()) {
                throw new NoSuchElementException("no event arrived at offset " + position() + " on " + where()
                        + " within the timeout of " + timeoutMs() + " ms");
            }
            Event event = decoded;
            decoded = null;
            fetched.poll();
            return event;
        }
    }
}
