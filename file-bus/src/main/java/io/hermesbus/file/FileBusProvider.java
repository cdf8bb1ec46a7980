package io.hermesbus.file;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.MessageBusProvider;
import java.util.Map;

/** The bus called {@code file}: {@link FileBusProducer}s and {@link FileBusConsumer}s sharing a folder. */
public final class FileBusProvider implements MessageBusProvider {
    /** {@code file}. */
    @Override
    public String name() {
        return "file";
    }

    /** @throws InvalidSettingsException naming a setting that is unknown, missing or out of range */
    @Override
    public AbstractMessageBusConsumerPlugin consumer(Map<String, ?> settings) {
        return new FileBusConsumer(settings);
    }

    /** @throws InvalidSettingsException naming a setting that is unknown, missing or out of range */
    @Override
    public AbstractMessageBusProducerPlugin producer(Map<String, ?> settings) {
        return new FileBusProducer(settings);
    }
}
