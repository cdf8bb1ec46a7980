package io.hermesbus.bench;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBuses;
import io.hermesbus.memory.MemoryBus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Benchmark 5, the memory bus's overhead: reading its {@value #N} events from the beginning against iterating
 * a plain {@code ArrayList} of the very same {@code Event} objects (taken from the bus, so with their offsets and
 * timestamps already set: neither side makes or decodes anything). Both loops do the same per event: read its
 * category into a {@link Blackhole}. The score is events per second.
 */
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"}) // a fixed, pre-touched heap: see README.md, "JVM settings"
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(MemoryBusBenchmark.N)
@State(Scope.Thread)
public class MemoryBusBenchmark {
    static final int N = 100_000;

    String name;
    AbstractMessageBusConsumerPlugin consumer;
    List<Event> list;

    @Setup(Level.Trial)
    public void fill() {
        name = "bench-" + UUID.randomUUID();
        Map<String, Object> settings = Map.of("name", name);
        try (AbstractMessageBusProducerPlugin producer = MessageBuses.producer("memory", settings)) {
            producer.open();
            for (Event event : HermesEvents.standard().events(N)) {
                producer.send(event);
            }
        }
        consumer = MessageBuses.consumer("memory", settings);
        consumer.open();
        consumer.setTimeout(0);
        list = new ArrayList<>(N);
        for (Event event : consumer) {
            list.add(event);
        }
        ConsumeBenchmark.expect(list.size());
    }

    @TearDown(Level.Trial)
    public void drop() {
        consumer.close();
        MemoryBus.drop(name);
    }

    @Benchmark
    public void memoryBus(Blackhole blackhole) {
        consumer.seekToBeginning();
        int count = 0;
        for (Event event : consumer) {
            blackhole.consume(event.evcategory());
            count++;
        }
        ConsumeBenchmark.expect(count);
    }

    @Benchmark
    public void plainList(Blackhole blackhole) {
        int count = 0;
        for (Event event : list) {
            blackhole.consume(event.evcategory());
            count++;
        }
        ConsumeBenchmark.expect(count);
    }
}
