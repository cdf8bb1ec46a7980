package io.hermesbus.api;

import java.util.Map;

/**
 * A bus found by name: the Java form of Hermes' {@code HERMES_PLUGIN_CLASSNAME}. A plugin jar registers its
 * implementation in {@code META-INF/services/io.hermesbus.api.MessageBusProvider}; {@link MessageBuses} finds it
 * with {@link java.util.ServiceLoader}. The provider needs a public no-argument constructor and should be cheap
 * to construct.
 */
public interface MessageBusProvider {
    /** The bus's name, as users write it (for example {@code memory}, {@code file}). Unique on a class path. */
    String name();

    /** A new, unopened consumer with these settings. Invalid settings may be reported here or on {@code open()}. */
    AbstractMessageBusConsumerPlugin consumer(Map<String, ?> settings);

    /** A new, unopened producer with these settings. Invalid settings may be reported here or on {@code open()}. */
    AbstractMessageBusProducerPlugin producer(Map<String, ?> settings);
}
