package io.hermesbus.sqlite;

/**
 * What one look at the bus file saw, all in one read transaction: the retained range and the first row at or
 * after the position asked for.
 *
 * @param oldest the oldest retained {@code msgid}; {@code end} when the table holds no row
 * @param end one past the last {@code msgid} SQLite handed out ({@code sqlite_sequence} + 1): the {@code msgid}
 *     the next event will get, and the end position where a consumer waits
 * @param row the first row at or after the position (of the category, when one was asked for); null if none
 */
record BusSnapshot(long oldest, long end, BusRow row) {
    /** A file that does not exist yet, or has no table yet: the first event will get {@code msgid} 1. */
    static final BusSnapshot NOTHING_WRITTEN_YET = new BusSnapshot(1, 1, null);

    boolean isEmpty() {
        return oldest == end;
    }
}
