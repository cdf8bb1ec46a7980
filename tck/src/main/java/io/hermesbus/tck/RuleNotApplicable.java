package io.hermesbus.tck;

import org.opentest4j.TestAbortedException;

/** A rule does not apply to the bus under test; the message names the declaration or fact that says so. */
public final class RuleNotApplicable extends TestAbortedException {
    private static final long serialVersionUID = 1L;

    RuleNotApplicable(String message) {
        super(message);
    }
}
