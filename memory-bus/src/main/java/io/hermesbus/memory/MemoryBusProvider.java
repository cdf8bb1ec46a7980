package io.hermesbus.memory;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.MessageBusProvider;
import java.util.Map;

/** The bus called {@code memory}: {@link MemoryBusProducer}s and {@link MemoryBusConsumer}s meeting in one JVM. */
public final class MemoryBusProvider implements MessageBusProvider {
    /** {@code memory}. */
    @Override
    public String name() {
        return "memory";
    }

    /** @throws InvalidSettingsException naming a setting that is unknown or holds a bad value */
    @Override
    public AbstractMessageBusConsumerPlugin consumer(Map<String, ?> settings) {
        return new MemoryBusConsumer(settings);
    }

    /** @throws InvalidSettingsException naming a setting that is unknown or holds a bad value */
    @Override
    public AbstractMessageBusProducerPlugin producer(Map<String, ?> settings) {
        return new MemoryBusProducer(settings);
    }
}
