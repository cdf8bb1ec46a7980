package io.hermesbus.bench;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBuses;
import io.hermesbus.api.Offset;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.sqlite.SQLiteConfig;

/**
 * The processes of {@link TailLatencyBenchmark}: one role per JVM, named by the first argument.
 *
 * <ul>
 *   <li>{@code producer <bus> <count> <rate> <times file> key=value...}: opens the bus's producer plugin, prints
 *       {@code open}, then sends {@code count} events, event {@code i} at {@code start + i / rate} ({@code rate} 0:
 *       each as soon as the last returned), and records {@code System.nanoTime()} right after each {@code send}
 *       returned. Writes the times (big-endian longs) to the file and prints {@code done}.
 *   <li>{@code consumer <kind> <count> <times file> key=value...}: {@code kind} is a bus's name (its consumer plugin,
 *       from the beginning) or {@code hermes-sqlite} (Hermes' own SQLite consumer's loop, in bare JDBC). Prints
 *       {@code ready} once waiting for the first event, records {@code System.nanoTime()} right after each
 *       {@code next()} returned, checks that the events come in the order sent, and writes the times likewise.
 *   <li>{@code idle <kind> key=value...}: opens the consumer at the end of the bus and waits for an event that never
 *       comes (a timeout of ten minutes), printing {@code waiting} first: the parent reads its CPU time.
 *   <li>{@code hog <threads>}: that many threads spinning until killed: the loaded variants' background load (0: a
 *       JVM that only sleeps, the idle reference).
 * </ul>
 *
 * <p>The events are {@link HermesEvents#standard()}'s first {@value #POOL} (500-600 bytes of JSON), sent in turn.
 */
public final class TailChild {
    static final int POOL = 1_000;
    private static final int IDLE_TIMEOUT_MS = 600_000;
    /** The longest a consumer waits for the next event before giving up: far beyond any latency measured. */
    private static final int CONSUMER_TIMEOUT_MS = 120_000;

