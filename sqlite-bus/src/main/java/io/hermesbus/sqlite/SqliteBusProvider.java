package io.hermesbus.sqlite;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.MessageBusProvider;
import java.util.Map;

/** The bus called {@code sqlite}: Hermes' SQLite bus file, through {@link SqliteBusProducer}s and {@link SqliteBusConsumer}s. */
public final class SqliteBusProvider implements MessageBusProvider {
    /** {@code sqlite}, the name of Hermes' own plugins. */
    @Override
    public String name() {
        return "sqlite";
    }

    /** @throws InvalidSettingsException naming a setting that is unknown, missing or invalid */
    @Override
    public AbstractMessageBusConsumerPlugin consumer(Map<String, ?> settings) {
        return new SqliteBusConsumer(settings);
    }

    /** @throws InvalidSettingsException naming a setting that is unknown, missing or invalid */
    @Override
    public AbstractMessageBusProducerPlugin producer(Map<String, ?> settings) {
        return new SqliteBusProducer(settings);
    }
}
