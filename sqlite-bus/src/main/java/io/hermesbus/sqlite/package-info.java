/**
 * Hermes' own SQLite bus, read and written from Java: {@link io.hermesbus.sqlite.SqliteBusProducer} writes the
 * files that Hermes' SQLite consumer reads, {@link io.hermesbus.sqlite.SqliteBusConsumer} reads the files that
 * Hermes' SQLite producer writes (both found by {@link io.hermesbus.api.MessageBuses} under the name
 * {@code sqlite}). The format is Hermes' ({@link io.hermesbus.sqlite.HermesTable}); settings, seek range, locking
 * and the cost of each operation are in the module's README.
 */
package io.hermesbus.sqlite;
