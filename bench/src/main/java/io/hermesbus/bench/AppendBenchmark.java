package io.hermesbus.bench;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
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
 * Benchmark 1, append throughput: one thread sends the standard events (cycling over the first
 * {@value #POOL}) one at a time, each store in a fresh temporary folder per trial. One operation is one event
 * sent; the score is events per second.
 *
 * <ul>
 *   <li>{@code file-sync}, {@code file-group}, {@code file-os}: the file bus, {@code send(event)} with
 *       {@code durability} {@code sync} (force before send returns), {@code group} (defaults
 *       {@code sync_interval_ms} = 10, {@code sync_events} = 1000) and {@code os} (never forces).
 *   <li>{@code sqlite-commit-each}: SQLite as Hermes' SQLite producer uses it, one INSERT and one commit per
 *       event, default journal mode and synchronous setting.
 *   <li>{@code sqlite-batch-1000}: the same INSERTs, committed every 1000 events: SQLite's counterpart of group
 *       commit (the last, partial batch of an iteration is committed after the iteration, unmeasured).
 *   <li>{@code sqlite-bus}: the SQLite bus plugin, {@code send(event)}: what {@code sqlite-commit-each} does, through
 *       the plugin (one INSERT and commit per event, as Hermes' producer).
 * </ul>
 *
 * {@link #encodeOnly} is the floor every store pays: {@code Event.toJson()} alone (both the file bus and SQLite
 * encode each event so).
 */
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"}) // a fixed, pre-touched heap: see README.md, "JVM settings"
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AppendBenchmark {
    static final int POOL = 10_000;

    /** The first {@value #POOL} standard events, sent in a cycle. */
    @State(Scope.Thread)
    public static class Events {
        List<Event> events;
        int next;

        @Setup(Level.Trial)
        public void make() {
            events = HermesEvents.standard().events(POOL);
        }

        Event next() {
            Event event = events.get(next);
            next = next + 1 == POOL ? 0 : next + 1;
            return event;
        }
    }

    /** What to append to: made fresh, in a new temporary folder, for each trial; deleted after it. */
    @State(Scope.Thread)
    public static class Store {
        @Param({"file-sync", "file-group", "file-os", "sqlite-commit-each", "sqlite-batch-1000", "sqlite-bus"})
        public String store;

        Path folder;
        AbstractMessageBusProducerPlugin producer;
        HermesSqlite sqlite;
        int uncommitted;
        boolean batched;

        @Setup(Level.Trial)
        public void open() throws SQLException {
            folder = BenchFiles.newFolder("append-" + store);
            switch (store) {
                case "file-sync" -> producer = FileBusLogs.openProducer(folder, "sync");
                case "file-group" -> producer = FileBusLogs.openProducer(folder, "group");
                case "file-os" -> producer = FileBusLogs.openProducer(folder, "os");
                case "sqlite-commit-each" -> sqlite = HermesSqlite.openProducer(folder.resolve("bus.sqlite"));
                case "sqlite-bus" -> producer = SqliteBusLogs.openProducer(folder.resolve("bus.sqlite"));
                case "sqlite-batch-1000" -> {
                    sqlite = HermesSqlite.openProducer(folder.resolve("bus.sqlite"));
                    batched = true;
                }
                default -> throw new IllegalArgumentException("unknown store " + store);
            }
        }

        void append(Event event) throws SQLException {
            if (producer != null) {
                producer.send(event);
                return;
            }
            sqlite.insert(event);
            if (!batched || ++uncommitted == 1000) {
                sqlite.commit();
                uncommitted = 0;
            }
        }

        @TearDown(Level.Iteration)
        public void commitPartialBatch() throws SQLException {
            if (sqlite != null && uncommitted > 0) {
                sqlite.commit();
                uncommitted = 0;
            }
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            try {
                if (producer != null) {
                    producer.close();
                }
                if (sqlite != null) {
                    sqlite.close();
                }
                System.out.printf("%n[teardown] %s: %s written%n", store, BenchFiles.human(BenchFiles.size(folder)));
            } finally {
                BenchFiles.delete(folder);
            }
        }
    }

    @Benchmark
    public void append(Store store, Events events) throws SQLException {
        store.append(events.next());
    }

    /** The floor of any store that is given {@code Event}s: encoding each one to Hermes JSON. */
    @Benchmark
    public String encodeOnly(Events events) {
        return events.next().toJson();
    }
}
