package io.hermesbus.tck.random;

/** The step where the bus left the model: its description, what the model expected and what the bus did. */
record StepFailure(String step, String expected, String observed) {
}
