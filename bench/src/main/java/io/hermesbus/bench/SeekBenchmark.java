package io.hermesbus.bench;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
 * Benchmark 4, seek: {@code seek(o)} to a random offset of a bus, then reading the one event there.
 * The score is the time of one seek and read.
 *
 * <p>The bus holds {@link #events} {@linkplain HermesEvents#smallEvent small events} (about 170 bytes of JSON,
 * about 200 bytes a record: a million make a 210 MB log of 4 segments, ten million a 2.1 GB log of 33 segments),
 * written once per trial in a temporary folder and deleted
 * at the end of the trial: {@code store=file} a file-bus log with durability {@code os}; {@code store=sqlite-bus}
 * an SQLite database in Hermes' format (bare JDBC, batched) read through the SQLite bus plugin;
 * {@code store=hermes-sqlite} the same database read as Hermes' consumer does, in bare JDBC (its bounds query, then
 * the SELECT from the offset, of which one row is read; its bounds query scans the table, about 0.5 s at 1 M rows
 * and 2-5 s at 10 M, so its trials at those sizes measure only a few operations). Offsets come from a seeded
 * generator, the same for every run (SQLite's {@code msgid} is the file bus's offset plus one). One consumer makes
 * every seek of a trial, as a client that keeps its consumer does: the file bus's measures the steady state of its
 * seek cache (segment list, index entries and segment files remembered after the first seeks).
 */
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"}) // a fixed, pre-touched heap: see README.md, "JVM settings"
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class SeekBenchmark {
    private static final int TARGETS = 1 << 16;

    @Param({"10000", "1000000", "10000000"})
    public long events;

    @Param({"file", "sqlite-bus", "hermes-sqlite"})
    public String store;

    Path folder;
    AbstractMessageBusConsumerPlugin consumer;
    Connection connection;
    PreparedStatement bounds;
    PreparedStatement select;
    long[] targets;
    int next;

    @Setup(Level.Trial)
    public void write() throws SQLException {
        folder = BenchFiles.newFolder("seek-" + store + "-" + events);
        HermesEvents generator = HermesEvents.standard();
        // offsets of the events, the file bus's from 0 and SQLite's msgid from 1
        long first = 0;
        switch (store) {
            case "file" -> {
                FileBusLogs.write(folder, events, generator::smallEvent);
                consumer = FileBusLogs.openConsumer(folder);
            }
            case "sqlite-bus", "hermes-sqlite" -> {
                Path file = folder.resolve("bus.sqlite");
                HermesSqlite.write(file, events, generator::smallEvent);
                first = 1;
                if (store.equals("sqlite-bus")) {
                    consumer = SqliteBusLogs.openConsumer(file);
                } else {
                    connection = HermesSqlite.openReadOnly(file);
                    bounds = connection.prepareStatement(HermesSqlite.SEEK_BOUNDS);
                    select = connection.prepareStatement(HermesSqlite.SELECT);
                }
            }
            default -> throw new IllegalArgumentException("unknown store " + store);
        }
        SplittableRandom random = new SplittableRandom(HermesEvents.SEED);
        targets = new long[TARGETS];
        for (int i = 0; i < TARGETS; i++) {
            targets[i] = first + random.nextLong(events);
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws SQLException {
        try {
            if (consumer != null) {
                consumer.close();
            }
            if (connection != null) {
                bounds.close();
                select.close();
                connection.close();
            }
        } finally {
            BenchFiles.delete(folder);
        }
    }

    @Benchmark
    public Event seekAndRead() throws SQLException {
        long target = targets[next];
        next = (next + 1) & (TARGETS - 1);
        Event event;
        if (consumer != null) {
            consumer.seek(Offset.of(target));
            event = consumer.iterator().next();
        } else {
            event = HermesSqlite.seekAndRead(bounds, select, target);
        }
        if (event == null || ((Offset.IntOffset) event.offset()).value() != target) {
            throw new IllegalStateException("seek(" + target + ") then next() gave " + event);
        }
        return event;
    }
}
