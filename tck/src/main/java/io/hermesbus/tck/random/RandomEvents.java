package io.hermesbus.tck.random;

import io.hermesbus.api.Event;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random event content of every kind Hermes JSON carries, so that a bus that loses or alters a value on its way
 * (non-ASCII text, lone surrogates, bytes, datetimes of any year, NaN and the infinities, -0.0, subnormal floats,
 * whole numbers beyond 64 bits, sets, nesting, null, text that merely looks like Hermes' markers) diverges from
 * the model. Every value is one the producer API accepts, so every event is one Hermes carries unchanged.
 */
final class RandomEvents {
    private static final List<String> EVENT_TYPES = List.of("added", "modified", "removed");
    private static final List<String> OBJECT_TYPES = List.of("SRVUsers", "SRVGroups", "SRVGroupsMembers");
    private static final List<String> ATTRIBUTE_NAMES =
            List.of("login", "name", "uid", "active", "photo", "created", "groups", "meta", "ratio", "note");
    /** Text that JSON encoders get wrong: accents, other scripts, surrogate pairs, quotes, control characters. */
    private static final List<String> TEXTS = List.of("alice", "", "Zoë Ångström", "Straße", "日本語テキスト",
            "Ελληνικά", "🎉 emoji", "quote \" and backslash \\", "line\nbreak\ttab", "      ", "null");
    /** Text Hermes reads back as text although it looks like one of its markers (its README says which decode). */
    private static final List<String> MARKER_LOOKALIKES = List.of("HermesDatetime(not a date)",
            "HermesDatetime(2020-02-30T00:00:00Z)", "HermesDatetime(2020-01-01T23:59:60Z)",
            "HermesDatetime(0000-01-01T00:00:00Z)", "HermesDatetime(2020-01-01T00:00:00.5Z)", "HermesBytes(hello world)",
            "HermesBytes(A)", "HermesBytes(AA==))", "HermesBytes(AA==", "see HermesBytes(AA==)");
    /** Floats whose text Java and Python write differently, or that JSON proper has not. */
    private static final List<Double> FLOATS = List.of(1e16, 10000000.0, 1e-5, Double.MIN_VALUE, 1e23, -0.0, 0.0,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, Double.MIN_NORMAL,
            0.1 + 0.2, 123456789012345680.0, 1e22, 9007199254740993.0);
    /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the seconds of Python's datetime. */
    private static final long FIRST_SECOND = -62135596800L;
    private static final long LAST_SECOND = 253402300799L;

    private RandomEvents() {
    }

    static Event event(Random random, String category) {
        String objtype = random.nextInt(10) == 0 ? null : pick(random, OBJECT_TYPES);
        Map<String, Object> attrs = new LinkedHashMap<>();
        int attributes = random.nextInt(5);
        for (int i = 0; i < attributes; i++) {
            attrs.put(random.nextInt(8) == 0 ? anyText(random) : pick(random, ATTRIBUTE_NAMES), value(random, 2));
        }
        return new Event(category, pick(random, EVENT_TYPES), objtype, primaryKey(random), attrs,
                random.nextInt(3), random.nextInt(10) == 0);
    }

    /** A whole number, a text, or a composite key, as Hermes allows; now and then bytes or a datetime. */
    private static Object primaryKey(Random random) {
        return switch (random.nextInt(12)) {
            case 0, 1, 2, 3 -> (long) random.nextInt(100_000) - 10;
            case 4, 5, 6, 7 -> pick(random, TEXTS);
            case 8 -> bytes(random);
            case 9 -> anyInstant(random);
            default -> List.of((long) random.nextInt(1000), pick(random, TEXTS));
        };
    }

    /** Any value the producer API accepts, with lists, maps and sets nested at most {@code depth} deep. */
    static Object value(Random random, int depth) {
        int kinds = depth > 0 ? 17 : 14;
        return switch (random.nextInt(kinds)) {
            case 0 -> pick(random, TEXTS);
            case 1 -> random.nextBoolean() ? (long) random.nextInt() : random.nextLong();
            case 2 -> (random.nextInt(2000) - 1000) / 8.0;
            case 3 -> random.nextBoolean();
            case 4 -> null;
            case 5 -> bytes(random);
            case 6 -> Instant.ofEpochSecond(random.nextInt(2_000_000_000));
            case 7 -> pick(random, TEXTS) + " " + random.nextInt(100);
            case 8 -> anyText(random);
            case 9 -> anyDouble(random);
            case 10 -> wholeNumber(random);
            case 11 -> anyInstant(random);
            case 12 -> pick(random, MARKER_LOOKALIKES);
            case 13 -> random.nextBoolean() ? Integer.valueOf(random.nextInt()) : Float.valueOf(random.nextFloat() * 1e6f);
            case 14 -> list(random, depth - 1);
            case 15 -> map(random, depth - 1);
            default -> set(random);
        };
    }

    /** Text of any UTF-16 code units: lone surrogates, controls, U+FFFF, pairs in either order. */
    private static String anyText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            switch (random.nextInt(6)) {
                case 0 -> text.append((char) (0xD800 + random.nextInt(0x800)));
                case 1 -> text.append((char) random.nextInt(0x20));
                case 2 -> text.append((char) random.nextInt(0x10000));
                case 3 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
                default -> text.append((char) (0x20 + random.nextInt(0x60)));
            }
        }
        return text.toString();
    }

    /** A double of any bit pattern (subnormals, NaN, infinities) or one whose text is known to be hard. */
    private static double anyDouble(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> Double.longBitsToDouble(random.nextLong());
            case 1 -> Math.scalb(random.nextDouble(), random.nextInt(2100) - 1075);
            default -> pick(random, FLOATS);
        };
    }

    /** A whole number beyond 64 bits (Python's int has no limit), or one at the edge of Java's long. */
    private static Object wholeNumber(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> new BigInteger(64 + random.nextInt(400), random).add(BigInteger.ONE.shiftLeft(63));
            case 1 -> new BigInteger(64 + random.nextInt(400), random).add(BigInteger.ONE.shiftLeft(63)).negate().subtract(BigInteger.ONE);
            default -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
        };
    }

    /** A second of years 1 to 9999, with a fraction that the event cuts as Hermes does. */
    private static Instant anyInstant(Random random) {
        long second = FIRST_SECOND + (long) (random.nextDouble() * (LAST_SECOND - FIRST_SECOND + 1));
        return Instant.ofEpochSecond(Math.min(second, LAST_SECOND), random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
    }

    /** A set of one kind Python can sort, which the event holds as the sorted list Hermes writes. */
    private static Set<Object> set(Random random) {
        Set<Object> set = new LinkedHashSet<>();
        int kind = random.nextInt(4);
        for (int i = random.nextInt(4); i > 0; i--) {
            set.add(switch (kind) {
                case 0 -> pick(random, TEXTS) + random.nextInt(10);
                case 1 -> random.nextInt(3) == 0 ? (Object) (random.nextInt(200) / 4.0) : (Object) (long) random.nextInt(50);
                case 2 -> anyInstant(random);
                default -> anyText(random);
            });
        }
        return set;
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
