package io.hermesbus.bench;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Benchmark 3, skipping by category: a bus holding {@value #OTHERS} standard events of three categories, then one
 * event of the fourth; from the beginning, find that one. The score is the time to find it.
 *
 * <ul>
 *   <li>{@link #findNextEventOfCategory}: the bus's own {@code findNextEventOfCategory}. The file bus
 *       ({@code store=file}) compares each record's stored category and decodes only the match; the SQLite bus
 *       plugin ({@code store=sqlite-bus}) has SQLite compare {@code json_extract(data, '$.evcategory')} in one query
 *       and decodes only the match.
 *   <li>{@link #iterateAndDecode}: iterating the consumer and checking each event's category, which decodes
 *       every event (what {@code AbstractMessageBusConsumerPlugin}'s default implementation does).
 *   <li>{@link #hermesSqlite}: Hermes' own SQLite consumer's search over the same database, in bare JDBC: one SELECT
 *       from the start, {@code Event.fromJson} of every row until the category matches.
 * </ul>
 *
 * The SQLite databases are written in Hermes' format by bare JDBC, batched (setup, not measured).
 */
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"}) // a fixed, pre-touched heap: see README.md, "JVM settings"
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CategorySkipBenchmark {
    static final int OTHERS = 1_000_000;
    static final String WANTED = HermesEvents.CATEGORIES.get(3);
    static final List<String> OTHER_CATEGORIES = HermesEvents.CATEGORIES.subList(0, 3);

    /** Event {@code index} of the searched bus: of the other categories, except the last, which is the one wanted. */
    static Event event(HermesEvents events, long index) {
        return index < OTHERS ? events.event(index, OTHER_CATEGORIES) : events.event(index, List.of(WANTED));
    }

    /** The bus searched through a consumer plugin, written once per trial and deleted after it. */
    @State(Scope.Thread)
    public static class Bus {
        @Param({"file", "sqlite-bus"})
        public String store;

        Path folder;
        AbstractMessageBusConsumerPlugin consumer;
        /** Where the wanted event lies: the file bus counts from 0, SQLite's msgid from 1. */
        Offset wanted;

        @Setup(Level.Trial)
        public void write() throws SQLException {
            folder = BenchFiles.newFolder("category-skip-" + store);
            HermesEvents events = HermesEvents.standard();
            switch (store) {
                case "file" -> {
                    FileBusLogs.write(folder, OTHERS + 1, i -> event(events, i));
                    consumer = FileBusLogs.openConsumer(folder);
                    wanted = Offset.of((long) OTHERS);
                }
                case "sqlite-bus" -> {
                    Path file = folder.resolve("bus.sqlite");
                    HermesSqlite.write(file, OTHERS + 1, i -> event(events, i));
                    consumer = SqliteBusLogs.openConsumer(file);
                    wanted = Offset.of(OTHERS + 1L);
                }
                default -> throw new IllegalArgumentException("unknown store " + store);
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
    }

    /** The same events in an SQLite database read as Hermes' consumer reads it. */
    @State(Scope.Thread)
    public static class HermesSqliteLog {
        Path folder;
        Connection connection;
        PreparedStatement select;

        @Setup(Level.Trial)
        public void write() throws SQLException {
            folder = BenchFiles.newFolder("category-skip-hermes-sqlite");
            Path file = folder.resolve("bus.sqlite");
            HermesEvents events = HermesEvents.standard();
            HermesSqlite.write(file, OTHERS + 1, i -> event(events, i));
            connection = HermesSqlite.openReadOnly(file);
            select = connection.prepareStatement(HermesSqlite.SELECT);
        }

        @TearDown(Level.Trial)
        public void delete() throws SQLException {
            try {
                select.close();
                connection.close();
            } finally {
                BenchFiles.delete(folder);
            }
        }
    }

    @Benchmark
    public Event findNextEventOfCategory(Bus bus) {
        bus.consumer.seekToBeginning();
        return found(bus.consumer.findNextEventOfCategory(WANTED).orElse(null), bus.wanted);
    }

    @Benchmark
    public Event iterateAndDecode(Bus bus) {
        bus.consumer.seekToBeginning();
        for (Event event : bus.consumer) {
            if (event.evcategory().equals(WANTED)) {
                return found(event, bus.wanted);
            }
        }
        return found(null, bus.wanted);
    }

    @Benchmark
    public Event hermesSqlite(HermesSqliteLog log) throws SQLException {
        return found(HermesSqlite.findFirstOfCategory(log.select, 1, WANTED), Offset.of(OTHERS + 1L));
    }

    private static Event found(Event event, Offset wanted) {
        if (event == null || !wanted.equals(event.offset())) {
            throw new IllegalStateException("expected the " + WANTED + " event at offset " + wanted + ", found " + event);
        }
        return event;
    }
}
