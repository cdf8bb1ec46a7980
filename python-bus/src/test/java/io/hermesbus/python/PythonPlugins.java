package io.hermesbus.python;

import io.hermesbus.testing.Python;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python plugins of this module's tests ({@code src/test/python}, described in its README): the stand-in for
 * Hermes' {@code lib}, the correct {@code sqlitelog} pair and the wrong consumers, and the python bus's settings that
 * drive them.
 */
final class PythonPlugins {
    /** The correct pair's name, the consumers' and the producer's folder under {@code plugins/}. */
    static final String CORRECT = "sqlitelog";
    private static final Pattern BROKEN_RULE = Pattern.compile("breaks SPEC rule (\\d+\\.\\d+)");

    private PythonPlugins() {
    }

    /** {@code src/test/python}, from the module's folder (the tests' working directory). */
    static Path folder() {
        Path folder = Path.of("src", "test", "python").toAbsolutePath().normalize();
        if (!Files.isRegularFile(folder.resolve("test_plugins.py"))) {
            throw new IllegalStateException("no test_plugins.py in " + folder + ": run the tests from python-bus/");
        }
        return folder;
    }

    /** The stand-in Hermes installation: the folder holding the stand-in's {@code lib/}. */
    static Path hermesHome() {
        return folder().resolve("hermes_standin");
    }

    /** The folder of the consumer plugin {@code name}. */
    static Path consumer(String name) {
        return folder().resolve("plugins").resolve("messagebus_consumers").resolve(name);
    }

    /**
     * The python bus's settings for the correct producer and the consumer {@code consumer}, on a fresh SQLite file
     * per bus (for {@link PythonBusUnderTestFactory}).
     */
    static Map<String, Object> busSettings(String consumer) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("python", System.getProperty(Python.PROPERTY, "python3"));
        settings.put("hermes_home", hermesHome().toString());
        settings.put("plugin_dir", folder().resolve("plugins").toString());
        settings.put("plugin", CORRECT);
        if (!consumer.equals(CORRECT)) {
            settings.put("consumer_plugin", consumer(consumer).toString());
        }
        settings.put("settings", "{\"uri\": \"" + PythonBusUnderTestFactory.FRESH + "/bus.sqlite\"}");
        return settings;
    }

    /** The SPEC rule a wrong consumer's module docstring says it breaks ({@code breaks SPEC rule N.N}), if any. */
    static Optional<String> ruleBrokenBy(String consumer) {
        Path file = consumer(consumer).resolve(consumer + ".py");
        try {
            Matcher matcher = BROKEN_RULE.matcher(Files.readString(file));
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
