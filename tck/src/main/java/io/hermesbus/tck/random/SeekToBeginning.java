package io.hermesbus.tck.random;

import java.util.List;

/** {@code seekToBeginning()}: the consumer moves to the oldest retained event. */
record SeekToBeginning(ConsumerId consumer) implements Operation {

    @Override
    public boolean isApplicable(Model model) {
        return true;
    }

    @Override
    public String describe(Model model) {
        return consumer.label() + ": seekToBeginning() (oldest retained is #" + model.oldest() + ")";
    }

    @Override
    public void simulate(Model model) {
        model.moveTo(consumer, model.oldest());
    }

    @Override
    public void check(Model model, BusSession session) {
        BusCalls.expectReturn("seekToBeginning() returns", () -> session.consumer(consumer).seekToBeginning());
        simulate(model);
    }

    @Override
    public List<Operation> simpler() {
        return consumer == ConsumerId.A ? List.of() : List.of(new SeekToBeginning(ConsumerId.A));
    }
}
