package io.hermesbus.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A consumer's read-only view of one bus file. The file may not exist yet, or have no table yet: both read as a
 * bus to which nothing was written ({@link BusSnapshot#NOTHING_WRITTEN_YET}), and each look checks again, so a
 * consumer started before Hermes' producer finds the events once they come. Every look is a single SQL
 * statement, so it sees one consistent state of the file even while a producer writes.
 */
final class BusReader implements AutoCloseable {
    private static final String BOUNDS = "SELECT (SELECT min(msgid) FROM hermesmessages) AS oldest,"
            + " (SELECT seq FROM sqlite_sequence WHERE name = 'hermesmessages') AS seq";

    /** The row of one msgid: the cheapest read SQLite offers (a rowid lookup), for iteration's usual case. */
    private static final String ROW = "SELECT msgid, data, timestamp FROM hermesmessages WHERE msgid = ?";

    /** The bounds, and the first row from a position on. */
    private static final String NEXT = "SELECT b.oldest, b.seq, m.msgid, m.data, m.timestamp FROM (" + BOUNDS + ") AS b"
            + " LEFT JOIN (SELECT msgid, data, timestamp FROM hermesmessages WHERE msgid >= ? ORDER BY msgid LIMIT 1) AS m ON 1";

    /**
     * The bounds, and the first row from a position on that may be of a category: SQLite compares
     * {@code evcategory} inside {@code data} with its JSON functions (one parse a row: {@code json_extract} finds the
     * parse {@code json_type} just made in SQLite's cache), so skipped rows never reach Java. A row whose
     * {@code evcategory} is missing or not text is returned too: only the Java decoder can say what it is, and it must
     * not be skipped silently. SQLite fails the whole query on a row that is not JSON at all: then
     * {@link #NEXT_OF_CATEGORY_GUARDED} runs instead.
     */
    private static final String NEXT_OF_CATEGORY = nextOfCategory(
            "CASE json_type(data, '$.evcategory') WHEN 'text' THEN json_extract(data, '$.evcategory') = ? ELSE 1 END");

    /**
     * As {@link #NEXT_OF_CATEGORY}, with {@code json_valid} first, so that a row that is not JSON is returned rather
     * than failing the query; it parses each row twice, so it runs only when the query above failed so.
     */
    private static final String NEXT_OF_CATEGORY_GUARDED = nextOfCategory("CASE WHEN json_valid(data)"
            + " THEN CASE json_type(data, '$.evcategory') WHEN 'text' THEN json_extract(data, '$.evcategory') = ? ELSE 1 END"
            + " ELSE 1 END");

    private static String nextOfCategory(String mayBeOfCategory) {
        return "SELECT b.oldest, b.seq, m.msgid, m.data, m.timestamp FROM (" + BOUNDS + ") AS b"
                + " LEFT JOIN (SELECT msgid, data, timestamp FROM hermesmessages WHERE msgid >= ? AND " + mayBeOfCategory
                + " ORDER BY msgid LIMIT 1) AS m ON 1";
    }

    private final Path file;
    private final int busyTimeoutMs;
    /** Null until the file exists. */
    private Connection connection;
    /** Null until the table exists. */
    private PreparedStatement row;
    private PreparedStatement next;
    private PreparedStatement nextOfCategory;
    private PreparedStatement nextOfCategoryGuarded;

    BusReader(Path file, int busyTimeoutMs) {
        this.file = file;
        this.busyTimeoutMs = busyTimeoutMs;
    }

    Path file() {
        return file;
    }

    /**
     * The row whose {@code msgid} is {@code msgid}; null if there is none (or no file or table yet). One indexed
     * lookup, without the bounds: when the row is there, the position is retained and nothing more is needed.
     *
     * @throws SQLException as {@link #look}
     */
    BusRow rowAt(long msgid) throws SQLException {
        try {
            if (!ready()) {
                return null;
            }
            row.setLong(1, msgid);
            try (ResultSet result = row.executeQuery()) {
                return result.next() ? new BusRow(result.getLong(1), result.getString(2), result.getObject(3)) : null;
            }
        } catch (SQLException e) {
            closeStatements(); // sqlite-jdbc may have finalized the failed one: prepare all afresh at the next read
            throw e;
        }
    }

    /**
     * The bounds of the bus and its first row with {@code msgid >= from}; with a {@code category}, its first row
     * from there that is of that category or cannot be told not to be.
     *
     * @throws SQLException as SQLite reports it, including {@code SQLITE_BUSY} when a writer's lock outlasted the
     *     busy timeout
     * @throws io.hermesbus.api.InvalidSettingsException if the path is a folder
     * @throws io.hermesbus.api.HermesBusException if the file's {@code hermesmessages} table is not Hermes'
     */
    BusSnapshot look(long from, String category) throws SQLException {
        try {
            if (!ready()) {
                return BusSnapshot.NOTHING_WRITTEN_YET;
            }
            if (category == null) {
                return look(next, from, null);
            }
            try {
                return look(nextOfCategory, from, category);
            } catch (SQLException e) {
                if (!String.valueOf(e.getMessage()).contains("malformed JSON")) {
                    throw e;
                }
                closeStatements();
                return ready() ? look(nextOfCategoryGuarded, from, category) : BusSnapshot.NOTHING_WRITTEN_YET;
            }
        } catch (SQLException e) {
            closeStatements(); // sqlite-jdbc may have finalized the failed one: prepare all afresh at the next read
            throw e;
        }
    }

    private static BusSnapshot look(PreparedStatement statement, long from, String category) throws SQLException {
        statement.setLong(1, from);
        if (category != null) {
            statement.setString(2, category);
        }
        try (ResultSet result = statement.executeQuery()) {
            result.next(); // the LEFT JOIN always gives exactly one row
            long oldest = result.getLong(1);
            boolean empty = result.wasNull();
            long end = result.getLong(2) + 1; // no sequence row (nothing ever inserted) reads as 0
            long msgid = result.getLong(3);
            BusRow first = result.wasNull() ? null : new BusRow(msgid, result.getString(4), result.getObject(5));
            return new BusSnapshot(empty ? end : oldest, end, first);
        }
    }

    /** Connects and prepares once the file and its table exist; false until then. */
    private boolean ready() throws SQLException {
        if (row != null) {
            return true;
        }
        if (connection == null) {
            BusFiles.requireNotAFolder(file);
            if (!Files.exists(file)) {
                return false;
            }
            connection = BusFiles.openReadOnly(file, busyTimeoutMs);
        }
        if (!HermesTable.exists(connection)) {
            return false;
        }
        HermesTable.requireHermesColumns(connection, file);
        try {
            next = connection.prepareStatement(NEXT);
            nextOfCategory = connection.prepareStatement(NEXT_OF_CATEGORY);
            nextOfCategoryGuarded = connection.prepareStatement(NEXT_OF_CATEGORY_GUARDED);
            row = connection.prepareStatement(ROW); // last: ready() tests it
        } catch (SQLException e) {
            closeStatements();
            throw e;
        }
        return true;
    }

    @Override
    public void close() {
        closeStatements();
        BusFiles.closeQuietly(connection);
        connection = null;
    }

    private void closeStatements() {
        for (PreparedStatement statement : new PreparedStatement[] {row, next, nextOfCategory, nextOfCategoryGuarded}) {
            BusFiles.closeQuietly(statement);
        }
        row = null;
        next = null;
        nextOfCategory = null;
        nextOfCategoryGuarded = null;
    }
}
