package io.hermesbus.tck;

import java.time.Duration;
import java.util.Locale;

/**
 * The kit's waiting times. Separate values, so that none doubles as a sleep:
 * <ul>
 *   <li>{@link #eventWait()}: the longest the kit waits for an event published while a consumer waits, and the
 *       slack it allows a wait to overrun its timeout (default 5 s); a correct bus ends the wait as soon as the
 *       event is there, so a long value costs nothing when it passes;
 *   <li>{@link #quiet()}: the timeout the kit gives a consumer when it checks how a wait ends, and, added to the
 *       bus's declared delivery delay, when it reads events whose {@code send} already returned (default 400 ms);
 *   <li>{@link #hang()}: the longest any single call may take before the kit calls it hung (default 30 s);
 *   <li>{@link #modelBasedBudget()}: the longest rule 10.1 runs its random sequences before it stops, as passed,
 *       saying after how many (default 180 s; SPEC.md's Timing says how it was chosen).
 *   <li>{@link #raceSlack()}: how long before the end of a wait, beyond the declared delivery delay, an event must have
 *       been sent for rule 4.7 to call the wait's empty end a miss (default 20 ms): a correct consumer may be
 *       descheduled between its last look and the end of its wait, and miss what is sent meanwhile.
 * </ul>
 * All are multiplied by one scale factor, set with the system property {@value #SCALE_PROPERTY} or,
 * when that is absent, the environment variable {@value #SCALE_VARIABLE} (for example {@code 3} on a slow CI
 * machine). The report prints the factor in force.
 */
public final class TckTimeouts {
    /** System property holding the scale factor (a positive decimal number). */
    public static final String SCALE_PROPERTY = "hermesbus.tck.timeScale";
    /** Environment variable holding the scale factor, read when the property is absent. */
    public static final String SCALE_VARIABLE = "HERMESBUS_TCK_TIME_SCALE";

    private final double scale;

    private TckTimeouts(double scale) {
        this.scale = scale;
    }

    /**
     * The timeouts scaled by the configured factor (1 when none is configured).
     *
     * @return the timeouts; at scale 1 when neither the property nor the variable is set (or it is blank)
     * @throws IllegalArgumentException naming the property or variable, if its value is not a number above 0 and at
     *     most 1000
     */
    public static TckTimeouts configured() {
        String text = System.getProperty(SCALE_PROPERTY);
        String source = "system property " + SCALE_PROPERTY;
        if (text == null) {
            text = System.getenv(SCALE_VARIABLE);
            source = "environment variable " + SCALE_VARIABLE;
        }
        if (text == null || text.isBlank()) {
            return new TckTimeouts(1.0);
        }
        try {
            double scale = Double.parseDouble(text.trim());
            if (scale > 0 && scale <= 1000) {
                return new TckTimeouts(scale);
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted form
        }
        throw new IllegalArgumentException(source + " must be a number above 0 and at most 1000, such as 2.5; got \"" + text + "\"");
    }

    /**
     * The factor every waiting time is multiplied by.
     *
     * @return the factor, above 0 and at most 1000; 1 when none is configured
     */
    public double scale() {
        return scale;
    }

    /**
     * How long the kit waits for an event published while a consumer waits, and how far a wait may overrun its timeout
     * (see the class comment).
     *
     * @return 5 s, scaled
     */
    public Duration eventWait() {
        return scaled(5_000);
    }

    /**
     * The timeout the kit gives a consumer when it checks how a wait ends, and when it reads events already sent (see
     * the class comment).
     *
     * @return 400 ms, scaled; the kit adds the bus's declared delivery delay where events are read
     */
    public Duration quiet() {
        return scaled(400);
    }

    /**
     * The longest any single call into a plugin may take before the kit calls it hung.
     *
     * @return 30 s, scaled
     */
    public Duration hang() {
        return scaled(30_000);
    }

    /**
     * The longest rule 10.1 runs its random sequences before it stops, as passed.
     *
     * @return 180 s, scaled
     */
    public Duration modelBasedBudget() {
        return scaled(180_000);
    }

    /**
     * How long before the end of a wait an event must have been sent for rule 4.7 to call its empty end a miss (see the
     * class comment).
     *
     * @return 20 ms, scaled
     */
    public Duration raceSlack() {
        return scaled(20);
    }

    /**
     * {@code millis} multiplied by the scale factor.
     *
     * @param millis a time in milliseconds, at scale 1
     * @return the scaled time, rounded to the millisecond
     */
    public Duration scaled(long millis) {
        return Duration.ofMillis(Math.round(millis * scale));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "time scale %.2f (event wait %d ms, quiet %d ms, hang %d ms, rule 10.1 budget %d ms, race slack %d ms)",
                scale, eventWait().toMillis(), quiet().toMillis(), hang().toMillis(), modelBasedBudget().toMillis(),
                raceSlack().toMillis());
    }
}
