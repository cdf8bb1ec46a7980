package io.hermesbus.memory;

import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;
import java.util.Map;

/** The whole conformance kit against the in-memory bus with float offsets (run by {@link MemoryBusConformanceTest}). */
public class MemoryBusFloatOffsetsConformance extends MessageBusConsumerVerification {
    @Override
    protected BusUnderTest createBus() {
        return new MemoryBusUnderTestFactory().create(Map.of("offset_kind", "float"));
    }
}