    private TailChild() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "producer" -> produce(args[1], Integer.parseInt(args[2]), Double.parseDouble(args[3]), Path.of(args[4]), settings(args, 5));
            case "consumer" -> consume(args[1], Integer.parseInt(args[2]), Path.of(args[3]), settings(args, 4));
            case "idle" -> idle(args[1], settings(args, 2));
            case "hog" -> hog(Integer.parseInt(args[1]));
            default -> throw new IllegalArgumentException("unknown role " + args[0]);
        }
    }

    private static Map<String, Object> settings(String[] args, int from) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            settings.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        return settings;
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void produce(String bus, int count, double rate, Path timesFile, Map<String, Object> settings) throws IOException {
        List<Event> pool = HermesEvents.standard().events(POOL);
        long[] times = new long[count];
        try (AbstractMessageBusProducerPlugin producer = MessageBuses.producer(bus, settings)) {
            producer.open();
            say("open");
            long period = rate > 0 ? (long) (1e9 / rate) : 0;
            long start = System.nanoTime() + 1_000_000;
            for (int i = 0; i < count; i++) {
                if (period > 0) {
                    long due = start + i * period;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                }
                producer.send(pool.get(i % POOL));
                times[i] = System.nanoTime();
            }
            writeTimes(timesFile, times);
        }
        say("done");
    }

    private static void consume(String kind, int count, Path timesFile, Map<String, Object> settings) throws Exception {
        List<Event> pool = HermesEvents.standard().events(POOL);
        long[] times = new long[count];
        Iterator<Event> events;
        AutoCloseable closing;
        if (kind.equals("hermes-sqlite")) {
            HermesSqliteConsumer hermes = new HermesSqliteConsumer(Path.of((String) settings.get("uri")));
            events = hermes;
            closing = hermes;
        } else {
            AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer(kind, settings);
            consumer.open();
            consumer.seekToBeginning();
            consumer.setTimeout(CONSUMER_TIMEOUT_MS);
            events = consumer.iterator();
            closing = consumer;
        }
        try (closing) {
            say("ready");
            for (int i = 0; i < count; i++) {
                Event event = events.next();
                times[i] = System.nanoTime();
                Event sent = pool.get(i % POOL);
                if (!event.objpkey().equals(sent.objpkey()) || !event.evcategory().equals(sent.evcategory())) {
                    throw new IllegalStateException("event " + i + " is not the one sent " + i + "th: got " + event.objpkey()
                            + " " + event.evcategory() + ", sent " + sent.objpkey() + " " + sent.evcategory());
                }
            }
        }
        if (events instanceof HermesSqliteConsumer hermes && hermes.lockedReads > 0) {
            say("note hermes-sqlite: " + hermes.lockedReads + " reads failed with 'database is locked' after SQLite's 5 s busy"
                    + " timeout (Hermes' consumer would raise sqlite3.OperationalError); the loop read again");
        }
        writeTimes(timesFile, times);
        say("done");
    }

    private static void idle(String kind, Map<String, Object> settings) throws Exception {
        if (kind.equals("hermes-sqlite")) {
            try (HermesSqliteConsumer hermes = new HermesSqliteConsumer(Path.of((String) settings.get("uri")))) {
                say("waiting");
                hermes.next(); // polls every 500 ms, forever: nothing comes
            }
            return;
        }
        try (AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer(kind, settings)) {
            consumer.open();
            consumer.setTimeout(0);
            consumer.forEach(event -> { }); // to the end, if anything is there
            consumer.setTimeout(IDLE_TIMEOUT_MS);
            say("waiting");
            consumer.iterator().hasNext();
        }
    }

    private static void hog(int threads) throws InterruptedException {
        for (int t = 0; t < threads; t++) {
            Thread spinner = new Thread(() -> {
                long x = 1;
                while (x != 0) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
            }, "hog-" + t);
            spinner.start();
        }
        say("spinning");
        Thread.sleep(Long.MAX_VALUE); // with no spinner (0 threads): an idle JVM, for reference
    }

    private static void writeTimes(Path file, long[] times) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out))) {
            for (long time : times) {
                data.writeLong(time);
            }
        }
    }

    /**
     * Hermes' SQLite consumer plugin's {@code __iter__}, in JDBC (see {@code shared/fixtures/hermes/README.md} and
     * {@link HermesSqlite}): a read-only connection with Python's default busy timeout (5 s); while waiting,
     * {@code SELECT * FROM hermesmessages WHERE msgid >= :offset ORDER BY msgid}, all rows fetched, then each
     * decoded and yielded in turn; none: {@code time.sleep(0.5)} and again.
     */
    private static final class HermesSqliteConsumer implements Iterator<Event>, AutoCloseable {
        private static final long SLEEP_MS = 500;
        private final Path file;
        private Connection connection;
        private PreparedStatement select;
        private final List<Object[]> fetched = new ArrayList<>();
        private int nextFetched;
        private long offset = 1;
        /** Reads that failed because the file stayed locked for the whole busy timeout; Hermes' would raise. */
        int lockedReads;

        HermesSqliteConsumer(Path file) {
            this.file = file;
        }

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Event next() {
            try {
                while (nextFetched == fetched.size()) {
                    fetch();
                    if (fetched.isEmpty()) {
                        Thread.sleep(SLEEP_MS);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("reading " + file + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Object[] row = fetched.get(nextFetched++);
            long msgid = (Long) row[0];
            offset = msgid + 1;
            return Event.fromJson((String) row[1]).at(Offset.of(msgid),
                    Instant.ofEpochMilli(Math.round((Double) row[2] * 1000)));
        }

        private void fetch() throws SQLException {
            fetched.clear();
            nextFetched = 0;
            if (connection == null) {
                if (!Files.exists(file)) {
                    return;
                }
                SQLiteConfig config = new SQLiteConfig();
                config.setReadOnly(true);
                config.setBusyTimeout(5_000); // Python's sqlite3.connect(timeout=5.0)
                connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
                select = connection.prepareStatement(HermesSqlite.SELECT);
            }
            select.setLong(1, offset);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    fetched.add(new Object[] {rows.getLong(1), rows.getString(2), rows.getDouble(3)});
                }
            } catch (SQLException e) {
                if ((e.getErrorCode() & 0xff) != 5 && (e.getErrorCode() & 0xff) != 6) {
                    throw e;
                }
                lockedReads++; // SQLITE_BUSY, SQLITE_LOCKED: counted, and read again at once
                fetched.clear();
                select.close();
                select = connection.prepareStatement(HermesSqlite.SELECT);
                fetch();
            }
        }

        @Override
        public void close() throws SQLException {
            if (connection != null) {
                connection.close();
            }
        }
    }
}
