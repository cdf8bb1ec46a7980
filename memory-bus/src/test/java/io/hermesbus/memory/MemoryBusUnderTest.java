package io.hermesbus.memory;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.tck.BusUnderTest;
import java.util.Map;
import java.util.UUID;

/** A fresh memory bus of one offset kind for the conformance kit; {@link #close()} forgets it. */
public final class MemoryBusUnderTest extends BusUnderTest {
    private final MemoryBusProvider provider = new MemoryBusProvider();
    private final OffsetKind offsetKind;
    private final Map<String, Object> settings;

    public MemoryBusUnderTest(OffsetKind offsetKind) {
        this.offsetKind = offsetKind;
        this.settings = Map.of("name", "tck-" + offsetKind + "-" + UUID.randomUUID(), "offset_kind", offsetKind.toString());
    }

    /** The name of the bus this instance tests. */
    public String busName() {
        return (String) settings.get("name");
    }

    @Override
    public AbstractMessageBusProducerPlugin newProducer() {
        return provider.producer(settings);
    }

    @Override
    public AbstractMessageBusConsumerPlugin newConsumer() {
        return provider.consumer(settings);
    }

    @Override
    public OffsetKind offsetKind() {
        return offsetKind;
    }

    @Override
    public boolean supportsRetention() {
        return true;
    }

    /** A bus no plugin has opened yet holds no events, so there is nothing to delete. */
    @Override
    public void retainNewest(int count) {
        MemoryBus.named(busName()).ifPresent(bus -> bus.retainNewest(count));
    }

    @Override
    public void close() {
        MemoryBus.drop(busName());
    }
}
