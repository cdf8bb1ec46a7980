package io.hermesbus.memory;

import io.hermesbus.api.OffsetKind;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;

/** The whole conformance kit against the in-memory bus with float offsets (run by {@link MemoryBusConformanceTest}). */
public class MemoryBusFloatOffsetsConformance extends MessageBusConsumerVerification {
    @Override
    protected BusUnderTest createBus() {
        return new MemoryBusUnderTest(OffsetKind.FLOAT);
    }
}
