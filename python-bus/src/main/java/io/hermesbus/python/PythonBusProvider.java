package io.hermesbus.python;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.MessageBusProvider;
import java.util.Map;
import java.util.Set;

/** The bus called {@code python}: a Hermes plugin pair written in Python, through {@link PythonBusProducer}s and {@link PythonBusConsumer}s. */
public final class PythonBusProvider implements MessageBusProvider {
    /**
     * None of the bridge's own settings holds a secret; the plugin's settings (in {@code settings}) are masked where
     * their names look secret.
     */
    static final Set<String> SECRETS = Set.of();

    /** {@code python}. */
    @Override
    public String name() {
        return "python";
    }

    /** @throws InvalidSettingsException naming a setting that is unknown, missing or invalid */
    @Override
    public AbstractMessageBusConsumerPlugin consumer(Map<String, ?> settings) {
        return new PythonBusConsumer(settings);
    }

    /** @throws InvalidSettingsException naming a setting that is unknown, missing or invalid */
    @Override
    public AbstractMessageBusProducerPlugin producer(Map<String, ?> settings) {
        return new PythonBusProducer(settings);
    }

    @Override
    public Set<String> secretSettings() {
        return SECRETS;
    }
}
