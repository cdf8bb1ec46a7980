package io.hermesbus.python;

import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;

/**
 * The whole kit through the bridge on the correct Python plugin pair of {@code src/test/python}, {@code sqlitelog}
 * (Hermes' SQLite bus format): every rule that applies passes. The same harness around each wrong consumer fails the
 * rule of its fault ({@link KitCatchesWrongPythonConsumersTest}).
 */
class SqlitelogConformanceTest extends MessageBusConsumerVerification {
    @Override
    protected BusUnderTest createBus() {
        return new PythonBusUnderTestFactory().create(PythonPlugins.busSettings(PythonPlugins.CORRECT));
    }

    @Override
    protected int modelBasedSequences() {
        return 40;
    }
}
