package io.hermesbus.tck.selftest;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.MessageBuses;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.memory.MemoryBus;
import io.hermesbus.tck.BusUnderTest;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** A fresh in-memory bus whose consumers are wrapped in a wrong consumer (or not wrapped, for the control run). */
final class WrongBus extends BusUnderTest {
    private final String name = "selftest-" + UUID.randomUUID();
    private final UnaryOperator<AbstractMessageBusConsumerPlugin> fault;

    WrongBus(UnaryOperator<AbstractMessageBusConsumerPlugin> fault) {
        this.fault = fault;
    }

    private Map<String, Object> settings() {
        return Map.of("name", name, "offset_kind", "int");
    }

    @Override
    public AbstractMessageBusProducerPlugin newProducer() {
        return MessageBuses.producer("memory", settings());
    }

    @Override
    public AbstractMessageBusConsumerPlugin newConsumer() {
        return fault.apply(MessageBuses.consumer("memory", settings()));
    }

    @Override
    public OffsetKind offsetKind() {
        return OffsetKind.INT;
    }

    @Override
    public boolean supportsRetention() {
        return true;
    }

    @Override
    public void retainNewest(int count) {
        MemoryBus.named(name).orElseThrow().retainNewest(count);
    }

    @Override
    public void close() {
        MemoryBus.drop(name);
    }
}
