package io.hermesbus.tck.random;

/**
 * The shortest failing replay the shrinker found, how many replays it took, and whether it stopped at the time limit
 * rather than at a sequence it could not shrink further.
 */
record ShrinkResult(ReplayOutcome smallest, int replays, boolean stoppedAtLimit) {
}
