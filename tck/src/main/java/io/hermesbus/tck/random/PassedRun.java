package io.hermesbus.tck.random;

import java.time.Duration;

/**
 * How a {@link ModelBasedCheck} run that found no divergence ended: after every sequence, or at its time budget
 * after some of them. Stopping at the budget is not a failure: every sequence that ran agreed with the model. The
 * run seed replays the same sequences, in the same order.
 *
 * @param runSeed the seed every sequence was derived from
 * @param sequencesRun the sequences that ran to their end, all agreeing with the model
 * @param sequencesPlanned the sequences the run was asked for
 * @param stoppedAtBudget whether the time budget ended the run before all planned sequences ran
 * @param timeBudget the run's time budget; null when it had none
 */
public record PassedRun(long runSeed, int sequencesRun, int sequencesPlanned, boolean stoppedAtBudget, Duration timeBudget) {

    /**
     * One line for the report and the rule's outcome, such as
     * {@code "passed: 200 of 200 sequences; run seed 42 (-Dhermesbus.tck.seed=42 replays it)"} or
     * {@code "passed: stopped at the time budget of 90 s after 137 of 200 sequences; run seed 42 (...)"}.
     *
     * @return the line; it always ends with the system property that replays the run
     */
    public String describe() {
        String sequences = sequencesRun + " of " + sequencesPlanned + " sequences";
        return "passed: " + (stoppedAtBudget ? "stopped at the time budget of " + Texts.duration(timeBudget) + " after " : "")
                + sequences + "; run seed " + runSeed + " (-D" + Seeds.PROPERTY + "=" + runSeed + " replays it)";
    }
}
