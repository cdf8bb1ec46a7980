package io.hermesbus.memory;

import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;
import java.util.Map;

/**
 * The whole conformance kit against the in-memory bus with int offsets from 10 in steps of 10, as a bus whose offsets
 * leave gaps gives them (run by {@link MemoryBusConformanceTest}).
 */
public class MemoryBusGappedIntOffsetsConformance extends MessageBusConsumerVerification {
    @Override
    protected BusUnderTest createBus() {
        return new MemoryBusUnderTestFactory().create(Map.of("offset_kind", "int", "first_offset", 10, "offset_step", 10));
    }
}
