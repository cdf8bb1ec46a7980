package io.hermesbus.python;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.Settings;
import io.hermesbus.python.PythonBusSettings.Role;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.BusUnderTestFactory;
import io.hermesbus.tck.FreshFolders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fresh Python buses for the conformance kit ({@code hermes-bus verify python}, and this module's kit tests). The
 * user's settings name the plugin pair; the plugin's own settings ({@code settings}) are a template in which every
 * {@value #FRESH} becomes a new, empty folder made for each bus (in the system's temporary folder, deleted when the
 * bus closes) and every {@value #FRESH_NAME} that folder's name, a token no other bus has (for a topic, a table):
 * {@code {"uri": "{fresh}/bus.sqlite"}}. A template without either is refused, since every rule would share one bus.
 *
 * <p>The offset kind is the {@code offset_kind} setting. Declares neither retention nor raw publishing: Hermes'
 * plugin contract offers no way to trigger either, so rules 3.6, 3.11, 7.x and 8.2 are not applicable.
 *
 * <p>Compiled against the kit, which this module's users never need: Hermes never loads this class.
 */
public final class PythonBusUnderTestFactory implements BusUnderTestFactory {
    /** The placeholder for a fresh folder's path. */
    public static final String FRESH = "{fresh}";
    /** The placeholder for a fresh folder's name, a unique token. */
    public static final String FRESH_NAME = "{fresh_name}";

    private final PythonBusProvider provider = new PythonBusProvider();

    @Override
    public String busName() {
        return provider.name();
    }

    /**
     * @throws InvalidSettingsException naming the setting, if one is unknown or invalid, names a file that does not
     *     exist, or if {@code settings} has no placeholder
     */
    @Override
    public BusUnderTest create(Map<String, ?> settings) {
        // every setting, and the files it names, checked before a folder is made
        PythonBusSettings.of(Settings.of(settings), Role.CONSUMER).checkFiles(Role.CONSUMER);
        PythonBusSettings checked = PythonBusSettings.of(Settings.of(settings), Role.PRODUCER);
        checked.checkFiles(Role.PRODUCER);
        Map<String, Object> template = checked.pluginSettings();
        boolean mentioned;
        try {
            mentioned = mentionsPlaceholder(template);
        } catch (StackOverflowError e) {
            throw new InvalidSettingsException(PythonBusSettings.SETTINGS, "is nested deeper than this thread's stack can read");
        }
        if (!mentioned) {
            throw new InvalidSettingsException(PythonBusSettings.SETTINGS, "has no " + FRESH + " or " + FRESH_NAME
                    + " placeholder, so every rule would run on one bus; write one where the plugin's bus is named,"
                    + " such as {\"uri\": \"{fresh}/bus.sqlite\"}");
        }
        Path folder = FreshFolders.create();
        Map<String, Object> fresh = new LinkedHashMap<>(settings);
        try {
            fresh.put(PythonBusSettings.SETTINGS, fill(template, folder));
        } catch (StackOverflowError e) {
            FreshFolders.delete(folder);
            throw new InvalidSettingsException(PythonBusSettings.SETTINGS, "is nested deeper than this thread's stack can read");
        }
        return new BusUnderTest(provider, fresh, checked.offsetKind()).onClose(() -> FreshFolders.delete(folder));
    }

    private static boolean mentionsPlaceholder(Object value) {
        if (value instanceof String text) {
            return text.contains(FRESH) || text.contains(FRESH_NAME);
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(PythonBusUnderTestFactory::mentionsPlaceholder);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(PythonBusUnderTestFactory::mentionsPlaceholder);
        }
        return false;
    }

    /** A copy of {@code value} with the placeholders in its text filled, at any depth. */
    @SuppressWarnings("unchecked")
    private static <T> T fill(T value, Path folder) {
        if (value instanceof String text) {
            return (T) text.replace(FRESH_NAME, folder.getFileName().toString()).replace(FRESH, folder.toString());
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> filled = new LinkedHashMap<>();
            map.forEach((key, item) -> filled.put(key, fill(item, folder)));
            return (T) filled;
        }
        if (value instanceof List<?> list) {
            List<Object> filled = new ArrayList<>();
            list.forEach(item -> filled.add(fill(item, folder)));
            return (T) filled;
        }
        return value;
    }
}
