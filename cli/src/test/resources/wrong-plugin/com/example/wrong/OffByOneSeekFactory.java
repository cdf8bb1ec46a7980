package com.example.wrong;

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
        return new BusUnderTest(provider, Map.of("name", "wrong-" + UUID.randomUUID()), OffsetKind.INT);
    }
}
