package io.hermesbus.bench;

import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.sqlite.SQLiteConfig;

/**
 * SQLite used the way Hermes' SQLite bus plugins use it (see {@code shared/fixtures/hermes/README.md}): one table
 * {@code hermesmessages (msgid INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL, timestamp REAL NOT NULL)},
 * the event's JSON in {@code data}, Unix seconds in {@code timestamp}, and SQLite's defaults otherwise (rollback
 * journal, {@code synchronous=FULL}): no pragma is set.
 */
final class HermesSqlite implements AutoCloseable {
    static final String CREATE = "CREATE TABLE IF NOT EXISTS hermesmessages "
            + "(msgid INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL, timestamp REAL NOT NULL)";
    static final String INSERT = "INSERT INTO hermesmessages (data, timestamp) VALUES (?, ?)";
    static final String SELECT = "SELECT msgid, data, timestamp FROM hermesmessages WHERE msgid >= ? ORDER BY msgid";
    /** The bounds Hermes' consumer checks before a seek: {@code minmsgid <= offset <= nextmsgid}. */
    static final String SEEK_BOUNDS = "SELECT min(hermesmessages.msgid) AS minmsgid, max(sqlite_sequence.seq)+1 AS nextmsgid"
            + " FROM hermesmessages, sqlite_sequence WHERE sqlite_sequence.name = 'hermesmessages'";
    private static final int SETUP_BATCH = 100_000;

    private final Connection connection;
    private final PreparedStatement insert;

    private HermesSqlite(Connection connection, PreparedStatement insert) {
        this.connection = connection;
        this.insert = insert;
    }

    /** Opens (creating if needed) the database as Hermes' producer does, with transactions left to the caller. */
    static HermesSqlite openProducer(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement create = connection.createStatement()) {
            create.execute(CREATE);
        }
        connection.setAutoCommit(false);
        return new HermesSqlite(connection, connection.prepareStatement(INSERT));
    }

    /** Inserts {@code event} as Hermes' producer does ({@code to_json()}, the time now); does not commit. */
    void insert(Event event) throws SQLException {
        insert.setString(1, event.toJson());
        insert.setDouble(2, System.currentTimeMillis() / 1000.0);
        insert.executeUpdate();
    }

    void commit() throws SQLException {
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        try {
            insert.close();
            connection.commit();
        } finally {
            connection.close();
        }
    }

    /**
     * Writes events {@code 0 .. count-1} of {@code events} (so {@code msgid}s 1 .. count) into a new database in
     * Hermes' format, {@value #SETUP_BATCH} per transaction: setup for the read benchmarks, not measured. Says how
     * big the database is on standard output (JMH shows it).
     */
    static void write(Path file, long count, LongFunction<Event> events) throws SQLException {
        long start = System.nanoTime();
        try (HermesSqlite sqlite = openProducer(file)) {
            for (long i = 0; i < count; i++) {
                sqlite.insert(events.apply(i));
                if ((i + 1) % SETUP_BATCH == 0) {
                    sqlite.commit();
                }
            }
        }
        System.out.printf("%n[setup] sqlite: wrote %,d events, %s, in %.1f s, to %s%n", count,
                BenchFiles.human(BenchFiles.size(file.getParent())), (System.nanoTime() - start) / 1e9, file);
    }

    /** A read-only connection, as Hermes' consumer opens the file ({@code mode=ro}). */
    static Connection openReadOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    }

    /**
     * Reads every event from {@code fromMsgid} on as Hermes' consumer does: the SELECT above, then per row
     * {@code Event.fromJson(data)} with the offset ({@code msgid}) and timestamp set. Returns how many it read.
     */
    static long consume(PreparedStatement select, long fromMsgid, Consumer<Event> sink) throws SQLException {
        select.setLong(1, fromMsgid);
        long count = 0;
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                long msgid = rows.getLong(1);
                String data = rows.getString(2);
                double seconds = rows.getDouble(3);
                sink.accept(Event.fromJson(data).at(Offset.of(msgid), Instant.ofEpochMilli(Math.round(seconds * 1000))));
                count++;
            }
        }
        return count;
    }

    /**
     * Hermes' consumer's {@code findNextEventOfCategory}: iterates the rows from {@code fromMsgid} (the SELECT
     * above), decoding each with {@code Event.fromJson}, and returns the first of {@code category}; null if none.
     */
    static Event findFirstOfCategory(PreparedStatement select, long fromMsgid, String category) throws SQLException {
        select.setLong(1, fromMsgid);
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Event event = Event.fromJson(rows.getString(2));
                if (event.evcategory().equals(category)) {
                    return event.at(Offset.of(rows.getLong(1)), Instant.ofEpochMilli(Math.round(rows.getDouble(3) * 1000)));
                }
            }
        }
        return null;
    }

    /**
     * Hermes' consumer's {@code seek(msgid)} and the first event its iteration then yields: the bounds query above,
     * the range check, then the SELECT from {@code msgid}, of which only the first row is read (Hermes' Python
     * consumer fetches every row from there; over JDBC the rest is never stepped).
     */
    static Event seekAndRead(PreparedStatement bounds, PreparedStatement select, long msgid) throws SQLException {
        try (ResultSet range = bounds.executeQuery()) {
            range.next();
            if (msgid < range.getLong(1) || msgid > range.getLong(2)) {
                throw new IllegalStateException("offset " + msgid + " is not in the bus");
            }
        }
        select.setLong(1, msgid);
        try (ResultSet rows = select.executeQuery()) {
            if (!rows.next()) {
                return null;
            }
            return Event.fromJson(rows.getString(2))
                    .at(Offset.of(rows.getLong(1)), Instant.ofEpochMilli(Math.round(rows.getDouble(3) * 1000)));
        }
    }
}
