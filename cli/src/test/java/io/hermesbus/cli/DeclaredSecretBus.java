package io.hermesbus.cli;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.MessageBusProvider;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.memory.MemoryBus;
import io.hermesbus.memory.MemoryBusProvider;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.BusUnderTestFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A test plugin, {@code declared-secret}: the memory bus with one more setting, {@code dsn}, a secret that does not
 * look secret, so its provider declares it. A {@code dsn} that names the host {@code unreachable} is refused with an
 * error that quotes it, as a careless client library might, and its retention (for the kit) fails quoting it: the
 * tool and the kit's reports must hide it anyway.
 */
public final class DeclaredSecretBus implements MessageBusProvider {
    static final String DSN = "dsn";

    @Override
    public String name() {
        return "declared-secret";
    }

    @Override
    public Set<String> secretSettings() {
        return Set.of(DSN);
    }

    @Override
    public AbstractMessageBusConsumerPlugin consumer(Map<String, ?> settings) {
        return new MemoryBusProvider().consumer(memorySettings(settings));
    }

    @Override
    public AbstractMessageBusProducerPlugin producer(Map<String, ?> settings) {
        return new MemoryBusProvider().producer(memorySettings(settings));
    }

    private static Map<String, ?> memorySettings(Map<String, ?> settings) {
        String dsn = String.valueOf(settings.get(DSN));
        if (dsn.contains("unreachable")) {
            throw new HermesBusException("cannot connect to " + dsn, new IllegalStateException("dsn was " + dsn));
        }
        Map<String, Object> memory = new LinkedHashMap<>(settings);
        memory.remove(DSN);
        return memory;
    }

    /** Its buses for {@code hermes-bus verify}: a fresh memory bus per rule. */
    public static final class Factory implements BusUnderTestFactory {
        @Override
        public String busName() {
            return "declared-secret";
        }

        @Override
        public BusUnderTest create(Map<String, ?> settings) {
            String name = "declared-" + UUID.randomUUID();
            Map<String, Object> fresh = new LinkedHashMap<>(settings);
            fresh.put("name", name);
            new DeclaredSecretBus().producer(fresh).close(); // refuses what the plugins refuse, before any rule runs
            // a careless retention that quotes the secret when it fails: the kit's reports must not keep it
            return new BusUnderTest(new DeclaredSecretBus(), fresh, OffsetKind.INT)
                    .withRetention(count -> {
                        throw new IllegalStateException("retention is not allowed by " + settings.get(DSN));
                    })
                    .onClose(() -> MemoryBus.drop(name));
        }
    }
}
