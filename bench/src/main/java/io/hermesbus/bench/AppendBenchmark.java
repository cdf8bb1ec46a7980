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
import org.openjdk.jmh.annotations.Threads;

/**
 * Benchmark 1, append throughput: 1, 2 or 4 threads send the standard events (each thread cycling over the first
 * {@value #POOL}) one at a time through one store, made in a fresh temporary folder per trial. One operation is one
 * event sent; the score is events per second, summed over the threads (JMH adds up the threads' throughputs).
 *
 * <ul>
 *   <li>{@code file-sync}, {@code file-group}, {@code file-os}: the file bus, {@code send(event)} with
 *       {@code durability} {@code sync} (force before send returns), {@code group} (defaults
 *       {@code sync_interval_ms} = 10, {@code sync_events} = 1000) and {@code os} (never forces). Concurrent sends
 *       of one producer are written together (group commit).
 *   <li>{@code file-group-wb}, {@code file-os-wb}: the same with {@code write_behind = true}: {@code send} returns
 *       once the record is in the producer's buffer, written at each tick or every 64 KiB.
 *   <li>{@code sqlite-commit-each}: SQLite as Hermes' SQLite producer uses it, one INSERT and one commit per
 *       event, default journal mode and synchronous setting.
 *   <li>{@code sqlite-batch-1000}: the same INSERTs, committed every 1000 events: SQLite's counterpart of group
 *       commit (the last, partial batch of an iteration is committed after the iteration, unmeasured).
 *   <li>{@code sqlite-bus}: the SQLite bus plugin, {@code send(event)}: what {@code sqlite-commit-each} does, through
 *       the plugin (one INSERT and commit per event, as Hermes' producer).
 * </ul>
 *
 * The SQLite stores run with one thread only ({@link #append}): Hermes' producer sends from one thread, and one
 * JDBC connection serves one thread at a time. The file bus runs with 1 ({@link #append}), 2 ({@link #append2}) and 4
 * ({@link #append4}) threads sharing one producer.
 *
 * {@link #encodeOnly} (and {@link #encodeOnly2}, {@link #encodeOnly4} with as many threads) is the ceiling every
 * store has: {@code Event.toJson()} alone on the same events (both the file bus and SQLite encode each event so).
 */
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"}) // a fixed, pre-touched heap: see README.md, "JVM settings"
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AppendBenchmark {
    static final int POOL = 10_000;

    /** The first {@value #POOL} standard events, sent in a cycle; one cycle per thread. */
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

    /** What to append to, shared by the benchmark's threads: made fresh, in a new temporary folder, for each trial. */
    abstract static class Target {
        Path folder;
        AbstractMessageBusProducerPlugin producer;
        HermesSqlite sqlite;
        int uncommitted;
        boolean batched;

        void open(String store) throws SQLException {
            folder = BenchFiles.newFolder("append-" + store);
            switch (store) {
                case "file-sync" -> producer = FileBusLogs.openProducer(folder, "sync");
                case "file-group" -> producer = FileBusLogs.openProducer(folder, "group");
                case "file-os" -> producer = FileBusLogs.openProducer(folder, "os");
                case "file-group-wb" -> producer = FileBusLogs.openWriteBehindProducer(folder, "group");
                case "file-os-wb" -> producer = FileBusLogs.openWriteBehindProducer(folder, "os");
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

        void commitPartialBatch() throws SQLException {
            if (sqlite != null && uncommitted > 0) {
                sqlite.commit();
                uncommitted = 0;
            }
        }

        void close(String store) throws SQLException {
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

    /** Every store, for one sending thread. */
    @State(Scope.Benchmark)
    public static class Store extends Target {
        @Param({"file-sync", "file-group", "file-os", "file-group-wb", "file-os-wb", "sqlite-commit-each",
                "sqlite-batch-1000", "sqlite-bus"})
        public String store;

        @Setup(Level.Trial)
        public void open() throws SQLException {
            open(store);
        }

        @TearDown(Level.Iteration)
        public void commitPartialBatch() throws SQLException {
            super.commitPartialBatch();
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            close(store);
        }
    }

    /** The file bus's stores, for several threads sharing one producer. */
    @State(Scope.Benchmark)
    public static class FileStore extends Target {
        @Param({"file-sync", "file-group", "file-os", "file-group-wb", "file-os-wb"})
        public String fileStore;

        @Setup(Level.Trial)
        public void open() throws SQLException {
            open(fileStore);
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            close(fileStore);
        }
    }

    @Benchmark
    @Threads(1)
    public void append(Store store, Events events) throws SQLException {
        store.append(events.next());
    }

    @Benchmark
    @Threads(2)
    public void append2(FileStore store, Events events) throws SQLException {
        store.append(events.next());
    }

    @Benchmark
    @Threads(4)
    public void append4(FileStore store, Events events) throws SQLException {
        store.append(events.next());
    }

    /** The ceiling of any store that is given {@code Event}s: encoding each one to Hermes JSON. */
    @Benchmark
    @Threads(1)
    public String encodeOnly(Events events) {
        return events.next().toJson();
    }

    @Benchmark
    @Threads(2)
    public String encodeOnly2(Events events) {
        return events.next().toJson();
    }

    @Benchmark
    @Threads(4)
    public String encodeOnly4(Events events) {
        return events.next().toJson();
    }
}
