package io.hermesbus.tck.random;

import java.util.ArrayList;
import java.util.List;

/**
 * What one replay of a sequence on a fresh bus gave: the steps it ran (skipped ones left out) and, when the bus left
 * the model, the failure, which is then the last step run (or the set-up, with no step run). A replay cut short by
 * the run's time budget has no failure: the steps it ran agreed with the model.
 */
record ReplayOutcome(List<Operation> sequence, List<ReplayedStep> steps, StepFailure failure, boolean cutShort) {

    ReplayOutcome {
        sequence = List.copyOf(sequence);
        steps = List.copyOf(steps);
    }

    /** A replay that ran to its end or to its failure. */
    ReplayOutcome(List<Operation> sequence, List<ReplayedStep> steps, StepFailure failure) {
        this(sequence, steps, failure, false);
    }

    boolean failed() {
        return failure != null;
    }

    /**
     * The same outcome for the sequence of only the steps that ran. Skipped steps change neither bus nor model and
     * steps after the failing one never run, so replaying that shorter sequence fails in the same way.
     */
    ReplayOutcome withoutUnusedSteps() {
        List<Operation> used = steps.stream().map(ReplayedStep::operation).toList();
        List<ReplayedStep> renumbered = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            renumbered.add(new ReplayedStep(i, steps.get(i).operation(), steps.get(i).description()));
        }
        return new ReplayOutcome(used, renumbered, failure);
    }
}
