package io.hermesbus.memory;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.MessageBusProvider;
import io.hermesbus.api.Settings;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.BusUnderTestFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Fresh memory buses for the conformance kit ({@code hermes-bus verify memory}, and this module's kit tests): the
 * user's settings, with {@code name} made unique per bus (the user's {@code name}, if any, as its prefix;
 * {@code verify} otherwise). Offsets as {@code offset_kind}, {@code first_offset} and {@code offset_step} say
 * ({@code int} from 0 in steps of 1 by default), so the kit can check a bus that mimics another's offsets. Declares
 * retention ({@link MemoryBus#retainNewest}); {@link BusUnderTest#close()} drops the bus.
 *
 * <p>Compiled against the kit, which this module's users never need: Hermes never loads this class.
 */
public final class MemoryBusUnderTestFactory implements BusUnderTestFactory {
    private static final String DEFAULT_NAME_PREFIX = "verify";

    private final MessageBusProvider plugins;

    /** Buses of the memory bus's own plugins; what {@link java.util.ServiceLoader} makes. */
    public MemoryBusUnderTestFactory() {
        this(new MemoryBusProvider());
    }

    /**
     * Memory buses whose plugins come from {@code plugins}: a provider built on the memory bus, which hands the
     * settings to the memory bus's own plugins (wrapping them, for instance). The buses take its name.
     *
     * @param plugins the provider whose plugins the buses use; it must take the memory bus's settings
     */
    public MemoryBusUnderTestFactory(MessageBusProvider plugins) {
        this.plugins = plugins;
    }

    /** @throws InvalidSettingsException naming a setting of the memory bus that is unknown or holds a bad value */
    @Override
    public BusUnderTest create(Map<String, ?> settings) {
        String prefix = Settings.of(settings).optionalString(MemoryBusSettings.NAME).orElse(DEFAULT_NAME_PREFIX);
        Map<String, Object> fresh = new LinkedHashMap<>(settings);
        fresh.put(MemoryBusSettings.NAME, prefix + "-" + UUID.randomUUID());
        MemoryBusSettings checked = MemoryBusSettings.from(Settings.of(fresh));
        return new BusUnderTest(plugins, fresh, checked.offsetKind())
                // a bus no plugin has opened yet holds no events: nothing to delete
                .withRetention(count -> MemoryBus.named(checked.name()).ifPresent(bus -> bus.retainNewest(count)))
                .onClose(() -> MemoryBus.drop(checked.name()));
    }

    @Override
    public String busName() {
        return plugins.name();
    }
}
