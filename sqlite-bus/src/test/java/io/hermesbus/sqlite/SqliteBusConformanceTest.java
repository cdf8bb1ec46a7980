package io.hermesbus.sqlite;

import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;

/** The whole conformance kit against the SQLite bus, retention and malformed JSON included. */
class SqliteBusConformanceTest extends MessageBusConsumerVerification {
    @Override
    protected BusUnderTest createBus() {
        return new SqliteBusUnderTest();
    }
}
