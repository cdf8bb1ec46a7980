package io.hermesbus.sqlite;

import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;
import java.util.Map;

/** The whole conformance kit against the SQLite bus, retention and malformed JSON included. */
class SqliteBusConformanceTest extends MessageBusConsumerVerification {
    @Override
    protected BusUnderTest createBus() {
        return new SqliteBusUnderTestFactory().create(Map.of());
    }
}
