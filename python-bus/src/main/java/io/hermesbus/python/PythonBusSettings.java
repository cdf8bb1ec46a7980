package io.hermesbus.python;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.Settings;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of both python-bus plugins, checked without I/O (the files they name are checked when a plugin
 * opens). The table of settings is in the module's README.
 */
final class PythonBusSettings {
    static final String PYTHON = "python";
    static final String HERMES_HOME = "hermes_home";
    static final String PLUGIN = "plugin";
    static final String PLUGIN_DIR = "plugin_dir";
    static final String CONSUMER_PLUGIN = "consumer_plugin";
    static final String PRODUCER_PLUGIN = "producer_plugin";
    static final String SETTINGS = "settings";
    static final String OFFSET_KIND = "offset_kind";
    static final String CALL_TIMEOUT_MS = "call_timeout_ms";
    static final String KEEP_ALIVE_MS = "keep_alive_ms";
    static final Set<String> KNOWN = Set.of(PYTHON, HERMES_HOME, PLUGIN, PLUGIN_DIR, CONSUMER_PLUGIN, PRODUCER_PLUGIN,
            SETTINGS, OFFSET_KIND, CALL_TIMEOUT_MS, KEEP_ALIVE_MS);

    static final long DEFAULT_CALL_TIMEOUT_MS = 10_000;
    static final long DEFAULT_KEEP_ALIVE_MS = 3_000;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Which of Hermes' two plugin families a plugin belongs to. */
    enum Role {
        CONSUMER("consumer", "messagebus_consumers", CONSUMER_PLUGIN),
        PRODUCER("producer", "messagebus_producers", PRODUCER_PLUGIN);

        final String word;
        final String hermesFolder;
        final String setting;

        Role(String word, String hermesFolder, String setting) {
            this.word = word;
            this.hermesFolder = hermesFolder;
            this.setting = setting;
        }
    }

    /**
     * Where the bridge finds a plugin: a file (Hermes' layout, {@code <name>/<name>.py}, or any {@code .py}) or an
     * importable module, with the class its {@code HERMES_PLUGIN_CLASSNAME} names unless {@code className} does.
     *
     * @param setting the setting that named it, for errors
     */
    record PluginLocation(Path file, String module, String className, String setting) {
        @Override
        public String toString() {
            return file != null ? file.toString() : module + (className == null ? "" : ":" + className);
        }
    }

    private final String python;
    private final Path hermesHome;
    private final Map<String, PluginLocation> locations = new LinkedHashMap<>();
    private final Map<String, Object> pluginSettings;
    private final OffsetKind offsetKind;
    private final long callTimeoutMs;
    private final long keepAliveMs;

    private PythonBusSettings(Settings settings, Role role) {
        settings.rejectUnknown(KNOWN);
        python = settings.optionalString(PYTHON).orElse("python3");
        if (python.isBlank()) {
            throw new InvalidSettingsException(PYTHON, "is empty; name the Python interpreter, such as python3");
        }
        hermesHome = settings.optionalString(HERMES_HOME).map(value -> path(HERMES_HOME, value)).orElse(null);
        pluginSettings = pluginSettings(settings);
        offsetKind = settings.enumValue(OFFSET_KIND, OffsetKind.class, OffsetKind.INT);
        callTimeoutMs = settings.longValue(CALL_TIMEOUT_MS, DEFAULT_CALL_TIMEOUT_MS, 100, 3_600_000);
        keepAliveMs = settings.longValue(KEEP_ALIVE_MS, DEFAULT_KEEP_ALIVE_MS, 0, 3_600_000);
        location(settings, role); // the other role's location is checked by the other plugin
    }

    /** The settings of a plugin of {@code role}. @throws InvalidSettingsException naming a setting */
    static PythonBusSettings of(Settings settings, Role role) {
        return new PythonBusSettings(settings, role);
    }

