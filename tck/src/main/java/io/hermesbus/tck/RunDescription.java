package io.hermesbus.tck;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * What a report says about its run before the rules, so that a person can file it: what ran (the kit class, the
 * bus, its offset kind and masked settings, how many of the class's rules), with what (the kit's version, the JDK,
 * the timeouts) and when (UTC). Also the report's file name, which tells runs apart.
 *
 * @param className the kit class that ran
 * @param subject what the report is about ({@link ConformanceReport#subject})
 * @param bus the bus the rules ran on
 * @param rulesRun how many rules ran (with any outcome)
 * @param rulesOfClass how many rules the kit class has
 * @param started when the class started
 * @param took how long the class ran
 */
record RunDescription(String className, String subject, BusDescription bus, int rulesRun, int rulesOfClass,
                      Instant started, Duration took) {

    /** How many rules {@code kitClass} checks: its methods, inherited ones included, annotated {@link SpecRule}. */
    static int rulesOf(Class<?> kitClass) {
        int rules = 0;
        for (Class<?> type = kitClass; type != null; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(SpecRule.class)) {
                    rules++;
                }
            }
        }
        return rules;
    }

    /** Whether only some of the class's rules ran (a rule filter, or an IDE running one test method). */
    boolean partial() {
        return rulesRun < rulesOfClass;
    }

    String title() {
        return "hermes-bus conformance: " + subject + (partial() ? ", partial run: " + rulesRun + " of " + rulesOfClass + " rules" : "");
    }

    /** The lines under the title, in Markdown. */
    String header() {
        return "- bus: `" + bus.busName() + "`, offsets `" + bus.offsetKind() + "`\n"
                + "- settings (secrets masked): `" + bus.settingsJson() + "`\n"
                + "- kit: hermes-bus-tck " + KitVersion.describe() + "; JDK " + System.getProperty("java.version")
                + " (" + System.getProperty("java.vendor") + ") on " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + "\n"
                + "- run: " + started.truncatedTo(ChronoUnit.SECONDS) + ", " + spelled(took) + "; "
                + TckTimeouts.configured() + "\n";
    }

    /**
     * {@code <class>-<bus>-<offset kind>-<settings hash>.md}, and {@code -partial} before {@code .md} when only some
     * rules ran: runs of other buses, settings or offset kinds get their own report, and a partial run never
     * replaces the full run's.
     */
    String fileName() {
        return String.join("-", className, safe(bus.busName()), safe(bus.offsetKind()), bus.settingsHash())
                + (partial() ? "-partial" : "") + ".md";
    }

    private static String safe(String part) {
        return part.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    /** "12.3 s", "2 min 13 s". */
    private static String spelled(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds < 60 ? String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0)
                : seconds / 60 + " min " + seconds % 60 + " s";
    }
}
