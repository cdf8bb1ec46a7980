package io.hermesbus.kafka;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.MessageBusProvider;
import java.util.Map;
import java.util.Set;

/** The bus called {@code kafka}: {@link KafkaBusProducer}s and {@link KafkaBusConsumer}s on one partition of a Kafka topic. */
public final class KafkaBusProvider implements MessageBusProvider {
    /** {@code kafka}. */
    @Override
    public String name() {
        return "kafka";
    }

    /** @throws InvalidSettingsException naming a setting that is unknown, missing or invalid */
    @Override
    public AbstractMessageBusConsumerPlugin consumer(Map<String, ?> settings) {
        return new KafkaBusConsumer(settings);
    }

    /** @throws InvalidSettingsException naming a setting that is unknown, missing or invalid */
    @Override
    public AbstractMessageBusProducerPlugin producer(Map<String, ?> settings) {
        return new KafkaBusProducer(settings);
    }

    /** The passwords in {@code sasl} and {@code ssl}; secret Kafka {@code properties} are found by their names. */
    @Override
    public Set<String> secretSettings() {
        return KafkaBusSettings.SECRETS;
    }
}
