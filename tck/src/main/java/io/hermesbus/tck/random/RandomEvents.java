package io.hermesbus.tck.random;

import io.hermesbus.api.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random event content of every kind Hermes JSON carries, so that a bus that loses or alters a value on its way
 * (non-ASCII text, bytes, datetimes, nesting, null) diverges from the model.
 */
final class RandomEvents {
    private static final List<String> EVENT_TYPES = List.of("added", "modified", "removed");
    private static final List<String> OBJECT_TYPES = List.of("SRVUsers", "SRVGroups", "SRVGroupsMembers");
    private static final List<String> ATTRIBUTE_NAMES =
            List.of("login", "name", "uid", "active", "photo", "created", "groups", "meta", "ratio", "note");
    /** Text that JSON encoders get wrong: accents, other scripts, surrogate pairs, quotes, control characters. */
    private static final List<String> TEXTS = List.of("alice", "", "Zoë Ångström", "Straße", "日本語テキスト",
            "Ελληνικά", "🎉 emoji", "quote \" and backslash \\", "line\nbreak\ttab", "      ", "null");

    private RandomEvents() {
    }

    static Event event(Random random, String category) {
        String objtype = random.nextInt(10) == 0 ? null : pick(random, OBJECT_TYPES);
        Map<String, Object> attrs = new LinkedHashMap<>();
        int attributes = random.nextInt(5);
        for (int i = 0; i < attributes; i++) {
            attrs.put(pick(random, ATTRIBUTE_NAMES), value(random, 2));
        }
        return new Event(category, pick(random, EVENT_TYPES), objtype, primaryKey(random), attrs,
                random.nextInt(3), random.nextInt(10) == 0);
    }

    /** A whole number, a text, or a composite key, as Hermes allows. */
    private static Object primaryKey(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> (long) random.nextInt(100_000) - 10;
            case 1 -> pick(random, TEXTS);
            default -> List.of((long) random.nextInt(1000), pick(random, TEXTS));
        };
    }

    private static Object value(Random random, int depth) {
        int kinds = depth > 0 ? 10 : 8;
        return switch (random.nextInt(kinds)) {
            case 0 -> pick(random, TEXTS);
            case 1 -> random.nextBoolean() ? (long) random.nextInt() : random.nextLong();
            case 2 -> (random.nextInt(2000) - 1000) / 8.0;
            case 3 -> random.nextBoolean();
            case 4 -> null;
            case 5 -> bytes(random);
            case 6 -> Instant.ofEpochSecond(random.nextInt(2_000_000_000));
            case 7 -> pick(random, TEXTS) + " " + random.nextInt(100);
            case 8 -> list(random, depth - 1);
            default -> map(random, depth - 1);
        };
    }

    private static byte[] bytes(Random random) {
        byte[] bytes = new byte[random.nextInt(6)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static List<Object> list(Random random, int depth) {
        int size = random.nextInt(4);
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(value(random, depth));
        }
        return list;
    }

    private static Map<String, Object> map(Random random, int depth) {
        int size = random.nextInt(3);
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            map.put(pick(random, TEXTS), value(random, depth));
        }
        return map;
    }

    private static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
