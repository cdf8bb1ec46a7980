package io.hermesbus.memory;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * The conformance kit against the in-memory bus, once per offset kind and twice more with int offsets that leave gaps
 * as other buses' do, as one suite: what {@code mvn verify} runs and what the README's first command prints as a
 * report.
 */
@Suite
@SuiteDisplayName("hermes-bus conformance: memory bus, all four offset kinds, and gapped int offsets")
@SelectClasses({
    MemoryBusIntOffsetsConformance.class,
    MemoryBusFloatOffsetsConformance.class,
    MemoryBusStrOffsetsConformance.class,
    MemoryBusBytesOffsetsConformance.class,
    MemoryBusGappedIntOffsetsConformance.class,
    MemoryBusEpochNanosIntOffsetsConformance.class,
})
public class MemoryBusConformanceTest {
}
