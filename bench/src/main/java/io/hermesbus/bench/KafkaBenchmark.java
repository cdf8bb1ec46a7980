package io.hermesbus.bench;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBuses;
import io.hermesbus.api.Offset;
import io.hermesbus.kafka.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The Kafka bus plugins against a bare kafka-clients loop doing the same work, on the same broker: a single-node
 * KRaft broker that each fork starts in a child JVM on loopback (the kafka-bus tests' {@code KafkaBroker}), with a
 * fresh single-partition topic per trial.
 *
 * <ul>
 *   <li>{@link #producePlugin} / {@link #produceBare}: one operation is one standard event sent and acknowledged
 *       (the plugin's {@code send}, which waits for {@code acks=all}; the bare loop: {@code Event.toJson()}, UTF-8
 *       bytes of category and JSON, {@code KafkaProducer.send(record).get()} with the same producer settings:
 *       {@code acks=all}, idempotence, {@code linger.ms=0}). The score is events per second.
 *   <li>{@link #consumePlugin} / {@link #consumeBare}: one invocation reads the {@value #N} standard events written
 *       before the trial, from the beginning, each decoded to an {@code Event} with its offset and timestamp (the
 *       plugin: {@code seekToBeginning()} then iterating; the bare loop: {@code assign}, {@code seek(0)},
 *       {@code poll} and {@code Event.fromJson(...).at(offset, timestamp)} per record, same consumer settings).
 *       The score is events per second.
 * </ul>
 */
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"}) // as the other benchmarks: see README.md, "JVM settings"
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KafkaBenchmark {
    static final int N = 100_000;
    static final int POOL = 10_000;

    /** A broker for the fork and a fresh topic per trial. */
    @State(Scope.Benchmark)
    public static class Broker {
        KafkaBroker broker;
        String topic;

        @Setup(Level.Trial)
        public void start() {
            broker = KafkaBroker.start();
            topic = broker.createTopic("bench", 1);
        }

        @TearDown(Level.Trial)
        public void stop() {
            broker.close();
        }

        Map<String, Object> settings() {
            return Map.of("servers", broker.bootstrapServers(), "topic", topic, "group_id", "bench");
        }

        /** The consumer properties the plugin uses, for the bare loop. */
        Properties bareConsumerProperties() {
            Properties properties = new Properties();
            properties.put("bootstrap.servers", broker.bootstrapServers());
            properties.put("group.id", "bench-bare");
            properties.put("enable.auto.commit", false);
            properties.put("auto.offset.reset", "none");
            properties.put("allow.auto.create.topics", false);
            properties.put("default.api.timeout.ms", 10_000);
            properties.put("request.timeout.ms", 10_000);
            return properties;
        }

        /** The producer properties the plugin uses, for the bare loop. */
        Properties bareProducerProperties() {
            Properties properties = new Properties();
            properties.put("bootstrap.servers", broker.bootstrapServers());
            properties.put("acks", "all");
            properties.put("enable.idempotence", true);
            properties.put("linger.ms", 0);
            properties.put("max.block.ms", 10_000);
            properties.put("request.timeout.ms", 10_000);
            properties.put("delivery.timeout.ms", 30_000);
            return properties;
        }
    }

    /** The events to send, prepared once: the benchmark measures sending, not generating. */
    @State(Scope.Thread)
    public static class Events {
        List<Event> pool;
        int next;

        @Setup(Level.Trial)
        public void prepare() {
            pool = HermesEvents.standard().events(POOL);
        }

        Event next() {
            Event event = pool.get(next);
            next = (next + 1) % POOL;
            return event;
        }
    }

    @State(Scope.Thread)
    public static class PluginProducer {
        AbstractMessageBusProducerPlugin producer;

        @Setup(Level.Trial)
        public void open(Broker broker) {
            producer = MessageBuses.producer("kafka", broker.settings());
            producer.open();
        }

        @TearDown(Level.Trial)
        public void close() {
            producer.close();
        }
    }

    @State(Scope.Thread)
    public static class BareProducer {
        KafkaProducer<byte[], byte[]> producer;
        String topic;

        @Setup(Level.Trial)
        public void open(Broker broker) {
            producer = new KafkaProducer<>(broker.bareProducerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
            topic = broker.topic;
        }

        @TearDown(Level.Trial)
        public void close() {
            producer.close();
        }
    }

    /** {@value #N} standard events written once per trial (not measured) with a batching bare producer. */
    @State(Scope.Benchmark)
    public static class WrittenLog {
        @Setup(Level.Trial)
        public void write(Broker broker) throws InterruptedException, ExecutionException, TimeoutException {
            Properties properties = broker.bareProducerProperties();
            properties.put("linger.ms", 20);
            HermesEvents events = HermesEvents.standard();
            try (KafkaProducer<byte[], byte[]> writer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
                java.util.concurrent.Future<?> last = null;
                for (int i = 0; i < N; i++) {
                    Event event = events.event(i);
                    last = writer.send(new ProducerRecord<>(broker.topic, 0, event.evcategory().getBytes(StandardCharsets.UTF_8),
                            event.toJson().getBytes(StandardCharsets.UTF_8)));
                }
                // idempotent, one partition: the last acknowledgement comes after all the others succeeded
                last.get(120, TimeUnit.SECONDS);
            }
        }
    }

    @State(Scope.Thread)
    public static class PluginConsumer {
        AbstractMessageBusConsumerPlugin consumer;

        @Setup(Level.Trial)
        public void open(Broker broker, WrittenLog log) {
            consumer = MessageBuses.consumer("kafka", broker.settings());
            consumer.open();
            consumer.setTimeout(10_000);
        }

        @TearDown(Level.Trial)
        public void close() {
            consumer.close();
        }
    }

    @State(Scope.Thread)
    public static class BareConsumer {
        KafkaConsumer<byte[], byte[]> consumer;
        TopicPartition partition;

        @Setup(Level.Trial)
        public void open(Broker broker, WrittenLog log) {
            consumer = new KafkaConsumer<>(broker.bareConsumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            partition = new TopicPartition(broker.topic, 0);
            consumer.assign(List.of(partition));
        }

        @TearDown(Level.Trial)
        public void close() {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
    }

    @Benchmark
    public void producePlugin(PluginProducer plugin, Events events) {
        plugin.producer.send(events.next());
    }

    @Benchmark
    public void produceBare(BareProducer bare, Events events) throws InterruptedException, ExecutionException, TimeoutException {
        Event event = events.next();
        bare.producer.send(new ProducerRecord<>(bare.topic, 0, event.evcategory().getBytes(StandardCharsets.UTF_8),
                event.toJson().getBytes(StandardCharsets.UTF_8))).get(60, TimeUnit.SECONDS);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void consumePlugin(PluginConsumer plugin, Blackhole sink) {
        plugin.consumer.seekToBeginning();
        Iterator<Event> events = plugin.consumer.iterator();
        for (int i = 0; i < N; i++) {
            if (!events.hasNext()) {
                throw new IllegalStateException("the plugin read " + i + " events, not " + N);
            }
            sink.consume(events.next());
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void consumeBare(BareConsumer bare, Blackhole sink) {
        bare.consumer.seek(bare.partition, 0);
        int read = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (read < N) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bare loop read " + read + " events, not " + N);
            }
            for (ConsumerRecord<byte[], byte[]> record : bare.consumer.poll(Duration.ofMillis(100)).records(bare.partition)) {
                if (read == N) {
                    break;
                }
                sink.consume(Event.fromJson(new String(record.value(), StandardCharsets.UTF_8))
                        .at(Offset.of(record.offset()), Instant.ofEpochMilli(record.timestamp())));
                read++;
            }
        }
    }
}
