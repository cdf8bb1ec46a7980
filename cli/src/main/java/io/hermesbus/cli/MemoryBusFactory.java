package io.hermesbus.cli;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.Settings;
import io.hermesbus.memory.MemoryBus;
import io.hermesbus.memory.MemoryBusProvider;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.BusUnderTestFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Fresh in-memory buses for {@code hermes-bus verify memory}: the user's settings, with a name made unique per
 * call (the user's {@code name}, if any, as its prefix). Declares retention ({@link MemoryBus#retainNewest}).
 * Lives here, not in memory-bus, because buses do not depend on the kit.
 */
public final class MemoryBusFactory implements BusUnderTestFactory {
    private final MemoryBusProvider provider = new MemoryBusProvider();

    @Override
    public String busName() {
        return provider.name();
    }

    @Override
    public BusUnderTest create(Map<String, ?> settings) {
        Map<String, Object> fresh = new LinkedHashMap<>(settings);
        Settings given = Settings.of(settings);
        String name = given.optionalString("name").orElse("verify") + "-" + UUID.randomUUID();
        fresh.put("name", name);
        OffsetKind kind = given.enumValue("offset_kind", OffsetKind.class, OffsetKind.INT);
        return new BusUnderTest() {
            @Override
            public AbstractMessageBusProducerPlugin newProducer() {
                return provider.producer(fresh);
            }

            @Override
            public AbstractMessageBusConsumerPlugin newConsumer() {
                return provider.consumer(fresh);
            }

            @Override
            public OffsetKind offsetKind() {
                return kind;
            }

            @Override
            public boolean supportsRetention() {
                return true;
            }

            @Override
            public void retainNewest(int count) {
                // a bus no plugin has opened yet holds no events: nothing to delete
                MemoryBus.named(name).ifPresent(bus -> bus.retainNewest(count));
            }

            @Override
            public void close() {
                MemoryBus.drop(name);
            }
        };
    }
}
