package io.hermesbus.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * Plain JDBC on a bus file, beside the plugins: what an administrator, Hermes itself or a broken writer would do to
 * the file. The conformance kit's retention and raw rows ({@link SqliteBusUnderTestFactory}), and the tests'. Each
 * call opens and closes its own connection.
 */
final class RawBusFile {
    /** Long enough for any writer the file is shared with to finish. */
    private static final int BUSY_TIMEOUT_MS = 30_000;

    private final Path file;

    RawBusFile(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** A read-write connection with a long busy timeout. */
    Connection connect() throws SQLException {
        return BusFiles.openReadWrite(file, BUSY_TIMEOUT_MS);
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
            throw BusFiles.failure(e, file, "deleting all but the newest " + count + " events of");
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
            throw BusFiles.failure(e, file, "inserting a row into");
        }
    }

    /** Inserts {@code data} as sent now. */
    long insertNow(String data) {
        return insert(data, EventTimestamps.toSeconds(Instant.now()));
    }
}
