package io.hermesbus.memory;

import io.hermesbus.api.OffsetKind;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;

/** The whole conformance kit against the in-memory bus with str offsets (run by {@link MemoryBusConformanceTest}). */
public class MemoryBusStrOffsetsConformance extends MessageBusConsumerVerification {
    @Override
    protected BusUnderTest createBus() {
        return new MemoryBusUnderTest(OffsetKind.STR);
    }
}
