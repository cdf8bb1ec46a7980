package io.hermesbus.bench;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Benchmark 3, skipping by category: a file-bus log of {@value #OTHERS} standard events of three categories,
 * then one event of the fourth; from the beginning, find that one. The score is the time to find it.
 *
 * <ul>
 *   <li>{@link #findNextEventOfCategory}: the file bus's own {@code findNextEventOfCategory}, which compares
 *       each record's stored category and decodes only the match.
 *   <li>{@link #iterateAndDecode}: iterating the consumer and checking each event's category, which decodes
 *       every event (what {@code AbstractMessageBusConsumerPlugin}'s default implementation does).
 * </ul>
 */
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"}) // a fixed, pre-touched heap: see README.md, "JVM settings"
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class CategorySkipBenchmark {
    static final int OTHERS = 1_000_000;
    static final String WANTED = HermesEvents.CATEGORIES.get(3);
    static final List<String> OTHER_CATEGORIES = HermesEvents.CATEGORIES.subList(0, 3);

    Path folder;
    AbstractMessageBusConsumerPlugin consumer;

    @Setup(Level.Trial)
    public void write() {
        folder = BenchFiles.newFolder("category-skip");
        HermesEvents events = HermesEvents.standard();
        FileBusLogs.write(folder, OTHERS + 1,
                i -> i < OTHERS ? events.event(i, OTHER_CATEGORIES) : events.event(i, List.of(WANTED)));
        consumer = FileBusLogs.openConsumer(folder);
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
    public Event findNextEventOfCategory() {
        consumer.seekToBeginning();
        return found(consumer.findNextEventOfCategory(WANTED).orElse(null));
    }

    @Benchmark
    public Event iterateAndDecode() {
        consumer.seekToBeginning();
        for (Event event : consumer) {
            if (event.evcategory().equals(WANTED)) {
                return found(event);
            }
        }
        return found(null);
    }

    private static Event found(Event event) {
        if (event == null || !Offset.of((long) OTHERS).equals(event.offset())) {
            throw new IllegalStateException("expected the " + WANTED + " event at offset " + OTHERS + ", found " + event);
        }
        return event;
    }
}
