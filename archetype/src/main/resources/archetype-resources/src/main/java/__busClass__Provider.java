package ${package};

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.MessageBusProvider;
import java.util.Map;
import java.util.Set;

/**
 * The bus called {@code ${busName}}, registered in {@code META-INF/services/io.hermesbus.api.MessageBusProvider}, so
 * that {@code MessageBuses.consumer("${busName}", settings)} finds it. Its one setting, {@code name}, says which bus
 * of this JVM to join. Replace it with what your bus needs (a host, a topic); declare secret ones in
 * {@code secretSettings()}.
 */
public final class ${busClass}Provider implements MessageBusProvider {
    /** The setting that names the bus to join. */
    public static final String NAME = "name";
    static final Set<String> SETTINGS = Set.of(NAME);

    /** {@code ${busName}}. */
    @Override
    public String name() {
        return "${busName}";
    }

    /** @throws io.hermesbus.api.InvalidSettingsException naming a setting that is unknown or missing */
    @Override
    public AbstractMessageBusConsumerPlugin consumer(Map<String, ?> settings) {
        return new ${busClass}Consumer(settings);
    }

    /** @throws io.hermesbus.api.InvalidSettingsException naming a setting that is unknown or missing */
    @Override
    public AbstractMessageBusProducerPlugin producer(Map<String, ?> settings) {
        return new ${busClass}Producer(settings);
    }
}
