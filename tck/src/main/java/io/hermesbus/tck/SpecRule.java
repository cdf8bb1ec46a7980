package io.hermesbus.tck;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a kit test as the check of one numbered rule of {@code tck/SPEC.md}. The kit's failure messages, display
 * names and conformance report take the rule's number, level and title from here.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SpecRule {
    /**
     * The rule's number in SPEC.md, such as {@code "3.6"}.
     *
     * @return the number, section then rule, as SPEC.md's headings give it
     */
    String number();

    /**
     * Whether a plugin must or should follow the rule.
     *
     * @return {@link Level#REQUIRED} unless the rule says "should"
     */
    Level level() default Level.REQUIRED;

    /**
     * The rule's one-line title, as in SPEC.md.
     *
     * @return the title, without the number or level
     */
    String title();

    /** How binding a rule is, and so how its failure is reported. */
    enum Level {
        /** A failure fails the test and the plugin does not conform. */
        REQUIRED,
        /**
         * A failure is a warning: the test is reported as aborted with the reason, and the conformance report
         * lists it as a warning, never as passed.
         */
        RECOMMENDED;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
