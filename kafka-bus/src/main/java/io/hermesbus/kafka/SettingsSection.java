package io.hermesbus.kafka;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.Settings;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A map-valued setting such as {@code ssl} read with {@link Settings}' checks, its errors naming the nested
 * setting in full ({@code ssl.certfile}, not {@code certfile}), so that the user finds it in their file.
 */
final class SettingsSection {
    private final String name;
    private final Settings settings;

    private SettingsSection(String name, Settings settings) {
        this.name = name;
        this.settings = settings;
    }

    /**
     * The section {@code name} of {@code settings}, or empty when absent.
     *
     * @throws InvalidSettingsException if the setting is present but not a map
     */
    static Optional<SettingsSection> of(Settings settings, String name, String whatItHolds) {
        Object value = settings.asMap().get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidSettingsException(name, "must be a map of " + whatItHolds + ", got " + value.getClass().getSimpleName());
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new InvalidSettingsException(name, "must be a map with text keys, got the key "
                        + Settings.describe(key));
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> entries = (Map<String, ?>) map;
        return Optional.of(new SettingsSection(name, Settings.of(entries, KafkaBusSettings.SECRETS)));
    }

    /** The full name of the nested setting {@code key}: {@code ssl.certfile}. */
    String nameOf(String key) {
        return name + "." + key;
    }

    boolean has(String key) {
        return settings.has(key);
    }

    Optional<String> optionalText(String key) {
        return qualified(key, s -> s.optionalString(key)).map(text -> nonBlank(key, text));
    }

    String requiredText(String key) {
        return nonBlank(key, qualified(key, s -> s.requiredString(key)));
    }

    void rejectUnknown(Set<String> known) {
        qualified(null, s -> {
            s.rejectUnknown(known);
            return null;
        });
    }

    /** An error about the nested setting {@code key}. */
    InvalidSettingsException invalid(String key, String message) {
        return new InvalidSettingsException(nameOf(key), message);
    }

    private String nonBlank(String key, String text) {
        if (text.isBlank()) {
            throw invalid(key, "must not be blank");
        }
        return text;
    }

    private <T> T qualified(String key, Function<Settings, T> read) {
        try {
            return read.apply(settings);
        } catch (InvalidSettingsException e) {
            String prefix = "setting '" + e.setting() + "': ";
            String message = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            InvalidSettingsException named = new InvalidSettingsException(nameOf(key == null ? e.setting() : key), message);
            named.initCause(e);
            throw named;
        }
    }
}
