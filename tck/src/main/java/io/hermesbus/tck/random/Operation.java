package io.hermesbus.tck.random;

import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * One step of a sequence: immutable, so that a sequence can be replayed and shrunk freely. Events are named by
 * their publishing index ({@code #i}), never by offset, because offsets are only known once the bus gave them.
 */
sealed interface Operation
        permits Publish, SeekToBeginning, SeekToEvent, SeekAfterEvent, ReadEvents, FindNextOfCategory, Reopen,
        RetainNewest {

    /**
     * Whether the step makes sense in {@code model}'s state (for example, the offset it seeks to is known).
     * A step that does not is skipped and not shown, which lets the shrinker remove any step.
     */
    boolean isApplicable(Model model);

    /** The step as one line, with what {@code model}'s state (the replayed one) says about its parameters. */
    String describe(Model model);

    /** Updates {@code model} as a correct bus would; the generator's dry run, touching no bus. */
    void simulate(Model model);

    /**
     * Runs the step on the bus, compares what the bus did with the model and updates the model.
     *
     * @throws Divergence when the bus does something else than the model expects
     */
    void check(Model model, BusSession session);

    /** Variants of this step with simpler parameters, simplest first; the shrinker tries them in this order. */
    List<Operation> simpler();

    /**
     * This step with its event references passed through {@code newIndex}: when the shrinker removes publishing
     * steps, later steps keep pointing at the same events. Steps without references return themselves.
     */
    default Operation renumbered(IntUnaryOperator newIndex) {
        return this;
    }
}
