package io.hermesbus.sqlite;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.FailedToSendEventException;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.NotOpenException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;

/**
 * Writes events to a bus file that Hermes' SQLite consumer reads, exactly as Hermes' SQLite producer writes them:
 * one row per event in {@code hermesmessages} ({@code data} = {@code Event.toJson()}, {@code timestamp} = the time
 * of sending in Unix seconds), one transaction per event, SQLite's default rollback journal and
 * {@code synchronous=FULL}, nothing else in the file. Settings: {@code uri}, the path of the file, and
 * {@code retention_in_days}, both required as in Hermes.
 *
 * <p>{@link #open()} creates the file and the table when missing and applies retention as Hermes' producer does:
 * it deletes the events sent more than {@code retention_in_days} days ago, then runs {@code VACUUM}. When
 * {@code send} returns, the event is committed: every consumer can read it, and it survives a crash and a power
 * loss. Several producers, in this and other processes, may write to one file: SQLite's lock serialises their
 * transactions, and a producer waits up to {@value #BUSY_TIMEOUT_MS} ms for it ({@link LockWait}) before
 * the send fails with a {@link BusFileLockedException} as cause, having written nothing.
 *
 * <p>May be used from several threads at once (the sends are serialised).
 */
public final class SqliteBusProducer extends AbstractMessageBusProducerPlugin {
    /** How long a write waits for other connections' locks ({@link LockWait}). */
    static final int BUSY_TIMEOUT_MS = 30_000;
    private static final long SECONDS_PER_DAY = 86_400;

    private final SqliteBusSettings busSettings;
    /** The connection while open, null while closed; guarded by {@code this}. */
    private Connection connection;
    /** Prepared at open; null after a failed send, until the next one prepares it again. */
    private PreparedStatement insert;

    /**
     * Keeps and checks the settings; does no I/O.
     *
     * @param settings {@code uri}, the bus file, and {@code retention_in_days}, both required, as Hermes' own producer
     *     takes them (see the module's README)
     * @throws InvalidSettingsException naming a setting that is unknown, missing or invalid
     */
    public SqliteBusProducer(Map<String, ?> settings) {
        super(settings);
        this.busSettings = SqliteBusSettings.forProducer(settings());
    }

    /**
     * Opens the file read-write (creating it, but not its folder, when missing), creates the table when missing,
     * then deletes the events older than {@code retention_in_days} and runs {@code VACUUM}.
     *
     * @throws InvalidSettingsException naming {@code uri} if its folder does not exist, or it names a folder or a
     *     file that is not an SQLite database
     * @throws HermesBusException if the file has a {@code hermesmessages} table that is not Hermes', or SQLite
     *     fails (the cause)
     * @throws BusFileLockedException if another connection keeps the file locked for {@value #BUSY_TIMEOUT_MS} ms
     */
    @Override
    protected void doOpen() {
        Path file = busSettings.file();
        BusFiles.requireNotAFolder(file);
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new InvalidSettingsException(SqliteBusSettings.URI, "the folder " + folder + " of " + file
                    + " does not exist; create it first (the producer creates the file, not its folders, as Hermes' does)");
        }
        Connection opened = null;
        try {
            opened = BusFiles.openReadWrite(file, BUSY_TIMEOUT_MS);
            try (Statement statement = opened.createStatement()) {
                statement.execute(HermesTable.CREATE);
            }
            HermesTable.requireHermesColumns(opened, file);
            applyRetention(opened);
            insert = opened.prepareStatement(HermesTable.INSERT);
            connection = opened;
        } catch (SQLException e) {
            BusFiles.closeQuietly(opened);
            throw writeFailure(e, "opening SQLite bus for writing");
        } catch (RuntimeException e) {
            BusFiles.closeQuietly(opened);
            throw e;
        }
    }

    /** Deletes what retention_in_days no longer keeps, then VACUUMs, each in its own transaction, as Hermes does. */
    private void applyRetention(Connection opened) throws SQLException {
        double limit = EventTimestamps.toSeconds(Instant.now()) - busSettings.retentionInDays().getAsLong() * SECONDS_PER_DAY;
        try (PreparedStatement delete = opened.prepareStatement(HermesTable.DELETE_OLDER_THAN)) {
            delete.setDouble(1, limit);
            delete.executeUpdate();
        }
        try (Statement vacuum = opened.createStatement()) {
            vacuum.execute("VACUUM");
        }
    }

    /**
     * Closes the connection; every event sent is already committed.
     *
     * @throws HermesBusException if SQLite fails to close the file
     */
    @Override
    protected void doClose() {
        Connection open = connection;
        PreparedStatement openInsert = insert;
        connection = null;
        insert = null;
        try {
            try {
                if (openInsert != null) {
                    openInsert.close();
                }
            } finally {
                open.close();
            }
        } catch (SQLException e) {
            throw BusFiles.failure(e, busSettings.file(), "closing SQLite bus");
        }
    }

    /**
     * Inserts the event and commits: {@code data} is {@code event.toJson()}, {@code timestamp} the time now, to the
     * microsecond. SQLite gives it the next {@code msgid}.
     *
     * @throws NotOpenException if not open; nothing was sent
     * @throws BusFileLockedException (as the cause of a {@link FailedToSendEventException}) if another connection
     *     kept the file locked for {@value #BUSY_TIMEOUT_MS} ms; nothing was written
     */
    @Override
    protected void doSend(Event event) {
        String json = event.toJson(); // encoded before taking the lock, so that threads encode in parallel
        synchronized (this) {
            if (connection == null) {
                throw NotOpenException.of(this, "send");
            }
            try {
                if (insert == null) {
                    insert = connection.prepareStatement(HermesTable.INSERT);
                }
                insert.setString(1, json);
                insert.setDouble(2, EventTimestamps.toSeconds(Instant.now()));
                insert.executeUpdate();
            } catch (SQLException e) {
                // sqlite-jdbc may have finalized the failed statement: prepare it afresh at the next send
                BusFiles.closeQuietly(insert);
                insert = null;
                throw writeFailure(e, "writing to SQLite bus");
            }
        }
    }

    /** {@code e}, met while {@code doing} on the file, as the plugin's error; a lock that outlasted the busy timeout says so. */
    private RuntimeException writeFailure(SQLException e, String doing) {
        if (BusFiles.isBusy(e)) {
            return new BusFileLockedException(doing + " " + busSettings.file() + " failed: the file stayed locked by another"
                    + " connection for " + BUSY_TIMEOUT_MS + " ms (" + e.getMessage() + "): a long transaction, a VACUUM or"
                    + " a tool holds it; nothing was written", e);
        }
        return BusFiles.failure(e, busSettings.file(), doing);
    }
}
