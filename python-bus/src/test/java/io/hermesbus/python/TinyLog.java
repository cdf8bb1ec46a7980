package io.hermesbus.python;

import io.hermesbus.testing.Python;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings for the bridge tests' own plugin pair, {@code tinylog} (beside {@code sqlitelog} in
 * {@link TestPlugins#ROOT}, with the same stand-in of Hermes' lib): smaller, and with an offset of every kind.
 */
final class TinyLog {
    private TinyLog() {
    }

    /** The python bus's settings for tinylog on {@code file}, with the plugin's own {@code extra} settings. */
    static Map<String, Object> settings(Path file, Map<String, Object> extra) {
        Map<String, Object> plugin = new HashMap<>(extra);
        plugin.put("uri", file.toString());
        Map<String, Object> settings = new HashMap<>();
        settings.put("python", System.getProperty(Python.PROPERTY, "python3"));
        settings.put("hermes_home", TestPlugins.ROOT.resolve("hermes_standin").toString());
        settings.put("plugin_dir", TestPlugins.ROOT.resolve("plugins").toString());
        settings.put("plugin", "tinylog");
        settings.put("settings", plugin);
        return settings;
    }
}
