package io.hermesbus.tck.selftest;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.MessageBusProvider;
import io.hermesbus.memory.MemoryBusProvider;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The in-memory bus with its consumers wrapped in a wrong consumer (or not wrapped, for the control run); the
 * kit gets fresh buses of it from {@link io.hermesbus.memory.MemoryBusUnderTestFactory}.
 */
final class WrongBus implements MessageBusProvider {
    private final MemoryBusProvider memory = new MemoryBusProvider();
    private final UnaryOperator<AbstractMessageBusConsumerPlugin> fault;

    WrongBus(UnaryOperator<AbstractMessageBusConsumerPlugin> fault) {
        this.fault = fault;
    }

    @Override
    public String name() {
        return "wrong";
    }

    @Override
    public AbstractMessageBusConsumerPlugin consumer(Map<String, ?> settings) {
        return fault.apply(memory.consumer(settings));
    }

    @Override
    public AbstractMessageBusProducerPlugin producer(Map<String, ?> settings) {
        return memory.producer(settings);
    }
}
