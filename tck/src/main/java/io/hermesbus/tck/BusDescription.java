package io.hermesbus.tck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hermesbus.api.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The bus a report is about, as a report may show it: the name of its plugin's provider, its offset kind and its
 * settings with secrets masked ({@link Secrets}); the unmasked settings are never kept. Immutable.
 *
 * @param busName the provider's name, such as {@code kafka}
 * @param offsetKind the offset kind, such as {@code int}
 * @param settings the settings, masked
 * @param oneBus whether this describes a single bus made by a kit class, whose settings mix what the class chose
 *     with what its factory made fresh for that bus, with nothing to tell them apart
 */
record BusDescription(String busName, String offsetKind, Map<String, Object> settings, boolean oneBus) {
    /** Shown for a setting whose value was not the same on every bus of a run: the name or folder made fresh per bus. */
    static final String DIFFERS = "<differs from bus to bus>";
    /** Shown for what is not known because no bus was made (createBus() failed). */
    static final String UNKNOWN = "unknown";

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    BusDescription {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The description of {@code bus}, its settings masked. */
    static BusDescription of(BusUnderTest bus) {
        return new BusDescription(bus.busName(), bus.offsetKind().toString(), masked(bus.settings(), bus.secretSettings()), true);
    }

    /** The description when no bus was made: only the bus's name, when it is known otherwise. */
    static BusDescription none(String busName) {
        return new BusDescription(busName, UNKNOWN, Map.of(), false);
    }

    /**
     * The same bus with {@code given} as its settings, masked with the names its provider declares secret: the settings
     * a factory was given, which are all chosen.
     */
    BusDescription withSettings(Map<String, ?> given, Set<String> secretSettings) {
        return new BusDescription(busName, offsetKind, masked(given, secretSettings), false);
    }

    private static Map<String, Object> masked(Map<String, ?> settings, Set<String> secretSettings) {
        return Secrets.in(settings, secretSettings).mask(settings);
    }

    /**
     * What this description and {@code other} have in common, to describe the many fresh buses of one run as one:
     * a setting with the same value on both keeps it, any other is {@value #DIFFERS}; names and kinds that differ
     * are both listed.
     */
    BusDescription sharedWith(BusDescription other) {
        Map<String, Object> shared = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>(settings.keySet());
        names.addAll(other.settings.keySet());
        for (String name : names) {
            boolean same = settings.containsKey(name) && other.settings.containsKey(name)
                    && Objects.equals(settings.get(name), other.settings.get(name));
            shared.put(name, same ? settings.get(name) : DIFFERS);
        }
        return new BusDescription(both(busName, other.busName), both(offsetKind, other.offsetKind), shared, false);
    }

    private static String both(String mine, String theirs) {
        return Stream.of(mine.split(", "), theirs.split(", ")).flatMap(Stream::of).distinct().collect(Collectors.joining(", "));
    }

    /** The masked settings as JSON, keys sorted, so that equal settings read (and hash) the same. */
    String settingsJson() {
        return json(settings);
    }

    private static String json(Map<String, Object> settings) {
        try {
            return JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("masked settings are plain JSON values, yet could not be written: " + e.getMessage(), e);
        }
    }

    /**
     * Eight hex digits that differ for different settings, for file names. A hash of the masked settings, so that it
     * tells nothing about a secret (a short password's hash can be guessed); of {@link #oneBus one bus}, a hash of
     * the settings' names only, taking every value for one made fresh, so that running one rule again keeps its name.
     */
    String settingsHash() {
        Map<String, Object> named = new LinkedHashMap<>(settings);
        if (oneBus) {
            named.replaceAll((name, value) -> DIFFERS);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json(named).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
