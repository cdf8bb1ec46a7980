package io.hermesbus.tck;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The JUnit Jupiter versions the kit runs on: {@value #OLDEST} and later, 5.x and 6.x (the kit is built with 6.x).
 * The oldest is the first with the display name method that shows each rule under its number
 * ({@link SpecRuleDisplayNames}); on an older JUnit the kit fails its class at once, saying what to import, rather
 * than showing rules under their method names or failing later on a missing method.
 */
final class SupportedJUnit {
    /** The oldest JUnit Jupiter the kit runs on. */
    static final String OLDEST = "5.12.0";

    private SupportedJUnit() {
    }

    /** @throws ExtensionConfigurationException naming the JUnit found, the one needed and how to get it */
    static void check() {
        try {
            DisplayNameGenerator.class.getMethod("generateDisplayNameForMethod", List.class, Class.class, Method.class);
        } catch (NoSuchMethodException e) {
            throw new ExtensionConfigurationException(tooOld(DisplayNameGenerator.class.getPackage().getImplementationVersion()));
        }
    }

    /** What the kit says on JUnit Jupiter {@code found} (null: unknown), which is older than {@link #OLDEST}. */
    static String tooOld(String found) {
        return "hermes-bus-tck needs JUnit Jupiter " + OLDEST + " or later (5.x or 6.x), but this test runs on "
                + (found == null ? "an older one" : "junit-jupiter-api " + found) + ". Import org.junit:junit-bom "
                + OLDEST + " or later in <dependencyManagement>, before io.hermesbus:hermes-bus-bom (or set the version "
                + "of every org.junit artifact), then run again";
    }
}
