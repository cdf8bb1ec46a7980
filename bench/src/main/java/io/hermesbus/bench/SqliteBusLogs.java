package io.hermesbus.bench;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.MessageBuses;
import java.nio.file.Path;
import java.util.Map;

/**
 * The SQLite bus plugin (module {@code sqlite-bus}), reached only through {@link MessageBuses} by its name
 * {@code "sqlite"} and Hermes' settings ({@code uri}, {@code retention_in_days}), as {@link FileBusLogs} reaches the
 * file bus. The databases it reads are written in Hermes' format by {@link HermesSqlite#write} (batched, unmeasured),
 * since the plugin's producer commits every event, as Hermes' does.
 */
final class SqliteBusLogs {
    static final String BUS = "sqlite";

    private SqliteBusLogs() {
    }

    /** The settings of the bus file {@code file}; a retention long enough never to delete a benchmark's events. */
    static Map<String, Object> settings(Path file) {
        return Map.of("uri", file.toString(), "retention_in_days", 3650);
    }

    static AbstractMessageBusProducerPlugin openProducer(Path file) {
        AbstractMessageBusProducerPlugin producer = MessageBuses.producer(BUS, settings(file));
        producer.open();
        return producer;
    }

    /** An open consumer of the bus file {@code file} that does not wait at the end (timeout 0). */
    static AbstractMessageBusConsumerPlugin openConsumer(Path file) {
        AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer(BUS, settings(file));
        consumer.open();
        consumer.setTimeout(0);
        return consumer;
    }
}
