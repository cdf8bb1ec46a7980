package io.hermesbus.tck.random;

import io.hermesbus.api.Offset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * {@code seek(offset of #index)}: the consumer moves to {@code #index}, or, if retention deleted it, refuses with
 * {@code OffsetOutOfRangeException} and stays where it was. Applicable once the offset of {@code #index} is known.
 */
record SeekToEvent(ConsumerId consumer, int index) implements Operation {

    @Override
    public boolean isApplicable(Model model) {
        return index < model.size() && model.isOffsetKnown(index);
    }

    @Override
    public String describe(Model model) {
        return consumer.label() + ": seek(offset of #" + index + " = " + model.offsetText(index) + ")";
    }

    @Override
    public void simulate(Model model) {
        if (index >= model.oldest()) {
            model.moveTo(consumer, index);
        }
    }

    @Override
    public void check(Model model, BusSession session) {
        Offset offset = model.offsetOf(index);
        Runnable seek = () -> session.consumer(consumer).seek(offset);
        if (index < model.oldest()) {
            BusCalls.expectOutOfRange("OffsetOutOfRangeException: #" + index + " was deleted by retention (oldest"
                    + " retained is #" + model.oldest() + "), position unchanged", seek);
            return;
        }
        BusCalls.expectReturn("seek(" + offset + ") returns, the next event being #" + index, seek);
        model.moveTo(consumer, index);
    }

    @Override
    public Operation renumbered(IntUnaryOperator newIndex) {
        return new SeekToEvent(consumer, newIndex.applyAsInt(index));
    }

    /** Earlier events, then consumer A. */
    @Override
    public List<Operation> simpler() {
        List<Operation> variants = new ArrayList<>();
        for (int earlier : Simpler.below(index, 0)) {
            variants.add(new SeekToEvent(consumer, earlier));
        }
        if (consumer != ConsumerId.A) {
            variants.add(new SeekToEvent(ConsumerId.A, index));
        }
        return variants;
    }
}
