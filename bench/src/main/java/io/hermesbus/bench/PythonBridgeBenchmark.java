package io.hermesbus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBuses;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * Benchmark 8, the cost of python-bus' bridge: python-bus' test plugin pair {@code sqlitelog} (Hermes' SQLite bus
 * format, in Python) driven from Java through the bridge, against the same plugins driven from Python directly, on
 * the same {@value #N} standard events. Every bus file is in {@code /dev/shm} when there is one
 * ({@link BenchFiles#newMemoryFolder}), so that the producer's commit per event does not measure the disk.
 *
 * <ul>
 *   <li>{@link #bridgeRead}: a python-bus consumer, {@code seekToBeginning()} then iterating to the end (timeout 0):
 *       one request and answer between Java and Python per event.
 *   <li>{@link #pythonRead}: the same consumer plugin class in a long-lived {@code python3} ({@link PythonDriver}),
 *       asked once per invocation to seek to the beginning and iterate to the end: one round trip per {@value #N}
 *       events.
 *   <li>{@link #bridgeSend}, {@link #pythonSend}: {@value #N} sends by the producer plugin, through the bridge (each
 *       event's JSON crosses, Hermes' {@code Event.from_json} reads it) and from Python directly (the events read once
 *       at the start), appended to a bus file that grows through the trial.
 *   <li>{@link #bridgeOpen}: a new python-bus consumer opened and closed: a Python process (one of the bridge's
 *       spares when one is ready) given the plugin to load, then ended ({@code keep_alive_ms} 0).
 * </ul>
 *
 * The score is events per second ({@code @OperationsPerInvocation}), except {@link #bridgeOpen}'s (ms per open).
 * The files read are written once per trial (not measured) by the sqlitelog producer, through the bridge. The Python
 * files are python-bus' own, found as {@link PythonBusLogs} says.
 */
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"}) // a fixed, pre-touched heap: see README.md, "JVM settings"
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(PythonBridgeBenchmark.N)
public class PythonBridgeBenchmark {
    static final int N = 1_000;

    /** A bus file of the {@value #N} standard events, read through the bridge. */
    @State(Scope.Thread)
    public static class BridgeReader {
        Path folder;
        AbstractMessageBusConsumerPlugin consumer;

        @Setup(Level.Trial)
        public void write() {
            folder = BenchFiles.newMemoryFolder("python-read");
            Path file = writtenLog(folder);
            consumer = PythonBusLogs.openConsumer(file);
        }

        @TearDown(Level.Trial)
        public void delete() {
            try {
                consumer.close();
            } finally {
                BenchFiles.delete(folder);
            }
        }
    }

    /** The same bus file, read by the consumer plugin in Python. */
    @State(Scope.Thread)
    public static class PythonReader {
        Path folder;
        PythonDriver driver;

        @Setup(Level.Trial)
        public void write() {
            folder = BenchFiles.newMemoryFolder("python-read");
            driver = PythonDriver.consumer(writtenLog(folder));
        }

        @TearDown(Level.Trial)
        public void delete() {
            try {
                driver.close();
            } finally {
                BenchFiles.delete(folder);
            }
        }
    }

    /** A producer sending through the bridge to a new bus file. */
    @State(Scope.Thread)
    public static class BridgeSender {
        Path folder;
        List<Event> events;
        AbstractMessageBusProducerPlugin producer;

        @Setup(Level.Trial)
        public void open() {
            folder = BenchFiles.newMemoryFolder("python-send");
            events = HermesEvents.standard().events(N);
            producer = PythonBusLogs.openProducer(folder.resolve("bus.sqlite"));
        }

        @TearDown(Level.Trial)
        public void delete() {
            try {
                producer.close();
            } finally {
                BenchFiles.delete(folder);
            }
        }
    }

    /** The producer plugin in Python, sending the same events to a new bus file. */
    @State(Scope.Thread)
    public static class PythonSender {
        Path folder;
        PythonDriver driver;

        @Setup(Level.Trial)
        public void open() throws IOException {
            folder = BenchFiles.newMemoryFolder("python-send");
            Path eventsFile = folder.resolve("events.json");
            new ObjectMapper().writeValue(eventsFile.toFile(), HermesEvents.standard().events(N).stream().map(Event::toJson).toList());
            driver = PythonDriver.producer(folder.resolve("bus.sqlite"), eventsFile);
        }

        @TearDown(Level.Trial)
        public void delete() {
            try {
                driver.close();
            } finally {
                BenchFiles.delete(folder);
            }
        }
    }

    /** The settings of a consumer of a bus file with no events yet: opening does not read it. */
    @State(Scope.Thread)
    public static class Opening {
        Path folder;
        Map<String, Object> settings;

        @Setup(Level.Trial)
        public void make() {
            folder = BenchFiles.newMemoryFolder("python-open");
            settings = PythonBusLogs.settings(folder.resolve("bus.sqlite"));
        }

        @TearDown(Level.Trial)
        public void delete() {
            BenchFiles.delete(folder);
        }
    }

    /** Writes the {@value #N} standard events with the sqlitelog producer to a new bus file in {@code folder}. */
    private static Path writtenLog(Path folder) {
        Path file = folder.resolve("bus.sqlite");
        PythonBusLogs.write(file, HermesEvents.standard().events(N));
        return file;
    }

    @Benchmark
    public void bridgeRead(BridgeReader reader, Blackhole blackhole) {
        reader.consumer.seekToBeginning();
        int count = 0;
        for (Event event : reader.consumer) {
            blackhole.consume(event);
            count++;
        }
        expect(count);
    }

    @Benchmark
    public void pythonRead(PythonReader reader) {
        expect(reader.driver.pass());
    }

    @Benchmark
    public void bridgeSend(BridgeSender sender) {
        for (Event event : sender.events) {
            sender.producer.send(event);
        }
    }

    @Benchmark
    public void pythonSend(PythonSender sender) {
        expect(sender.driver.pass());
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @OperationsPerInvocation(1)
    public void bridgeOpen(Opening opening) {
        AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer(PythonBusLogs.BUS, opening.settings);
        consumer.open();
        consumer.close();
    }

    private static void expect(long count) {
        if (count != N) {
            throw new IllegalStateException("read or sent " + count + " events, expected " + N);
        }
    }
}
