package io.hermesbus.tck.random;

import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * {@code seekAfter(offset of #index)}: how a client resumes after the last event it processed. The consumer moves
 * to {@code #index + 1}. If retention deleted {@code #index}, it refuses with {@code OffsetOutOfRangeException},
 * except for {@code int} offsets when {@code #index} is the event just before the oldest retained one: there
 * {@code seekAfter(o)} is {@code seek(o + 1)}, which reaches the oldest retained event when offsets are consecutive.
 */
record SeekAfterEvent(ConsumerId consumer, int index) implements Operation {

    @Override
    public boolean isApplicable(Model model) {
        return index < model.size() && model.isOffsetKnown(index);
    }

    @Override
    public String describe(Model model) {
        return consumer.label() + ": seekAfter(offset of #" + index + " = " + model.offsetText(index) + ")";
    }

    @Override
    public void simulate(Model model) {
        if (index >= model.oldest() || resumesAtOldest(model)) {
            model.moveTo(consumer, index + 1);
        }
    }

    /**
     * Whether the model knows for sure that {@code seekAfter} of a deleted {@code #index} lands on the oldest retained
     * event: int offsets, {@code #index} just before it, and either no event retained (o + 1 is the end) or the
     * oldest's offset known to be o + 1. The generator assumes consecutive offsets.
     */
    private boolean resumesAtOldest(Model model) {
        if (model.features().offsetKind() != OffsetKind.INT || index != model.oldest() - 1) {
            return false;
        }
        if (index + 1 >= model.size()) {
            return true;
        }
        Offset offset = model.observedOffset(index);
        Offset next = model.observedOffset(index + 1);
        if (offset == null || next == null) {
            return true;
        }
        return next.equals(Offset.of(((Offset.IntOffset) offset).value() + 1));
    }

    @Override
    public void check(Model model, BusSession session) {
        Offset offset = model.offsetOf(index);
        Runnable seekAfter = () -> session.consumer(consumer).seekAfter(offset);
        int oldest = model.oldest();
        if (index >= oldest) {
            BusCalls.expectReturn("seekAfter(" + offset + ") returns, the next event being #" + (index + 1), seekAfter);
            model.moveTo(consumer, index + 1);
            return;
        }
        boolean intOffsets = model.features().offsetKind() == OffsetKind.INT;
        if (intOffsets && index == oldest - 1 && oldest < model.size() && !model.isOffsetKnown(oldest)) {
            // o + 1 is the oldest's offset only if offsets are consecutive, which the model does not know yet:
            // both moving to the oldest retained event and refusing are correct.
            String expected = "seekAfter(" + offset + ") = seek(" + offset + " + 1) either returns (next event #"
                    + oldest + ") or throws OffsetOutOfRangeException";
            if (BusCalls.returnsOrOutOfRange(expected, seekAfter)) {
                model.moveTo(consumer, oldest);
            }
            return;
        }
        if (intOffsets && index == oldest - 1 && resumesAtOldest(model)) {
            BusCalls.expectReturn("seekAfter(" + offset + ") = seek(" + offset + " + 1) returns: #" + index
                    + " is just before the oldest retained #" + oldest, seekAfter);
            model.moveTo(consumer, oldest);
            return;
        }
        BusCalls.expectOutOfRange("OffsetOutOfRangeException: #" + index + " was deleted by retention (oldest retained"
                + " is #" + oldest + "), position unchanged", seekAfter);
    }

    @Override
    public Operation renumbered(IntUnaryOperator newIndex) {
        return new SeekAfterEvent(consumer, newIndex.applyAsInt(index));
    }

    /** Earlier events, then consumer A. */
    @Override
    public List<Operation> simpler() {
        List<Operation> variants = new ArrayList<>();
        for (int earlier : Simpler.below(index, 0)) {
            variants.add(new SeekAfterEvent(consumer, earlier));
        }
        if (consumer != ConsumerId.A) {
            variants.add(new SeekAfterEvent(ConsumerId.A, index));
        }
        return variants;
    }
}
