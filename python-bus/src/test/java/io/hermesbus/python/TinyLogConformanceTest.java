package io.hermesbus.python;

import io.hermesbus.testing.Python;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;
import java.util.Map;

/** The whole kit through the bridge, on the bridge tests' own plugin pair. */
class TinyLogConformanceTest extends MessageBusConsumerVerification {
    @Override
    protected BusUnderTest createBus() {
        return new PythonBusUnderTestFactory().create(Map.of(
                "python", System.getProperty(Python.PROPERTY, "python3"),
                "hermes_home", TinyLog.home().toString(),
                "plugin", "tinylog",
                "settings", "{\"uri\": \"{fresh}/bus.sqlite\"}"));
    }

    @Override
    protected int modelBasedSequences() {
        return 40;
    }
}
