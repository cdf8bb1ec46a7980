package io.hermesbus.bench;

import io.hermesbus.api.Event;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Benchmark 6, the event codec of issue 12 against the one before it ({@link BaselineCodec}), side by side in one
 * run, on the same {@value #N} events. One invocation encodes or decodes all of them; the score is events per
 * second.
 *
 * <ul>
 *   <li>{@code encode*}: an {@code Event} to its JSON text ({@code toJson()}, a {@code String}); {@code encodeBytes*}
 *       to the UTF-8 bytes a bus stores: the old {@code toJson().getBytes(UTF_8)} against the new
 *       {@code toJsonBytes()}, written straight into a byte buffer;</li>
 *   <li>{@code decode*}: Hermes' JSON text to an event: the old Jackson tree and its walk, to the seven fields
 *       (what the old {@code Event}'s private constructor took), against the new {@code Event.fromJson}.</li>
 * </ul>
 *
 * <p>{@code events=standard}: {@link HermesEvents#event(long)}, Hermes-like users and groups of 500-600 bytes
 * (accents, a datetime, lists, free text). {@code events=numbers}: the same kind of events holding numbers
 * instead: a dozen floats (scores, ratios, measurements, from 1e-5 to 1e+16) and whole numbers, where
 * Python's float text costs more than Java's. Both codecs decode the very same texts, the ones Hermes writes
 * (the new encoder's: the old decoder reads them too).
 */
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"}) // a fixed, pre-touched heap: see README.md, "JVM settings"
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(CodecBenchmark.N)
@State(Scope.Thread)
public class CodecBenchmark {
    static final int N = 1_000;

    @Param({"standard", "numbers"})
    public String events;

    private List<Event> eventList;
    private List<String> texts;

    @Setup(Level.Trial)
    public void prepare() {
        eventList = events.equals("standard") ? HermesEvents.standard().events(N) : numberEvents();
        texts = new ArrayList<>(N);
        for (Event event : eventList) {
            String text = event.toJson();
            // both decoders must read every text to the same event, or the comparison means nothing
            BaselineCodec.Decoded old = BaselineCodec.fromJson(text);
            Event now = Event.fromJson(text);
            if (!old.evcategory().equals(now.evcategory()) || old.objattrs().size() != now.objattrs().size()
                    || old.step() != now.step()) {
                throw new IllegalStateException("the decoders disagree on " + text);
            }
            texts.add(text);
        }
    }

    /** Events of Hermes' shape whose attributes are mostly numbers. */
    private static List<Event> numberEvents() {
        SplittableRandom random = new SplittableRandom(HermesEvents.SEED);
        List<Event> events = new ArrayList<>(N);
        for (int i = 0; i < N; i++) {
            Map<String, Object> attrs = new LinkedHashMap<>();
            attrs.put("user_id", 1 + random.nextLong(2_000_000L));
            attrs.put("score", random.nextInt(10_000) / 8.0);
            attrs.put("ratio", random.nextDouble());
            attrs.put("quota", Math.scalb(1.0 + random.nextInt(1000), 40 + random.nextInt(20)));
            attrs.put("tiny", random.nextDouble() * 1e-5);
            attrs.put("balance", (random.nextInt(2_000_000) - 1_000_000) / 100.0);
            List<Object> measurements = new ArrayList<>();
            for (int j = 0; j < 8; j++) {
                measurements.add(random.nextBoolean() ? random.nextDouble() * 1000 : (double) random.nextInt(100));
            }
            attrs.put("measurements", measurements);
            attrs.put("counts", List.of(random.nextLong(1000), random.nextLong(1_000_000), random.nextLong()));
            events.add(new Event(HermesEvents.CATEGORIES.get(i % 4), "modified", "Metrics", (long) i, attrs, 0, false));
        }
        return events;
    }

    @Benchmark
    public void encodeOld(Blackhole sink) {
        for (Event event : eventList) {
            sink.consume(BaselineCodec.toJson(event));
        }
    }

    @Benchmark
    public void encodeNew(Blackhole sink) {
        for (Event event : eventList) {
            sink.consume(event.toJson());
        }
    }

    @Benchmark
    public void encodeBytesOld(Blackhole sink) {
        for (Event event : eventList) {
            sink.consume(BaselineCodec.toJson(event).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Benchmark
    public void encodeBytesNew(Blackhole sink) {
        for (Event event : eventList) {
            sink.consume(event.toJsonBytes());
        }
    }

    @Benchmark
    public void decodeOld(Blackhole sink) {
        for (String text : texts) {
            sink.consume(BaselineCodec.fromJson(text));
        }
    }

    @Benchmark
    public void decodeNew(Blackhole sink) {
        for (String text : texts) {
            sink.consume(Event.fromJson(text));
        }
    }
}
