package io.hermesbus.tck.random;

/**
 * A step that was run in a replay (not skipped), with where it stands in the sequence replayed and its description
 * from the replayed state.
 */
record ReplayedStep(int indexInSequence, Operation operation, String description) {
}
