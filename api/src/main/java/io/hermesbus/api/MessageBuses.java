package io.hermesbus.api;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Finds buses by name among the {@link MessageBusProvider}s on a class path. */
public final class MessageBuses {
    private MessageBuses() {
    }

    /**
     * A new, unopened consumer of the bus called {@code bus}, found on the context class loader.
     *
     * @param bus the bus's name, as its provider gives it ({@code memory}, {@code file}, ...)
     * @param settings the consumer's settings
     * @return a new consumer, not yet open
     */
    public static AbstractMessageBusConsumerPlugin consumer(String bus, Map<String, ?> settings) {
        return provider(bus, Thread.currentThread().getContextClassLoader()).consumer(settings);
    }

    /**
     * A new, unopened producer of the bus called {@code bus}, found on the context class loader.
     *
     * @param bus the bus's name, as its provider gives it ({@code memory}, {@code file}, ...)
     * @param settings the producer's settings
     * @return a new producer, not yet open
     */
    public static AbstractMessageBusProducerPlugin producer(String bus, Map<String, ?> settings) {
        return provider(bus, Thread.currentThread().getContextClassLoader()).producer(settings);
    }

    /**
     * The provider called {@code bus} on {@code loader}.
     *
     * @param bus the bus's name, as its provider gives it
     * @param loader where to look for providers (its {@code META-INF/services})
     * @return the provider, never null
     * @throws UnknownBusException naming the buses that were found, if none is called {@code bus}, or if two are
     */
    public static MessageBusProvider provider(String bus, ClassLoader loader) {
        Map<String, MessageBusProvider> found = providers(loader);
        MessageBusProvider provider = found.get(bus);
        if (provider == null) {
            throw new UnknownBusException("no bus called '" + bus + "' on the class path; buses found: "
                    + (found.isEmpty() ? "none" : found.keySet())
                    + ". A plugin jar lists its provider in META-INF/services/" + MessageBusProvider.class.getName());
        }
        return provider;
    }

    /**
     * The names of the buses on {@code loader}, sorted.
     *
     * @param loader where to look for providers (its {@code META-INF/services})
     * @return the names, empty when none is found
     * @throws UnknownBusException if two providers give the same name
     */
    public static Set<String> names(ClassLoader loader) {
        return new TreeSet<>(providers(loader).keySet());
    }

    private static Map<String, MessageBusProvider> providers(ClassLoader loader) {
        Map<String, MessageBusProvider> byName = new TreeMap<>();
        for (MessageBusProvider provider : ServiceLoader.load(MessageBusProvider.class, loader)) {
            MessageBusProvider other = byName.putIfAbsent(provider.name(), provider);
            if (other != null) {
                throw new UnknownBusException("two providers call their bus '" + provider.name() + "': "
                        + other.getClass().getName() + " and " + provider.getClass().getName()
                        + "; remove one jar from the class path");
            }
        }
        return byName;
    }
}
