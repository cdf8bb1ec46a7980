package io.hermesbus.bench;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Benchmark 4, seek: {@code seek(o)} to a random offset of a file-bus log, then reading the one event there.
 * The score is the time of one seek and read.
 *
 * <p>The log holds {@link #events} {@linkplain HermesEvents#smallEvent small events} (about 170 bytes of JSON,
 * about 200 bytes a record: ten million make a 2 GB log), written once per trial with durability {@code os} in
 * a temporary folder and deleted at the end of the trial. Offsets come from a seeded generator, the same for
 * every run.
 */
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"}) // a fixed, pre-touched heap: see README.md, "JVM settings"
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class SeekBenchmark {
    private static final int TARGETS = 1 << 16;

    @Param({"10000", "10000000"})
    public long events;

    Path folder;
    AbstractMessageBusConsumerPlugin consumer;
    long[] targets;
    int next;

    @Setup(Level.Trial)
    public void write() {
        folder = BenchFiles.newFolder("seek-" + events);
        HermesEvents generator = HermesEvents.standard();
        FileBusLogs.write(folder, events, generator::smallEvent);
        consumer = FileBusLogs.openConsumer(folder);
        SplittableRandom random = new SplittableRandom(HermesEvents.SEED);
        targets = new long[TARGETS];
        for (int i = 0; i < TARGETS; i++) {
            targets[i] = random.nextLong(events);
        }
    }

    @TearDown(Level.Trial)
    public void delete() {
        try {
            consumer.close();
        } finally {
            BenchFiles.delete(folder);
        }
    }

    @Benchmark
    public Event seekAndRead() {
        long target = targets[next];
        next = (next + 1) & (TARGETS - 1);
        consumer.seek(Offset.of(target));
        Event event = consumer.iterator().next();
        if (((Offset.IntOffset) event.offset()).value() != target) {
            throw new IllegalStateException("seek(" + target + ") then next() gave " + event);
        }
        return event;
    }
}
