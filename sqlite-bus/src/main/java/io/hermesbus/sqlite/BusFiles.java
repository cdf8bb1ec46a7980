package io.hermesbus.sqlite;

import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.InvalidSettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Opens connections to a bus file with SQLite's defaults (rollback journal, {@code synchronous=FULL}), as Hermes'
 * plugins do, and turns SQLite's errors into errors that say what happened to which file.
 */
final class BusFiles {
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private BusFiles() {
    }

    /**
     * A read-only connection, as Hermes' consumer opens the file ({@code mode=ro}): it can never change the file.
     * It waits up to {@code busyTimeoutMs} for a writer's lock before a read fails as busy, retrying every 0.1 ms at
     * first rather than in SQLite's 1-to-100 ms steps ({@link LockWait}: why).
     */
    static Connection openReadOnly(Path file, int busyTimeoutMs) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        return withLockWait(DriverManager.getConnection(url(file), config.toProperties()), busyTimeoutMs);
    }

    /**
     * A read-write connection that creates the file when missing, as Hermes' producer opens it; it waits for other
     * connections' locks as {@link #openReadOnly} does.
     */
    static Connection openReadWrite(Path file, int busyTimeoutMs) throws SQLException {
        return withLockWait(DriverManager.getConnection(url(file), new SQLiteConfig().toProperties()), busyTimeoutMs);
    }

    private static Connection withLockWait(Connection connection, int busyTimeoutMs) throws SQLException {
        try {
            LockWait.install(connection, busyTimeoutMs);
            return connection;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    /**
     * @throws InvalidSettingsException naming {@code uri} if {@code file} is a folder
     */
    static void requireNotAFolder(Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidSettingsException(SqliteBusSettings.URI, file + " is a folder; give the path of the bus file"
                    + " inside it, such as " + file.resolve("bus.sqlite"));
        }
    }

    /** Whether SQLite failed because another connection holds a lock on the file. */
    static boolean isBusy(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
    }

    /**
     * Whether a read-only connection met a transaction that a writer left unfinished (it was killed mid-write):
     * only a read-write connection may roll it back, and the next producer to open the file does.
     */
    static boolean isHotJournal(SQLException e) {
        return e instanceof SQLiteException sqlite && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_READONLY_ROLLBACK
                || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_READONLY_RECOVERY);
    }

    /**
     * {@code e}, met while {@code doing} on {@code file}, as the plugin's error: a file that is not an SQLite
     * database is a settings error on {@code uri}; a hot journal that a read-only reader cannot roll back, and
     * everything else, a {@link HermesBusException} that says what to do when something can be done.
     */
    static RuntimeException failure(SQLException e, Path file, String doing) {
        SQLiteErrorCode code = e instanceof SQLiteException sqlite ? sqlite.getResultCode() : null;
        if (code == SQLiteErrorCode.SQLITE_NOTADB) {
            return new InvalidSettingsException(SqliteBusSettings.URI, file + " is not an SQLite database (" + e.getMessage()
                    + "); point uri at a bus file written by Hermes' SQLite producer or by this plugin, or at a path where"
                    + " a producer may create one");
        }
        if (isHotJournal(e)) {
            return new HermesBusException(doing + " " + file + " failed: a writer left an unfinished transaction in its"
                    + " journal (it crashed or was killed mid-write), which a read-only consumer may not roll back;"
                    + " opening a producer on the file (or any read-write SQLite connection) rolls it back (" + e.getMessage() + ")", e);
        }
        if (code == SQLiteErrorCode.SQLITE_CANTOPEN || code == SQLiteErrorCode.SQLITE_CANTOPEN_ISDIR) {
            return new HermesBusException(doing + " " + file + " failed: SQLite cannot open the file (" + e.getMessage()
                    + "); check that its folder exists and that this process may read it (a producer: and write it"
                    + " and its folder, where SQLite puts its journal)", e);
        }
        return new HermesBusException(doing + " " + file + " failed: " + e.getMessage(), e);
    }

    /** Closes {@code connection}, ignoring failures: used only where the connection is being abandoned anyway. */
    static void closeQuietly(AutoCloseable connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (Exception ignored) {
            // abandoned after a failure that is being reported; a second error would only hide the first
        }
    }
}
