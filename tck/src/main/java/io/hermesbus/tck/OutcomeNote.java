package io.hermesbus.tck;

/**
 * A line a rule adds to its outcome when it passes, such as how many sequences rule 10.1 ran and with which seed.
 * A kit test declares it as a parameter; {@link ConformanceReport} supplies it, shows the line under the rule in the
 * report and publishes it as a JUnit report entry (key {@value ConformanceReport#NOTE_ENTRY}), which IDEs, the JUnit
 * XML report and {@link ConformanceRunner} see.
 */
@FunctionalInterface
interface OutcomeNote {
    /** Sets the rule's note; a rule calls it at most once. */
    void set(String text);
}
