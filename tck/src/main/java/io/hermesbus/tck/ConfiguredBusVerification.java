package io.hermesbus.tck;

import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The kit on a bus named at run time, so that a bus can be verified without a test class written for it. The bus
 * comes from two JUnit configuration parameters (or system properties of the same names):
 * <ul>
 *   <li>{@value #BUS_PARAMETER}: the bus's name; its {@link BusUnderTestFactory} is found on the thread's context
 *       class loader ({@link BusUnderTestFactories});
 *   <li>{@value #SETTINGS_PARAMETER}: optional, the settings as a JSON object, handed to the factory as a base.
 * </ul>
 * {@link ConformanceRunner#forBus} sets both; {@code hermes-bus verify} uses it. The class holds no static state:
 * its extension hands each test instance the factory and settings before the kit asks for a bus.
 */
@ExtendWith(ConfiguredBus.class)
public class ConfiguredBusVerification extends MessageBusConsumerVerification {
    /** Configuration parameter naming the bus to verify. */
    public static final String BUS_PARAMETER = "hermesbus.tck.bus";
    /** Configuration parameter holding the bus's settings as a JSON object. */
    public static final String SETTINGS_PARAMETER = "hermesbus.tck.settings";

    private BusUnderTestFactory factory;
    private Map<String, Object> settings;

    /** Called by {@link ConfiguredBus} before each test, before the kit's own set-up asks for a bus. */
    final void use(BusUnderTestFactory factory, Map<String, Object> settings) {
        this.factory = factory;
        this.settings = settings;
    }

    /** A fresh bus from the configured bus's factory, with the configured settings. */
    @Override
    protected final BusUnderTest createBus() {
        if (factory == null) {
            // only when run without the extension, which cannot happen through @ExtendWith; said plainly all the same
            throw new IllegalStateException("no bus configured: set the JUnit configuration parameter " + BUS_PARAMETER);
        }
        return factory.create(settings);
    }
}