    private PluginLocation location(Settings settings, Role role) {
        return locations.computeIfAbsent(role.word, word -> {
            Optional<String> own = settings.optionalString(role.setting);
            if (own.isPresent()) {
                return parseLocation(own.get(), role.setting);
            }
            String name = settings.optionalString(PLUGIN).orElseThrow(() -> new InvalidSettingsException(PLUGIN,
                    "is missing; name the Hermes plugin (its folder under " + PLUGIN_DIR + "/" + role.hermesFolder
                            + "), or give " + role.setting));
            if (name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".") || name.indexOf(0) >= 0) {
                throw new InvalidSettingsException(PLUGIN, "must be a plugin's name, such as sqlite, got \"" + name + "\"");
            }
            Path dir = settings.optionalString(PLUGIN_DIR).map(value -> path(PLUGIN_DIR, value))
                    .or(() -> Optional.ofNullable(hermesHome).map(home -> home.resolve("plugins")))
                    .orElseThrow(() -> new InvalidSettingsException(PLUGIN_DIR, "is missing; give the folder that holds "
                            + role.hermesFolder + "/" + name + "/" + name + ".py (Hermes' plugins folder), or "
                            + HERMES_HOME));
            return new PluginLocation(dir.resolve(role.hermesFolder).resolve(name).resolve(name + ".py"), null, null,
                    settings.has(PLUGIN_DIR) ? PLUGIN_DIR : HERMES_HOME);
        });
    }

    /** A folder or {@code .py} file when the value has a {@code /} or ends in {@code .py}; else {@code module[:Class]}. */
    private static PluginLocation parseLocation(String value, String setting) {
        if (value.isBlank()) {
            throw new InvalidSettingsException(setting, "is empty; give a plugin folder, a .py file or module:Class");
        }
        if (value.contains("/") || value.endsWith(".py")) {
            return new PluginLocation(path(setting, value), null, null, setting);
        }
        int colon = value.indexOf(':');
        String module = colon < 0 ? value : value.substring(0, colon);
        String className = colon < 0 ? null : value.substring(colon + 1);
        if (module.isBlank() || (className != null && className.isBlank())) {
            throw new InvalidSettingsException(setting, "must be a plugin folder, a .py file, or module:Class, got \"" + value + "\"");
        }
        return new PluginLocation(null, module, className, setting);
    }

    /** {@code value} as a path. @throws InvalidSettingsException naming {@code setting} if it is none (a NUL in it) */
    private static Path path(String setting, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new InvalidSettingsException(setting, "is not a path: " + e.getReason());
        }
    }

    private static Map<String, Object> pluginSettings(Settings settings) {
        Object value = settings.asMap().get(SETTINGS);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> {
                if (!(key instanceof String name)) {
                    throw new InvalidSettingsException(SETTINGS, "must have text keys, as a JSON object has");
                }
                copy.put(name, item);
            });
            return copy;
        }
        if (value instanceof String text) {
            try {
                Object parsed = JSON.readValue(text, Object.class);
                if (parsed instanceof Map<?, ?>) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) parsed;
                    return map;
                }
            } catch (JsonProcessingException e) {
                throw new InvalidSettingsException(SETTINGS, "must be a JSON object (the Python plugin's settings): "
                        + e.getOriginalMessage());
            }
        }
        throw new InvalidSettingsException(SETTINGS, "must be a JSON object (the Python plugin's settings), got "
                + Settings.describe(value instanceof String ? "text that is not an object" : value));
    }

    /** The interpreter to run, {@code python3} unless set. */
    String python() {
        return python;
    }

    /** The Hermes installation whose {@code lib/} the plugin imports, or null. */
    Path hermesHome() {
        return hermesHome;
    }

    /** Where the plugin of {@code role} is. */
    PluginLocation location(Role role) {
        return locations.get(role.word);
    }

    /** The settings passed to the Python plugin's constructor. */
    Map<String, Object> pluginSettings() {
        return pluginSettings;
    }

    OffsetKind offsetKind() {
        return offsetKind;
    }

    /** How long any call may take beyond the wait it asks for, before the process is taken as hung. */
    long callTimeoutMs() {
        return callTimeoutMs;
    }

    /** How long the process of a closed plugin is kept for the next {@code open()}. */
    long keepAliveMs() {
        return keepAliveMs;
    }

    /**
     * Checks that the files named exist, as the plugin opens.
     *
     * @throws InvalidSettingsException naming the setting of a missing file or folder
     */
    void checkFiles(Role role) {
        if (hermesHome != null && !Files.isDirectory(hermesHome)) {
            throw new InvalidSettingsException(HERMES_HOME, hermesHome + " is not a folder; give the Hermes installation"
                    + " whose lib/ the plugin imports");
        }
        PluginLocation location = location(role);
        if (location.file() != null && !Files.isRegularFile(pluginFile(location.file()))) {
            throw new InvalidSettingsException(location.setting(), "the " + role.word + " plugin "
                    + pluginFile(location.file()) + " does not exist");
        }
    }

    /** The file to load: a folder stands for {@code <folder>/<folder name>.py}, as Hermes lays plugins out. */
    static Path pluginFile(Path location) {
        return Files.isDirectory(location) ? location.resolve(location.getFileName() + ".py") : location;
    }
}
