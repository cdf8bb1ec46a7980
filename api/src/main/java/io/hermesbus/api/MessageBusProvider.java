package io.hermesbus.api;

import java.util.Map;
import java.util.Set;

/**
 * A bus found by name: the Java form of Hermes' {@code HERMES_PLUGIN_CLASSNAME}. A plugin jar registers its
 * implementation in {@code META-INF/services/io.hermesbus.api.MessageBusProvider}; {@link MessageBuses} finds it
 * with {@link java.util.ServiceLoader}. The provider needs a public no-argument constructor and should be cheap
 * to construct.
 */
public interface MessageBusProvider {
    /**
     * The bus's name, as users write it (for example {@code memory}, {@code file}). Unique on a class path.
     *
     * @return the name, not null; {@link MessageBuses} refuses two providers of one name
     */
    String name();

    /**
     * A new, unopened consumer with these settings. Invalid settings may be reported here or on {@code open()}.
     *
     * @param settings the consumer's settings, as Hermes passes them
     * @return a new consumer, never null nor open
     */
    AbstractMessageBusConsumerPlugin consumer(Map<String, ?> settings);

    /**
     * A new, unopened producer with these settings. Invalid settings may be reported here or on {@code open()}.
     *
     * @param settings the producer's settings, as Hermes passes them
     * @return a new producer, never null nor open
     */
    AbstractMessageBusProducerPlugin producer(Map<String, ?> settings);

    /**
     * The names of the settings that hold secrets (passwords, keys, credentials), wherever they sit in the settings
     * (top level or in a nested map), whose values must never be shown: {@link Settings#toString()}, the errors
     * about them, the command line and the kit's reports mask them ({@link Secrets}). Names that look secret
     * ({@link Secrets#looksSecret}: {@code password}, {@code api_key}, ...) are secret without being declared;
     * declare the others (a {@code dsn} or {@code url} that holds a password). The plugins pass the same names to
     * their base class's constructor. Default: none.
     *
     * @return the declared names, never null; empty by default
     */
    default Set<String> secretSettings() {
        return Set.of();
    }
}
