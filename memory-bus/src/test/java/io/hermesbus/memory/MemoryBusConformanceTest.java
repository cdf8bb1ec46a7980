package io.hermesbus.memory;

import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * The conformance kit against the in-memory bus, once per offset kind, as one suite: what {@code mvn verify} runs
 * and what the README's first command prints as a report.
 */
@Suite
@SuiteDisplayName("hermes-bus conformance: memory bus, all four offset kinds")
@SelectClasses({
    MemoryBusIntOffsetsConformance.class,
    MemoryBusFloatOffsetsConformance.class,
    MemoryBusStrOffsetsConformance.class,
    MemoryBusBytesOffsetsConformance.class,
})
public class MemoryBusConformanceTest {
}
