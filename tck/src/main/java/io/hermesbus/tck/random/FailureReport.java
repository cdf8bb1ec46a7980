package io.hermesbus.tck.random;

import java.time.Duration;
import java.util.List;

/**
 * The message of a failed model-based check. In this order: the rule, the seeds, how to replay, the step counts, the
 * shrunk sequence as numbered lines described from its replay, and the failing step's expected and observed
 * results. It holds no clock readings, so that the same seed gives the same message.
 */
final class FailureReport {
    private FailureReport() {
    }

    static String text(long runSeed, int sequenceNumber, int sequenceCount, long sequenceSeed,
                       ReplayOutcome original, ShrinkResult shrunk, Duration shrinkLimit) {
        ReplayOutcome smallest = shrunk.smallest();
        StringBuilder text = new StringBuilder();
        text.append("Rule 10.1 (model-based check) failed: a random sequence of operations made the bus diverge from")
                .append(" the model of a correct bus.\n");
        text.append("Run seed: ").append(runSeed).append(" (sequence ").append(sequenceNumber).append(" of ")
                .append(sequenceCount).append(", sequence seed: ").append(sequenceSeed).append(")\n");
        text.append("Replay: run the tests again with -D").append(Seeds.PROPERTY).append('=').append(runSeed)
                .append(" (or the environment variable ").append(Seeds.ENVIRONMENT_VARIABLE).append('=')
                .append(runSeed).append(")\n");
        text.append("Steps: ").append(original.steps().size()).append(" originally (the sequence failed at step ")
                .append(original.steps().size()).append(" of ").append(original.sequence().size())
                .append(" generated), ").append(smallest.steps().size()).append(" after shrinking (")
                .append(shrunk.replays()).append(" replays")
                .append(shrunk.stoppedAtLimit()
                        ? "; stopped at the shrink limit of " + Texts.duration(shrinkLimit) + ", may shrink further"
                        : "")
                .append(")\n");
        text.append("Each sequence starts with ").append(BusSession.setUpDescription()).append(".\n");
        text.append("Shrunk sequence:\n");
        List<ReplayedStep> steps = smallest.steps();
        if (steps.isEmpty()) {
            text.append("  (no step: the set-up itself failed)\n");
        }
        for (int i = 0; i < steps.size(); i++) {
            text.append("  ").append(i + 1).append(". ").append(steps.get(i).description()).append('\n');
        }
        StepFailure failure = smallest.failure();
        text.append(steps.isEmpty() ? "The set-up" : "Step " + steps.size()).append(" diverged: ")
                .append(failure.step()).append('\n');
        text.append("  expected: ").append(failure.expected()).append('\n');
        text.append("  observed: ").append(failure.observed());
        return text.toString();
    }
}
