package io.hermesbus.memory;

import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;
import java.util.Map;

/**
 * The whole conformance kit against the in-memory bus with int offsets like epoch nanoseconds: from
 * 1,700,000,000,000,000,000 (November 2023) in steps of a second (run by {@link MemoryBusConformanceTest}).
 */
public class MemoryBusEpochNanosIntOffsetsConformance extends MessageBusConsumerVerification {
    @Override
    protected BusUnderTest createBus() {
        return new MemoryBusUnderTestFactory().create(Map.of("offset_kind", "int",
                "first_offset", 1_700_000_000_000_000_000L, "offset_step", 1_000_000_000L));
    }
}
