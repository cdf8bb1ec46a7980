package io.hermesbus.sqlite;

import io.hermesbus.api.HermesBusException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hermes' SQLite bus format, the one fact every class here shares. One table,
 *
 * <pre>CREATE TABLE hermesmessages (msgid INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL, timestamp REAL NOT NULL)</pre>
 *
 * one row per event: {@code msgid} is the offset (1, 2, 3, ... handed out by SQLite's {@code AUTOINCREMENT}, never
 * reused, its last value kept in {@code sqlite_sequence}), {@code data} the event's JSON as {@code Event.toJson()}
 * (Hermes' {@code to_json()}) writes it, {@code timestamp} the time of sending in Unix seconds. The category is not
 * a column: it is {@code evcategory} inside {@code data}. The file keeps SQLite's defaults (rollback journal, no
 * WAL), and nothing else is stored in it, so that Hermes reads what we write and we read what Hermes writes.
 */
final class HermesTable {
    static final String NAME = "hermesmessages";

    /** Hermes' statement, verbatim: SQLite keeps it (without {@code IF NOT EXISTS}) as the table's schema text. */
    static final String CREATE = "CREATE TABLE IF NOT EXISTS hermesmessages "
            + "(msgid INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL, timestamp REAL NOT NULL)";

    static final String INSERT = "INSERT INTO hermesmessages (data, timestamp) VALUES (?, ?)";

    /** Events sent before a limit (Unix seconds): what retention deletes, as Hermes' producer does. */
    static final String DELETE_OLDER_THAN = "DELETE FROM hermesmessages WHERE timestamp < ?";

    /** Column name to declared type, as Hermes creates them. */
    private static final Map<String, String> COLUMNS = Map.of("msgid", "INTEGER", "data", "TEXT", "timestamp", "REAL");

    private HermesTable() {
    }

    /** Whether the file open on {@code connection} has the table yet. */
    static boolean exists(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + NAME + "'")) {
            return rows.next() && rows.getInt(1) == 1;
        }
    }

    /**
     * Checks that the existing table has Hermes' columns, so that a foreign file is reported as such rather than
     * read wrongly.
     *
     * @throws HermesBusException naming the file, the columns found and the schema expected
     */
    static void requireHermesColumns(Connection connection, Path file) throws SQLException {
        Map<String, String> found = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA table_info(" + NAME + ")")) {
            while (rows.next()) {
                found.put(rows.getString("name"), rows.getString("type"));
            }
        }
        for (Map.Entry<String, String> column : COLUMNS.entrySet()) {
            if (!column.getValue().equalsIgnoreCase(found.get(column.getKey()))) {
                throw new HermesBusException("the table " + NAME + " in " + file + " is not Hermes' SQLite bus: it has the"
                        + " columns " + found + ", Hermes' has " + CREATE.replace(" IF NOT EXISTS", "")
                        + "; point uri at a file written by Hermes' SQLite producer or by this plugin");
            }
        }
    }
}
