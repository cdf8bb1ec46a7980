package ${package};

import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;
import java.util.Map;

/** The whole conformance kit on the ${busName} bus: one test per rule, each on a fresh bus. */
class ${busClass}ConformanceTest extends MessageBusConsumerVerification {
    @Override
    protected BusUnderTest createBus() {
        return new ${busClass}UnderTestFactory().create(Map.of());
    }
}
