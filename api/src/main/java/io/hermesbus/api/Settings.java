package io.hermesbus.api;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A plugin's settings, as Hermes passes them: a map from setting name to a JSON-like value. An unmodifiable
 * copy is kept. The typed getters check each value and throw {@link InvalidSettingsException} naming the
 * setting, what it held and what it accepts. Numbers may also be given as decimal text (as a command line
 * gives them). Secret settings ({@link Secrets}: declared by the plugin, or named like a password) are never
 * shown: not by {@link #toString()}, and not in an error about their value.
 */
public final class Settings {
    /** Decimal text: what {@link Double#parseDouble} reads, without its "NaN", "Infinity", hex and type suffixes. */
    private static final String DECIMAL = "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?";

    private final Map<String, Object> values;
    private final Set<String> secretNames;

    private Settings(Map<String, ?> values, Set<String> secretNames) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.secretNames = secretNames;
    }

    /**
     * A copy of {@code values}; null is read as no settings. Names that look secret are secret.
     *
     * @param values the settings by name; null for none
     * @return the settings, never null
     */
    public static Settings of(Map<String, ?> values) {
        return of(values, Set.of());
    }

    /**
     * A copy of {@code values}; null is read as no settings. Secret are the names that look secret and those in
     * {@code secretNames} (the plugin's {@link MessageBusProvider#secretSettings()}), here and in nested maps.
     *
     * @param values the settings by name; null for none
     * @param secretNames further names whose values are never shown; not null, empty for none
     * @return the settings, never null
     */
    public static Settings of(Map<String, ?> values, Set<String> secretNames) {
        return new Settings(values == null ? Map.of() : values, Set.copyOf(secretNames));
    }

    /**
     * The secrets of these settings, to mask or scrub what is shown about them.
     *
     * @return the secrets, never null
     */
    public Secrets secrets() {
        return Secrets.in(values, secretNames);
    }

    /**
     * The settings as an unmodifiable map.
     *
     * @return the map, in the order given; never null
     */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * Whether the setting called {@code name} has a value; a setting given as null counts as absent, as everywhere in
     * this class.
     *
     * @param name the setting's name
     * @return true if present and not null
     */
    public boolean has(String name) {
        return values.get(name) != null;
    }

    /**
     * A setting that must be present and be text.
     *
     * @param name the setting's name
     * @return the text, possibly empty
     * @throws InvalidSettingsException if absent (or null) or not text
     */
    public String requiredString(String name) {
        return optionalString(name).orElseThrow(() -> new InvalidSettingsException(name, "is missing; give it a text value"));
    }

    /**
     * A setting that may be absent, or else must be text.
     *
     * @param name the setting's name
     * @return the text; empty if absent or null
     * @throws InvalidSettingsException if present and not text
     */
    public Optional<String> optionalString(String name) {
        Object value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new InvalidSettingsException(name, "must be text, got " + describe(name, value));
        }
        return Optional.of(text);
    }

    /**
     * A whole-number setting within {@code [min, max]}, or {@code fallback} when absent.
     *
     * @param name the setting's name
     * @param fallback returned when the setting is absent (not range-checked)
     * @param min the least value accepted
     * @param max the greatest value accepted
     * @return the value, or {@code fallback}
     * @throws InvalidSettingsException if the value is not a whole number (or its decimal text) within a {@code long},
     *     or lies outside {@code [min, max]}
     */
    public long longValue(String name, long fallback, long min, long max) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        long number;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            number = ((Number) value).longValue();
        } else if (value instanceof String text && text.trim().matches("[+-]?\\d+") && fitsLong(text.trim())) {
            number = Long.parseLong(text.trim());
        } else {
            throw new InvalidSettingsException(name, "must be a whole number from " + min + " to " + max + ", got " + describe(name, value));
        }
        if (number < min || number > max) {
            throw new InvalidSettingsException(name, "must be from " + min + " to " + max + ", got " + (isSecret(name) ? Secrets.MASK : number));
        }
        return number;
    }

    /** Whether {@code digits} (with an optional sign) is within a long; all 19 digits count: epoch nanoseconds need them. */
    private static boolean fitsLong(String digits) {
        try {
            Long.parseLong(digits);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * A number setting, whole or not, that must be finite, or {@code fallback} when absent. Text is read as a decimal
     * number, with an optional exponent ({@code "0.5"}, {@code "-3"}, {@code "1.7e18"}).
     *
     * @param name the setting's name
     * @param fallback returned when the setting is absent
     * @return the value, or {@code fallback}
     * @throws InvalidSettingsException if the value is not a number nor its decimal text, or is not finite
     */
    public double doubleValue(String name, double fallback) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        double number;
        if (value instanceof Number given) {
            number = given.doubleValue();
        } else if (value instanceof String text && text.trim().matches(DECIMAL)) {
            number = Double.parseDouble(text.trim());
        } else {
            throw new InvalidSettingsException(name, "must be a number, got " + describe(name, value));
        }
        if (!Double.isFinite(number)) {
            throw new InvalidSettingsException(name, "must be a finite number, got " + describe(name, value));
        }
        return number;
    }

    /**
     * A setting naming one constant of {@code type} (case-insensitive), or {@code fallback} when absent.
     *
     * @param <E> the enum type
     * @param name the setting's name
     * @param type the enum's class, whose constants' {@code toString()} are the accepted spellings
     * @param fallback returned when the setting is absent; may be null
     * @return the constant, or {@code fallback}
     * @throws InvalidSettingsException naming the accepted spellings, if the value names no constant
     */
    public <E extends Enum<E>> E enumValue(String name, Class<E> type, E fallback) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        Set<String> accepted = new TreeSet<>();
        // a list or map names no constant, and its text could be endless
        String given = value instanceof Collection || value instanceof Map ? null : String.valueOf(value).toLowerCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            String spelled = constant.toString().toLowerCase(Locale.ROOT);
            if (spelled.equals(given)) {
                return constant;
            }
            accepted.add(spelled);
        }
        throw new InvalidSettingsException(name, "must be one of " + accepted + ", got " + describe(name, value));
    }

    /**
     * Throws for the first setting whose name is not in {@code known}: a misspelt setting is never ignored.
     *
     * @param known the names of every setting the plugin reads
     * @throws InvalidSettingsException naming the unknown setting and the known ones
     */
    public void rejectUnknown(Set<String> known) {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new InvalidSettingsException(name, "is not a setting of this plugin; known settings are " + new TreeSet<>(known));
            }
        }
    }

    private boolean isSecret(String name) {
        return secretNames.contains(name) || Secrets.looksSecret(name);
    }

    /**
     * A setting's value as error messages show it, in JSON's words: text in quotes, a list or map by its size only
     * (its {@code toString} would recurse through any nesting, to a StackOverflowError, and print any size), another
     * value with its kind: {@code 5 (number)}; null as {@code null}. For a value that may be secret, use the
     * settings' own errors, which mask it.
     *
     * @param value any value, null included
     * @return the description, never null; short whatever the value's size
     */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "\"" + value + "\"";
        }
        if (value instanceof Collection<?> items) {
            return "a list of " + items.size();
        }
        if (value instanceof Map<?, ?> entries) {
            return "a map of " + entries.size();
        }
        return value + " (" + kind(value) + ")";
    }

    /** The value as an error shows it; a secret one only by its type. */
    private String describe(String name, Object value) {
        if (isSecret(name)) {
            return "a " + kind(value) + " (" + Secrets.MASK + ": the setting is secret)";
        }
        return describe(value);
    }

    /** A value's type in JSON's words, as the settings file has it. */
    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "text";
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "true/false";
        }
        if (value instanceof Map) {
            return "map";
        }
        if (value instanceof Collection) {
            return "list";
        }
        return value.getClass().getSimpleName();
    }

    /** The settings with every secret's value masked ({@link Secrets}). */
    @Override
    public String toString() {
        return secrets().mask(values).toString();
    }
}
