package com.example.dirbus;

import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;
import java.util.Map;

/** The whole conformance kit on the dir bus: one test per rule, a fresh folder for each. */
class DirBusConformanceTest extends MessageBusConsumerVerification {
    @Override
    protected BusUnderTest createBus() {
        return new DirBusUnderTestFactory().create(Map.of());
    }
}
