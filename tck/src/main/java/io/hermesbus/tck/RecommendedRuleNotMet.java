package io.hermesbus.tck;

import org.opentest4j.TestAbortedException;

/**
 * A recommended rule failed. Reported as an aborted test with the failure as its cause, and as a warning in
 * the conformance report: visible, but not a conformance failure.
 */
public final class RecommendedRuleNotMet extends TestAbortedException {
    private static final long serialVersionUID = 1L;

    RecommendedRuleNotMet(AssertionError failure) {
        super("WARNING, recommended rule not met: " + failure.getMessage(), failure);
    }
}
