package io.hermesbus.tck.random;

import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * {@code seekAfter(offset of #index)}: how a client resumes after the last event it processed. The consumer moves to
 * {@code #index + 1}. For a deleted {@code #index}, {@code seekAfter} accepts what a seek to the least offset above
 * it accepts (tck/SPEC.md, "Seek range"): refused when {@code #index + 1} was deleted too (nothing may be skipped);
 * for the newest deleted event, landing on the oldest retained one is required when no offset lies between the two
 * (consecutive ints, or nothing retained and int offsets: the end), and otherwise either landing or a refusal.
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

    /** The generator assumes a refusal wherever the bus may refuse. */
    @Override
    public void simulate(Model model) {
        if (index >= model.oldest() || mustLandOnOldest(model)) {
            model.moveTo(consumer, index + 1);
        }
    }

    /**
     * Whether {@code #index}, deleted, is the newest deleted event with nothing between it and the end of what was
     * deleted: no offset between its offset and the oldest retained one, or, with nothing retained, int offsets
     * (its successor is the end). Unknown offsets (while generating, or not read yet) allow either outcome.
     */
    private boolean mustLandOnOldest(Model model) {
        if (index != model.oldest() - 1) {
            return false;
        }
        Offset offset = model.observedOffset(index);
        if (model.oldest() == model.size()) {
            return model.features().offsetKind() == OffsetKind.INT;
        }
        Offset oldest = model.observedOffset(model.oldest());
        return offset != null && oldest != null && offset.successor().filter(above -> above.isBefore(oldest)).isEmpty();
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
        if (index < oldest - 1) {
            BusCalls.expectOutOfRange("OffsetOutOfRangeException: #" + (index + 1) + ", after #" + index + ", was deleted by"
                    + " retention (oldest retained is #" + oldest + "), position unchanged", seekAfter);
            return;
        }
        if (mustLandOnOldest(model)) {
            BusCalls.expectReturn("seekAfter(" + offset + ") returns: #" + index + " is the newest deleted event and no"
                    + " offset lies between it and " + (oldest < model.size() ? "the oldest retained #" + oldest : "the end"),
                    seekAfter);
            model.moveTo(consumer, oldest);
            return;
        }
        String expected = "seekAfter(" + offset + ") of the newest deleted event either returns (next event #" + oldest
                + ") or throws OffsetOutOfRangeException (a bus may refuse an offset in the gap below the oldest)";
        if (BusCalls.returnsOrOutOfRange(expected, seekAfter)) {
            model.moveTo(consumer, oldest);
        }
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
