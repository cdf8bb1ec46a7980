package io.hermesbus.tck;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Hides secrets in a bus's settings before the kit shows them anywhere: the value of every setting whose name looks
 * like a password, key, secret, token or credential is replaced by {@value #MASK}, at any depth of nested maps and
 * lists; the name stays, so that a report still says that the setting was given.
 *
 * <p>A name looks secret when one of its words (split at {@code . _ -}, spaces and lowerCamelCase humps, compared
 * ignoring case) contains {@code password}, {@code passwd}, {@code passphrase}, {@code secret}, {@code token} or
 * {@code credential}, or is {@code pwd}, {@code key}, {@code apikey} or {@code jaas}: so {@code sasl.password},
 * {@code ssl.key_password}, {@code keystorePassword}, Kafka's {@code ssl.keystore.key} (a private key itself) and
 * {@code sasl.jaas.config} (which holds the password inline). Names where "key" only begins a longer word, such as
 * {@code keyfile} and {@code keystore}, are paths to files and stay visible. When in doubt the rule masks: a
 * masked harmless value costs a report little, a shown password costs much more.
 */
final class SettingsMask {
    /** What a secret's value is replaced by. */
    static final String MASK = "<masked>";

    private static final List<String> SECRET_PARTS = List.of("password", "passwd", "passphrase", "secret", "token", "credential");
    private static final Set<String> SECRET_WORDS = Set.of("pwd", "key", "apikey", "jaas");

    private SettingsMask() {
    }

    /**
     * A copy of {@code settings} fit to show: unmodifiable, in the same order, every secret's value masked, and values
     * other than text, numbers, booleans, null, maps and lists turned into their text.
     */
    static Map<String, Object> mask(Map<String, ?> settings) {
        Map<String, Object> masked = new LinkedHashMap<>();
        settings.forEach((name, value) -> masked.put(name, looksSecret(name) ? MASK : maskWithin(value)));
        return Collections.unmodifiableMap(masked);
    }

    private static Object maskWithin(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> named = new LinkedHashMap<>();
            map.forEach((name, nested) -> named.put(String.valueOf(name), nested));
            return mask(named);
        }
        if (value instanceof List<?> list) {
            List<Object> masked = new ArrayList<>(list.size());
            list.forEach(element -> masked.add(maskWithin(element)));
            return Collections.unmodifiableList(masked);
        }
        // a value that has no JSON form of its own (a Path, a Duration) is shown as its text
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                ? value : String.valueOf(value);
    }

    /** Whether a setting called {@code name} holds a secret, by the rule in the class comment. */
    static boolean looksSecret(String name) {
        String humpsSplit = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2");
        for (String word : humpsSplit.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (SECRET_WORDS.contains(word) || SECRET_PARTS.stream().anyMatch(word::contains)) {
                return true;
            }
        }
        return false;
    }
}
