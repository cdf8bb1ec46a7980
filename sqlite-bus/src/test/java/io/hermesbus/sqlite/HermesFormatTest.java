package io.hermesbus.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBuses;
import io.hermesbus.testing.HermesFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * A file written by {@link SqliteBusProducer} is what Hermes' SQLite producer writes: checked with plain JDBC, read
 * the way Hermes' consumer reads it, and against the schema of the file Hermes itself wrote.
 */
class HermesFormatTest {
    @TempDir
    Path work;

    /** Sends Hermes' eight fixture events with our producer; returns the file. */
    private Path writeTheFixtureEvents() {
        Path file = work.resolve("ours.sqlite");
        try (AbstractMessageBusProducerPlugin producer = MessageBuses.producer("sqlite",
                Map.of("uri", file.toString(), "retention_in_days", 1))) {
            producer.open();
            for (String name : HermesFixtures.eventNames()) {
                producer.send(Event.fromJson(HermesFixtures.eventJson(name)));
            }
        }
        return file;
    }

    /** Hermes' consumer opens {@code file:<uri>?mode=ro}. */
    private static Connection readOnly(Path file) throws Exception {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    }

    private static List<String> column(Path file, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = readOnly(file); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    @Test
    void theSchemaIsTheSchemaOfTheFileHermesWrote() throws Exception {
        Path ours = writeTheFixtureEvents();
        Path hermes = HermesFixtures.copyOfSqliteBus(work);
        String schema = "SELECT type || ' ' || name || ' ' || tbl_name || ': ' || sql FROM sqlite_master ORDER BY name";

        List<String> ourSchema = column(ours, schema);

        assertThat(ourSchema).isEqualTo(column(hermes, schema));
        assertThat(ourSchema).containsExactly(
                "table hermesmessages hermesmessages: CREATE TABLE hermesmessages (msgid INTEGER PRIMARY KEY AUTOINCREMENT,"
                        + " data TEXT NOT NULL, timestamp REAL NOT NULL)",
                "table sqlite_sequence sqlite_sequence: CREATE TABLE sqlite_sequence(name,seq)");
        assertThat(column(ours, "SELECT name || '=' || seq FROM sqlite_sequence"))
                .isEqualTo(column(hermes, "SELECT name || '=' || seq FROM sqlite_sequence"))
                .containsExactly("hermesmessages=8");
    }

    @Test
    void rowsHoldHermesJsonTextAndRealUnixSecondsAsHermesConsumerReadsThem() throws Exception {
        Instant before = Instant.now();
        Path ours = writeTheFixtureEvents();
        Instant after = Instant.now();
        List<String> names = HermesFixtures.eventNames();

        // Hermes' consumer: SELECT * FROM hermesmessages WHERE msgid>=:offset ORDER BY msgid, then from_json(data)
        try (Connection connection = readOnly(ours);
             PreparedStatement select = connection.prepareStatement(
                     "SELECT *, typeof(msgid), typeof(data), typeof(timestamp) FROM hermesmessages WHERE msgid>=? ORDER BY msgid")) {
            select.setLong(1, 1);
            try (ResultSet rows = select.executeQuery()) {
                double previous = 0;
                for (int i = 0; i < names.size(); i++) {
                    assertThat(rows.next()).as("row %d", i).isTrue();
                    assertThat(rows.getLong("msgid")).isEqualTo(i + 1);
                    assertThat(rows.getString("data")).as("data of row %d: %s byte for byte", i, names.get(i))
                            .isEqualTo(HermesFixtures.eventJson(names.get(i)));
                    assertThat(List.of(rows.getString(4), rows.getString(5), rows.getString(6)))
                            .containsExactly("integer", "text", "real");
                    double seconds = rows.getDouble("timestamp");
                    assertThat(seconds).isBetween(before.toEpochMilli() / 1000.0 - 0.001, after.toEpochMilli() / 1000.0 + 0.001);
                    assertThat(seconds).as("Unix seconds with a fraction, increasing").isGreaterThanOrEqualTo(previous);
                    previous = seconds;
                }
                assertThat(rows.next()).isFalse();
            }
        }
    }

    @Test
    void hermesSeekQueryAcceptsOneToNine() throws Exception {
        Path ours = writeTheFixtureEvents();

        // the bounds query Hermes' consumer runs before a seek
        List<String> bounds = column(ours, "SELECT min(hermesmessages.msgid) || ' ' || max(hermesmessages.msgid) || ' '"
                + " || (max(sqlite_sequence.seq)+1) FROM hermesmessages, sqlite_sequence WHERE sqlite_sequence.name = 'hermesmessages'");

        assertThat(bounds).containsExactly("1 8 9");
    }

    @Test
    void theFileKeepsTheRollbackJournalAndLeavesNothingBesideIt() throws Exception {
        Path ours = writeTheFixtureEvents();

        byte[] header = Files.readAllBytes(ours);
        // bytes 18 and 19 of the header: file format write and read versions, 1 = rollback journal, 2 = WAL
        assertThat(header[18]).isEqualTo((byte) 1);
        assertThat(header[19]).isEqualTo((byte) 1);
        assertThat(column(ours, "PRAGMA journal_mode")).containsExactly("delete");
        try (var files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("ours.sqlite");
        }
    }
}
