package io.hermesbus.python;

import io.hermesbus.testing.Python;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Settings for the bridge tests' own plugin pair, {@code tinylog} (test resources, {@code bridge/home}). */
final class TinyLog {
    private TinyLog() {
    }

    /** The stand-in Hermes installation holding lib/ and plugins/tinylog. */
    static Path home() {
        try {
            return Path.of(TinyLog.class.getResource("/bridge/home").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The python bus's settings for tinylog on {@code file}, with the plugin's own {@code extra} settings. */
    static Map<String, Object> settings(Path file, Map<String, Object> extra) {
        Map<String, Object> plugin = new HashMap<>(extra);
        plugin.put("uri", file.toString());
        Map<String, Object> settings = new HashMap<>();
        settings.put("python", System.getProperty(Python.PROPERTY, "python3"));
        settings.put("hermes_home", home().toString());
        settings.put("plugin", "tinylog");
        settings.put("settings", plugin);
        return settings;
    }
}
