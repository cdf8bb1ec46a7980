package io.hermesbus.python;

import com.fasterxml.jackson.databind.JsonNode;
import io.hermesbus.api.InvalidEventException;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.OffsetOutOfRangeException;
import io.hermesbus.api.Secrets;
import java.util.HashSet;
import java.util.Set;

/**
 * The exception table: what a Python exception reported by the bridge becomes in Java. The table itself, with its
 * reasons, is in the module's README ("Python exceptions"); this class is its one implementation.
 */
final class PythonErrors {
    /** Python exception classes (by name, at any place in the exception's class hierarchy) that mean "out of range". */
    private static final Set<String> OUT_OF_RANGE = Set.of("IndexError", "OffsetOutOfRangeError");
    private static final Set<String> LOADING = Set.of("ImportError", "SyntaxError");

    /** What the plugin was doing when it raised. */
    enum Stage {
        LOAD, OPEN, SEEK, READ, SEND, CLOSE
    }

    private PythonErrors() {
    }

    /**
     * The Java exception for the bridge's error reply {@code error} to {@code call}.
     *
     * @param plugin the plugin, as messages name it
     */
    static RuntimeException toException(JsonNode error, Stage stage, String call, String plugin, Secrets secrets) {
        String type = error.path("type").asText();
        String message = secrets.scrub(error.path("message").asText());
        String traceback = secrets.scrub(error.path("traceback").asText());
        Set<String> names = new HashSet<>();
        error.path("bases").forEach(base -> names.add(simpleName(base.asText())));
        String said = simpleName(type) + ": " + message;
        if (stage == Stage.SEEK && names.stream().anyMatch(OUT_OF_RANGE::contains)) {
            return new OffsetOutOfRangeException(call + " refused by " + plugin + ": " + said);
        }
        if (stage == Stage.READ && names.stream().anyMatch(OUT_OF_RANGE::contains)) {
            return new OffsetOutOfRangeException(call + " at a position " + plugin + " no longer holds: " + said);
        }
        if (stage == Stage.READ && names.contains("JSONDecodeError")) {
            return new InvalidEventException(plugin + " could not decode an event during " + call + ": " + said);
        }
        if ((stage == Stage.LOAD || stage == Stage.OPEN) && names.contains("KeyError") && error.has("key")) {
            return new InvalidSettingsException(PythonBusSettings.SETTINGS + "." + secrets.scrub(error.get("key").asText()),
                    "is missing: " + plugin + " raised " + said + " in " + call);
        }
        if (stage == Stage.LOAD && (names.stream().anyMatch(LOADING::contains) || error.path("bridge").asBoolean())) {
            return new PythonPluginException("cannot load " + plugin + ": " + said + hint(names, message) + "\n" + traceback,
                    type, message, traceback);
        }
        return new PythonPluginException(call + " failed in " + plugin + ": " + said + "\n" + traceback, type, message, traceback);
    }

    private static String hint(Set<String> names, String message) {
        if (names.contains("ImportError") && message.contains("'lib")) {
            return " (hermes_home names the Hermes installation whose lib/ the plugin imports)";
        }
        return "";
    }

    private static String simpleName(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }
}
