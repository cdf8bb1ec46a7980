package io.hermesbus.tck;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.MessageBusProvider;
import java.util.Map;

/** A bus, {@code no-factory}, whose "jar" registers a provider but no BusUnderTestFactory. Never asked for plugins. */
public final class ProviderWithoutFactory implements MessageBusProvider {
    @Override
    public String name() {
        return "no-factory";
    }

    @Override
    public AbstractMessageBusConsumerPlugin consumer(Map<String, ?> settings) {
        throw new UnsupportedOperationException("the runner's tests never open this bus");
    }

    @Override
    public AbstractMessageBusProducerPlugin producer(Map<String, ?> settings) {
        throw new UnsupportedOperationException("the runner's tests never open this bus");
    }
}
