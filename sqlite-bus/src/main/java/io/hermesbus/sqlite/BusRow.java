package io.hermesbus.sqlite;

/**
 * One row of {@code hermesmessages} as stored, not yet decoded.
 *
 * @param msgid the event's offset
 * @param data the event's JSON, as stored
 * @param timestamp the {@code timestamp} column as SQLite gave it: a number for every row Hermes or this plugin
 *     wrote
 */
record BusRow(long msgid, String data, Object timestamp) {
}
