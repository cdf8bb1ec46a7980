package io.hermesbus.python;

import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;

/**
 * The whole kit through the bridge on the correct Python plugin pair, {@code sqlitelog} (src/test/python): every rule
 * passes but those that need retention or raw publishing, which Hermes' plugin contract cannot trigger (see
 * {@link PythonBusUnderTestFactory}). Rule 10.1 runs 40 sequences rather than 200: each starts three Python processes.
 */
class PythonBusConformanceTest extends MessageBusConsumerVerification {
    @Override
    protected BusUnderTest createBus() {
        return new PythonBusUnderTestFactory().create(TestPlugins.settings("sqlitelog", "{\"uri\": \"{fresh}/bus.sqlite\"}"));
    }

    @Override
    protected int modelBasedSequences() {
        return 40;
    }
}
