package io.hermesbus.tck.random;

/**
 * The bus did something other than what the model expects during one step. Thrown inside a step and turned into
 * the step's failure; it carries no stack trace because the interesting trace is the sequence of steps.
 */
final class Divergence extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String observed;

    Divergence(String expected, String observed) {
        super("expected " + expected + ", observed " + observed, null, false, false);
        this.expected = expected;
        this.observed = observed;
    }

    String expected() {
        return expected;
    }

    String observed() {
        return observed;
    }
}
