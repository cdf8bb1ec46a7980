package com.example.dirbus;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.MessageBusProvider;
import java.util.Map;

/** The bus called {@code dir}: events as JSON files in a folder. Registered in META-INF/services. */
public final class DirBusProvider implements MessageBusProvider {
    /** {@code dir}. */
    @Override
    public String name() {
        return "dir";
    }

    /** @throws io.hermesbus.api.InvalidSettingsException naming a setting that is unknown or holds a bad value */
    @Override
    public AbstractMessageBusConsumerPlugin consumer(Map<String, ?> settings) {
        return new DirBusConsumer(settings);
    }

    /** @throws io.hermesbus.api.InvalidSettingsException naming a setting that is unknown or holds a bad value */
    @Override
    public AbstractMessageBusProducerPlugin producer(Map<String, ?> settings) {
        return new DirBusProducer(settings);
    }
}
