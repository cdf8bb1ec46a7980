/**
 * Rule 10.1 of the conformance kit: randomized, model-based checking with shrinking.
 *
 * <p>{@link io.hermesbus.tck.random.ModelBasedCheck} is the only public type. It generates random sequences of
 * operations (publish, seek, read, find, reopen, retention) from a seed, runs each on a fresh bus and, step by
 * step, against a small in-kit model of what a correct bus does. When they disagree, the sequence is shrunk to a
 * short one that still disagrees, and the failure names the seeds to replay it.
 */
package io.hermesbus.tck.random;
