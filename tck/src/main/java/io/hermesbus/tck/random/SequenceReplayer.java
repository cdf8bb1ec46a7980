package io.hermesbus.tck.random;

import io.hermesbus.api.Deadline;
import io.hermesbus.tck.BoundedCalls;
import io.hermesbus.tck.BusUnderTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a sequence on a fresh bus and on a fresh model, step by step, and stops at the first step where they
 * disagree. Every bus call runs on a worker of {@link BoundedCalls} within the operation limit, so a hanging bus is a
 * failed step too. Given the same sequence and a deterministic bus, a replay always ends the same way.
 */
final class SequenceReplayer {
    private final Supplier<BusUnderTest> freshBus;
    private final Duration operationLimit;

    SequenceReplayer(Supplier<BusUnderTest> freshBus, Duration operationLimit) {
        this.freshBus = freshBus;
        this.operationLimit = operationLimit;
    }

    /** Replays {@code sequence}, which the shrinker made, to its end or its failure. */
    ReplayOutcome replay(List<Operation> sequence) {
        return replay(features -> sequence, Deadline.never());
    }

    /**
     * Sets up a fresh bus, asks {@code sequenceFor} for the sequence to run (the generator needs the bus's declared
     * features), and replays it; once {@code budget} has passed, it runs no further step and the outcome is
     * {@link ReplayOutcome#cutShort() cut short}.
     */
    ReplayOutcome replay(Function<BusFeatures, List<Operation>> sequenceFor, Deadline budget) {
        BoundedCalls calls = new BoundedCalls();
        BusSession session = null;
        try {
            try {
                session = calls.call(operationLimit, "set-up", () -> BusSession.open(freshBus));
            } catch (BoundedCalls.Hung hung) {
                return setUpFailed("set-up returns within " + Texts.duration(operationLimit) + " (operationLimit)",
                        "still running after " + Texts.duration(operationLimit) + "; " + hung.where());
            } catch (RuntimeException | Error e) {
                return setUpFailed("set-up succeeds", Texts.threw(e));
            }
            return runSteps(calls, session, sequenceFor.apply(session.features()), budget);
        } finally {
            if (session != null) {
                closeWithin(calls, session);
            }
            calls.close();
        }
    }

    private static ReplayOutcome setUpFailed(String expected, String observed) {
        return new ReplayOutcome(List.of(), List.of(),
                new StepFailure("set-up: " + BusSession.setUpDescription(), expected, observed));
    }

    private ReplayOutcome runSteps(BoundedCalls calls, BusSession session, List<Operation> sequence, Deadline budget) {
        Model model = new Model(session.features());
        // A read waits up to the delivery delay for events that are on their way, so the step may take that long more.
        Duration stepLimit = operationLimit.plus(session.features().deliveryDelay());
        List<ReplayedStep> steps = new ArrayList<>();
        for (int i = 0; i < sequence.size(); i++) {
            if (budget.passed()) {
                return new ReplayOutcome(sequence, steps, null, true);
            }
            Operation operation = sequence.get(i);
            if (!operation.isApplicable(model)) {
                continue;
            }
            String description = operation.describe(model);
            steps.add(new ReplayedStep(i, operation, description));
            try {
                calls.call(stepLimit, description, () -> {
                    checkStep(operation, model, session);
                    return null;
                });
            } catch (Divergence divergence) {
                return new ReplayOutcome(sequence, steps,
                        new StepFailure(description, divergence.expected(), divergence.observed()));
            } catch (BoundedCalls.Hung hung) {
                return new ReplayOutcome(sequence, steps, new StepFailure(description,
                        "the step returns within " + Texts.duration(stepLimit) + " (operationLimit "
                                + Texts.duration(operationLimit) + " + deliveryDelay "
                                + Texts.duration(session.features().deliveryDelay()) + ")",
                        "the step did not return within " + Texts.duration(stepLimit) + " (it hangs); "
                                + hung.where()));
            }
        }
        return new ReplayOutcome(sequence, steps, null);
    }

    /** Any exception that escaped a step's own expectations (an Error, say) is a divergence too, not a kit crash. */
    private static void checkStep(Operation operation, Model model, BusSession session) {
        try {
            operation.check(model, session);
        } catch (Divergence divergence) {
            throw divergence;
        } catch (RuntimeException | Error e) {
            throw new Divergence("the step completes as the model says", Texts.threw(e));
        }
    }

    /** Closes within the limit, on a new worker if the last one hangs; a close that hangs is left behind. */
    private void closeWithin(BoundedCalls calls, BusSession session) {
        try {
            calls.call(operationLimit, "close", () -> {
                session.closeQuietly();
                return null;
            });
        } catch (BoundedCalls.Hung | RuntimeException | Error ignored) {
            // Closing is checked by other rules; here it must only not stop the check.
        }
    }
}
