package io.hermesbus.bench;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Event;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
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
 * Benchmark 2, consume throughput: reading the first {@value #N} standard events from the beginning, each
 * yielded as an {@code Event} (with its offset and timestamp set, except in the floor). One invocation reads
 * all {@value #N}; the score is events per second ({@code @OperationsPerInvocation}).
 *
 * <ul>
 *   <li>{@link #fileBus}: a file bus consumer, {@code seekToBeginning()} then iterating (timeout 0).
 *   <li>{@link #sqlite}: SQLite as Hermes' SQLite consumer reads it: a read-only connection,
 *       {@code SELECT msgid, data, timestamp FROM hermesmessages WHERE msgid >= ? ORDER BY msgid} from 1, and
 *       {@code Event.fromJson(data)} per row.
 *   <li>{@link #sqliteBus}: the same database read through the SQLite bus plugin, {@code seekToBeginning()} then
 *       iterating (timeout 0).
 *   <li>{@link #decodeFloor}: {@code Event.fromJson} over the same JSON texts held in memory: what any bus that
 *       yields {@code Event}s cannot beat.
 * </ul>
 *
 * The log and the database are written once per trial (not measured), so they are read from the page cache.
 */
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"}) // a fixed, pre-touched heap: see README.md, "JVM settings"
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ConsumeBenchmark.N)
public class ConsumeBenchmark {
    static final int N = 100_000;

    @State(Scope.Thread)
    public static class FileBusLog {
        Path folder;
        AbstractMessageBusConsumerPlugin consumer;

        @Setup(Level.Trial)
        public void write() {
            folder = BenchFiles.newFolder("consume-file");
            HermesEvents events = HermesEvents.standard();
            FileBusLogs.write(folder, N, events::event);
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
    }

    /** One database in Hermes' format, read by bare JDBC ({@link #sqlite}) and by the plugin ({@link #sqliteBus}). */
    @State(Scope.Thread)
    public static class SqliteLog {
        Path folder;
        Connection connection;
        PreparedStatement select;
        AbstractMessageBusConsumerPlugin bus;

        @Setup(Level.Trial)
        public void write() throws SQLException {
            folder = BenchFiles.newFolder("consume-sqlite");
            Path file = folder.resolve("bus.sqlite");
            HermesSqlite.write(file, N, HermesEvents.standard()::event);
            connection = HermesSqlite.openReadOnly(file);
            select = connection.prepareStatement(HermesSqlite.SELECT);
            bus = SqliteBusLogs.openConsumer(file);
        }

        @TearDown(Level.Trial)
        public void delete() throws SQLException {
            try {
                bus.close();
                select.close();
                connection.close();
            } finally {
                BenchFiles.delete(folder);
            }
        }
    }

    @State(Scope.Thread)
    public static class JsonInMemory {
        String[] jsons;

        @Setup(Level.Trial)
        public void encode() {
            List<Event> events = HermesEvents.standard().events(N);
            jsons = new String[N];
            for (int i = 0; i < N; i++) {
                jsons[i] = events.get(i).toJson();
            }
        }
    }

    @Benchmark
    public void fileBus(FileBusLog log, Blackhole blackhole) {
        readAll(log.consumer, blackhole);
    }

    @Benchmark
    public void sqlite(SqliteLog log, Blackhole blackhole) throws SQLException {
        expect(HermesSqlite.consume(log.select, 1, blackhole::consume));
    }

    @Benchmark
    public void sqliteBus(SqliteLog log, Blackhole blackhole) {
        readAll(log.bus, blackhole);
    }

    /** What a Hermes client does: from the beginning, every event, until a wait of the consumer's timeout (0). */
    private static void readAll(AbstractMessageBusConsumerPlugin consumer, Blackhole blackhole) {
        consumer.seekToBeginning();
        int count = 0;
        for (Event event : consumer) {
            blackhole.consume(event);
            count++;
        }
        expect(count);
    }

    @Benchmark
    public void decodeFloor(JsonInMemory json, Blackhole blackhole) {
        for (String text : json.jsons) {
            blackhole.consume(Event.fromJson(text));
        }
    }

    static void expect(long count) {
        if (count != N) {
            throw new IllegalStateException("read " + count + " events, expected " + N);
        }
    }
}
