package io.hermesbus.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain JDBC on a bus file, beside the plugins: what an administrator, Hermes itself or a broken writer would do to
 * the file. Each call opens and closes its own connection.
 */
final class RawBusFile {
    private final Path file;

    RawBusFile(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** A read-write connection with a long busy timeout. */
    Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 30000");
        }
        return connection;
    }

    /** Deletes all rows but the newest {@code count}, as retention would (no VACUUM). Nothing if there is no file. */
    void retainNewest(int count) {
        if (!Files.exists(file)) {
            return;
        }
        try (Connection connection = connect();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM hermesmessages WHERE msgid NOT IN"
                     + " (SELECT msgid FROM hermesmessages ORDER BY msgid DESC LIMIT ?)")) {
            delete.setInt(1, count);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("retainNewest(" + count + ") on " + file + " failed", e);
        }
    }

    /** Inserts a row with {@code data} as given and {@code timestamp} in Unix seconds, creating the table if needed. */
    long insert(String data, double timestamp) {
        try (Connection connection = connect()) {
            try (Statement create = connection.createStatement()) {
                create.execute(HermesTable.CREATE);
            }
            try (PreparedStatement insert = connection.prepareStatement(HermesTable.INSERT, Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, data);
                insert.setDouble(2, timestamp);
                insert.executeUpdate();
                try (ResultSet key = insert.getGeneratedKeys()) {
                    key.next();
                    return key.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("inserting into " + file + " failed", e);
        }
    }

    /** Inserts {@code data} as sent now. */
    long insertNow(String data) {
        return insert(data, Instant.now().toEpochMilli() / 1000.0);
    }

    /** The rows of one query, each as a list of column values (JDBC's objects, integers always as Long). */
    List<List<Object>> query(String sql) {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<List<Object>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    Object value = rows.getObject(c);
                    row.add(value instanceof Integer small ? Long.valueOf(small) : value); // SQLite has one integer type
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on " + file + " failed", e);
        }
    }
}
