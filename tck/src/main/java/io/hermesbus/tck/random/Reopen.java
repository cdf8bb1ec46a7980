package io.hermesbus.tck.random;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import java.util.List;

/**
 * What a Hermes client does at each run: {@code close()}, {@code open()}, {@code seekToBeginning()} on the same
 * consumer instance. Nothing of the previous connection may leak into the new one.
 */
record Reopen(ConsumerId consumer) implements Operation {

    @Override
    public boolean isApplicable(Model model) {
        return true;
    }

    @Override
    public String describe(Model model) {
        return consumer.label() + ": close(), open(), seekToBeginning() (oldest retained is #" + model.oldest() + ")";
    }

    @Override
    public void simulate(Model model) {
        model.moveTo(consumer, model.oldest());
    }

    @Override
    public void check(Model model, BusSession session) {
        AbstractMessageBusConsumerPlugin plugin = session.consumer(consumer);
        BusCalls.expectReturn("close() returns", plugin::close);
        BusCalls.expectReturn("open() after close() returns", plugin::open);
        BusCalls.expectReturn("seekToBeginning() after reopening returns", plugin::seekToBeginning);
        simulate(model);
    }

    @Override
    public List<Operation> simpler() {
        return consumer == ConsumerId.A ? List.of() : List.of(new Reopen(ConsumerId.A));
    }
}
