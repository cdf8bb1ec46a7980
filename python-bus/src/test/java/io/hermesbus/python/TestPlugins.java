package io.hermesbus.python;

import io.hermesbus.testing.Python;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Python plugins of {@code src/test/python} (their README): the stand-in of Hermes' lib and the {@code sqlitelog}
 * pair, as python-bus settings.
 */
final class TestPlugins {
    /** The folder of the test Python, from the module's folder, where surefire runs. */
    static final Path ROOT = Path.of("src", "test", "python").toAbsolutePath();

    private TestPlugins() {
    }

    /** The python bus's settings for the plugin pair {@code name} (the correct producer: sqlitelog's) and a settings template. */
    static Map<String, Object> settings(String consumer, String pluginSettings) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("python", System.getProperty(Python.PROPERTY, "python3"));
        settings.put("hermes_home", ROOT.resolve("hermes_standin").toString());
        settings.put("plugin_dir", ROOT.resolve("plugins").toString());
        settings.put("plugin", "sqlitelog");
        if (!consumer.equals("sqlitelog")) {
            settings.put("consumer_plugin", ROOT.resolve("plugins/messagebus_consumers").resolve(consumer).toString());
        }
        settings.put("settings", pluginSettings);
        return settings;
    }
}
