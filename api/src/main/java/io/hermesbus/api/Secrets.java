package io.hermesbus.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The secrets in a plugin's settings, hidden wherever the settings, or what is said about them, are shown:
 * {@link Settings#toString()}, error messages, the command line's output, the kit's reports. The one place that
 * decides what is secret.
 *
 * <p>A setting is secret, at any depth of nested maps, when its name is one its plugin declares
 * ({@link MessageBusProvider#secretSettings()}) or when its name {@link #looksSecret looks secret}; its whole
 * value is then shown as {@value #MASK}. The name stays, so that a report still says the setting was given.
 *
 * <p>Free text (an exception's message, a stack trace, a client library's error) is {@link #scrub scrubbed}: every
 * secret value of the settings, as given and as it appears inside a quoted string (JSON, Kafka's JAAS config), is
 * replaced by {@value #MASK}. Values shorter than {@value #MIN_SCRUBBED} characters are masked where settings are
 * shown, but not searched for in text: a one-letter password would mask every such letter of a message.
 */
public final class Secrets {
    /** What a secret's value is replaced by. */
    public static final String MASK = "<masked>";
    /** The shortest secret value {@link #scrub} looks for in free text. */
    public static final int MIN_SCRUBBED = 4;
    /** How deep {@link #mask} shows nested maps and lists; deeper ones are shown by their size. */
    private static final int MAX_SHOWN_DEPTH = 32;
    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern WORD_BREAK = Pattern.compile("[^a-z0-9]+");

    private static final List<String> SECRET_PARTS = List.of("password", "passwd", "passphrase", "secret", "token", "credential");
    private static final Set<String> SECRET_WORDS = Set.of("pwd", "key", "apikey", "jaas");

    private final Set<String> declared;
    private final List<String> values;

    private Secrets(Set<String> declared, List<String> values) {
        this.declared = declared;
        this.values = values;
    }

    /**
     * The secrets of {@code settings}, by the names {@code declared} secret and those that look secret.
     *
     * @param settings a plugin's settings (null: none)
     * @param declared the names the plugin declares secret (null: none)
     * @return the secrets, never null; without settings, none to scrub (names can still be secret)
     */
    public static Secrets in(Map<String, ?> settings, Collection<String> declared) {
        Set<String> names = declared == null ? Set.of() : Set.copyOf(declared);
        Set<String> found = new LinkedHashSet<>();
        collect(settings == null ? Map.of() : settings, names, found);
        List<String> values = new ArrayList<>();
        for (String value : found) {
            if (value.length() >= MIN_SCRUBBED) {
                values.add(value);
                String quoted = value.replace("\\", "\\\\").replace("\"", "\\\"");
                if (!quoted.equals(value)) {
                    values.add(quoted);
                }
            }
        }
        values.sort(Comparator.comparingInt(String::length).reversed()); // a longer secret first, not a piece of it
        return new Secrets(names, Collections.unmodifiableList(values));
    }

    /**
     * Whether a setting called {@code name} is secret: declared so, or it {@link #looksSecret looks secret}.
     *
     * @param name a setting's name, at any level of the settings
     * @return true if its value must never be shown
     */
    public boolean isSecret(String name) {
        return declared.contains(name) || looksSecret(name);
    }

    /**
     * A copy of {@code settings} fit to show: unmodifiable, in the same order, every secret's value masked, and values
     * other than text, numbers, booleans, null, maps and lists turned into their text.
     *
     * @param settings the settings to show; not null
     * @return the masked copy; secret values are {@value #MASK}
     */
    public Map<String, Object> mask(Map<String, ?> settings) {
        return mask(settings, 0);
    }

    private Map<String, Object> mask(Map<?, ?> settings, int depth) {
        Map<String, Object> masked = new LinkedHashMap<>();
        settings.forEach((name, value) -> {
            // a name that is not text (a settings map built in code) is shown by its kind, never recursed into
            String shown = name instanceof String text ? text : Settings.describe(name);
            masked.put(shown, isSecret(shown) ? MASK : maskWithin(value, depth + 1));
        });
        return Collections.unmodifiableMap(masked);
    }

    private Object maskWithin(Object value, int depth) {
        if ((value instanceof Map || value instanceof List) && depth >= MAX_SHOWN_DEPTH) {
            return Settings.describe(value); // "a list of 1": deeper nesting is not shown (nor recursed into)
        }
        if (value instanceof Map<?, ?> map) {
            return mask(map, depth);
        }
        if (value instanceof List<?> list) {
            List<Object> masked = new ArrayList<>(list.size());
            list.forEach(element -> masked.add(maskWithin(element, depth + 1)));
            return Collections.unmodifiableList(masked);
        }
        // a value that has no JSON form of its own (a Path, a Duration) is shown as its text
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                ? value : String.valueOf(value);
    }

    /**
     * {@code text} with every secret value of the settings replaced by {@value #MASK}; null stays null.
     *
     * @param text any text, such as an error message that may quote a setting
     * @return the scrubbed text; values shorter than {@value #MIN_SCRUBBED} characters are left, being too common to
     *     find safely
     */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String scrubbed = text;
        for (String value : values) {
            scrubbed = scrubbed.replace(value, MASK);
        }
        return scrubbed;
    }

    /**
     * Whether a setting called {@code name} looks secret: one of its words (split at {@code . _ -}, spaces and
     * lowerCamelCase humps, ignoring case) contains {@code password}, {@code passwd}, {@code passphrase},
     * {@code secret}, {@code token} or {@code credential}, or is {@code pwd}, {@code key}, {@code apikey} or
     * {@code jaas}. So {@code sasl.password}, {@code ssl.key_password}, {@code keystorePassword}, Kafka's
     * {@code ssl.keystore.key} (a private key itself) and {@code sasl.jaas.config} (which holds the password inline).
     * Names where "key" only begins a longer word, such as {@code keyfile} and {@code keystore}, are paths to files
     * and stay visible. When in doubt the rule masks: a masked harmless value costs little, a shown password much.
     *
     * @param name a setting's name, not null
     * @return true if the name looks secret, whether declared or not
     */
    public static boolean looksSecret(String name) {
        String humpsSplit = CAMEL_HUMP.matcher(name).replaceAll("$1 $2");
        for (String word : WORD_BREAK.split(humpsSplit.toLowerCase(Locale.ROOT))) {
            if (SECRET_WORDS.contains(word) || SECRET_PARTS.stream().anyMatch(word::contains)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The text of every value under a secret name (and everything within it), at any depth: walked with a stack of
     * its own, since settings read from a file may nest deeper than the thread's stack.
     */
    private static void collect(Map<String, ?> settings, Set<String> declared, Set<String> found) {
        Deque<Object[]> pending = new ArrayDeque<>(); // {value, whether it lies under a secret name}
        pending.push(new Object[] {settings, false});
        while (!pending.isEmpty()) {
            Object[] next = pending.pop();
            Object value = next[0];
            boolean secret = (Boolean) next[1];
            if (value instanceof Map<?, ?> map) {
                map.forEach((name, nested) -> pending.push(new Object[] {nested, secret
                        || name instanceof String key && (declared.contains(key) || looksSecret(key))}));
            } else if (value instanceof Collection<?> list) {
                list.forEach(element -> pending.push(new Object[] {element, secret}));
            } else if (secret && value != null) {
                found.add(String.valueOf(value));
            }
        }
    }
}
