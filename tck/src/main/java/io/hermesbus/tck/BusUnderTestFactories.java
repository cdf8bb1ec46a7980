package io.hermesbus.tck;

import io.hermesbus.api.MessageBuses;
import io.hermesbus.api.UnknownBusException;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** Finds {@link BusUnderTestFactory}s by bus name on a class loader, as {@link MessageBuses} finds providers. */
public final class BusUnderTestFactories {
    /** Where the author's path to a factory is explained; error messages point there. */
    static final String HOW_TO = "see docs/writing-a-plugin.md";

    private BusUnderTestFactories() {
    }

    /**
     * The factory of the bus called {@code bus} on {@code loader}.
     *
     * @param bus the bus's name, as its provider gives it ({@code memory}, {@code kafka}, ...)
     * @param loader where to look for factories and providers (their {@code META-INF/services})
     * @return the factory, never null
     * @throws UnknownBusException if none makes that bus: the message says whether a plugin provides the bus but
     *     registers no factory (and how to register one) or no plugin provides it (and which buses can be
     *     verified); also if two factories make the same bus
     */
    public static BusUnderTestFactory find(String bus, ClassLoader loader) {
        Map<String, BusUnderTestFactory> found = factories(loader);
        BusUnderTestFactory factory = found.get(bus);
        if (factory != null) {
            return factory;
        }
        if (MessageBuses.names(loader).contains(bus)) {
            throw new UnknownBusException("bus '" + bus + "' has a provider but no BusUnderTestFactory, so the kit cannot"
                    + " make fresh buses of it: its jar must implement io.hermesbus.tck.BusUnderTestFactory and list the"
                    + " class in META-INF/services/" + BusUnderTestFactory.class.getName() + " (" + HOW_TO + ")");
        }
        throw new UnknownBusException("no bus called '" + bus + "' can be verified; buses that can: "
                + (found.isEmpty() ? "none" : found.keySet()) + ". A plugin jar registers a BusUnderTestFactory in"
                + " META-INF/services/" + BusUnderTestFactory.class.getName() + " (" + HOW_TO + ")");
    }

    /**
     * The names of the buses that have a factory on {@code loader}, sorted.
     *
     * @param loader where to look for factories (their {@code META-INF/services})
     * @return the names, empty when none is found
     * @throws UnknownBusException if two factories make the same bus
     */
    public static Set<String> names(ClassLoader loader) {
        return factories(loader).keySet();
    }

    private static Map<String, BusUnderTestFactory> factories(ClassLoader loader) {
        Map<String, BusUnderTestFactory> byName = new TreeMap<>();
        for (BusUnderTestFactory factory : ServiceLoader.load(BusUnderTestFactory.class, loader)) {
            BusUnderTestFactory other = byName.putIfAbsent(factory.busName(), factory);
            if (other != null) {
                throw new UnknownBusException("two BusUnderTestFactory classes make the bus '" + factory.busName() + "': "
                        + other.getClass().getName() + " and " + factory.getClass().getName() + "; remove one jar");
            }
        }
        return byName;
    }
}
