package io.hermesbus.tck;

import io.hermesbus.tck.random.ListBusFactory;
import java.util.Map;

/** A kit class written the usual way, for the runner's class mode. Not run by itself (no Test suffix). */
public class ListBusKit extends MessageBusConsumerVerification {
    @Override
    protected BusUnderTest createBus() {
        return new ListBusFactory().create(Map.of());
    }
}
