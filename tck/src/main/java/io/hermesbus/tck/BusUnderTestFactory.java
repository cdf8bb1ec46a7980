package io.hermesbus.tck;

import java.util.Map;

/**
 * Makes fresh buses of one kind for the conformance kit, so that the kit can run on a bus named at run time
 * ({@code hermes-bus verify BUS}, {@link ConfiguredBusVerification}) without a test class written for it.
 *
 * <p>A plugin jar registers its implementation in {@code META-INF/services/io.hermesbus.tck.BusUnderTestFactory};
 * {@link BusUnderTestFactories} finds it with {@link java.util.ServiceLoader}. The implementation needs a public
 * no-argument constructor and should be cheap to construct; it may be used from several threads.
 */
public interface BusUnderTestFactory {
    /**
     * The name of the bus this factory makes: the {@link io.hermesbus.api.MessageBusProvider#name() name} of the
     * plugin's provider, by which users ask for the bus.
     *
     * @return the provider's name, not null
     */
    String busName();

    /**
     * A new, empty bus for one rule, as {@link MessageBusConsumerVerification#createBus()} returns it: every call
     * gives a bus that no other call shares (a unique name, folder or topic), and {@link BusUnderTest#close()}
     * releases it.
     *
     * @param settings the user's settings for the bus, taken as a base: the factory adds or replaces what makes
     *     each bus fresh (such as a name or a folder). Never null; empty when the user gave none.
     * @return a new bus, not shared with any earlier call
     * @throws io.hermesbus.api.InvalidSettingsException naming the setting, if {@code settings} cannot make a bus
     */
    BusUnderTest create(Map<String, ?> settings);
}
