package com.example.wrong;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.BusUnderTestFactory;
import java.util.Map;
import java.util.UUID;

/** Fresh "wrong" buses for hermes-bus verify: a memory bus with a unique name per call. */
public final class OffByOneSeekFactory implements BusUnderTestFactory {
    private final OffByOneSeekProvider provider = new OffByOneSeekProvider();

    @Override
    public String busName() {
        return provider.name();
    }

    @Override
    public BusUnderTest create(Map<String, ?> settings) {
        Map<String, Object> fresh = Map.of("name", "wrong-" + UUID.randomUUID());
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
                return OffsetKind.INT;
            }
        };
    }
}
