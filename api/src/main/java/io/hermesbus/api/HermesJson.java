package io.hermesbus.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hermes' JSON: what Hermes 1.0.9 writes (Python's {@code json.dumps(..., indent=4)} with Hermes' encoder, see
 * {@link JsonWriter}) and how it reads it back (Python's {@code json.loads} with Hermes' decoding of
 * {@code HermesBytes(...)} and {@code HermesDatetime(...)}, see {@link JsonReader} and {@link HermesMarkers}).
 *
 * <p>Values are held in Java as: {@code null}, {@link Boolean}, {@link Long} (a {@link BigInteger} only beyond 64
 * bits), {@link Double} (NaN and the infinities included), {@link String} (any UTF-16, lone surrogates included),
 * {@code byte[]}, {@link Instant} (whole seconds, years 1 to 9999), unmodifiable {@link List} and {@link Map} with
 * {@code String} keys.
 */
final class HermesJson {
    /**
     * The deepest nesting of lists and maps an event may have on the producer side, counting the event itself:
     * Python gives up near 1000 (its recursion limit, shared with Hermes' own calls), so half that is safe to send.
     */
    static final int MAX_WRITE_DEPTH = 500;
    /** 0001-01-01T00:00:00Z, the first second of Python's {@code datetime}. */
    private static final long FIRST_SECOND = -62135596800L;
    /** 9999-12-31T23:59:59Z, the last second of Python's {@code datetime}. */
    private static final long LAST_SECOND = 253402300799L;
    /** Fewer bits than this is fewer than {@value JsonReader#MAX_INT_DIGITS} decimal digits. */
    private static final int SAFE_BITS = (int) ((JsonReader.MAX_INT_DIGITS - 1) / Math.log10(2));

    private HermesJson() {
    }

    /**
     * The value of a JSON text as Python's {@code json.loads} reads it, with Hermes' markers decoded below the
     * top-level value's own items (an event's {@code objattrs} and {@code objpkey} list; a top-level string, or one
     * of a top-level object, is left to {@link #decode(Object, String)}).
     *
     * @throws InvalidEventException naming what is wrong and where, for text that is not JSON as Python reads it
     */
    static Object parse(String json) {
        if (json == null) {
            throw new InvalidEventException("expected JSON text, got null");
        }
        try {
            return JsonReader.read(json, true);
        } catch (JsonReader.SyntaxError e) {
            throw new InvalidEventException("malformed JSON: " + e.getMessage());
        } catch (StackOverflowError e) {
            throw tooDeepForStack("read");
        }
    }

    /**
     * The error for a value nested deeper than the calling thread's stack can {@code read} or write: reading and
     * writing recurse once per level, and {@value JsonReader#MAX_DEPTH} levels need about 1 MiB (Java's default
     * stack) in the interpreter, less once compiled. Caught where the recursion starts, so that nothing is left
     * half-done.
     */
    static InvalidEventException tooDeepForStack(String doing) {
        return new InvalidEventException("lists and objects nested too deep to be " + doing + " on this thread's stack"
                + " (Hermes reads up to " + JsonReader.MAX_DEPTH + " levels); give the thread a larger stack (java -Xss2m,"
                + " or the stackSize of new Thread(...))");
    }

    /** A parsed value, a string decoded as Hermes decodes its markers (never fails: {@code path} is for symmetry). */
    static Object decode(Object parsed, String path) {
        return parsed instanceof String text ? HermesMarkers.decode(text) : parsed;
    }

    /** Writes a normalized value as Hermes prints it at nesting {@code depth}. */
    static void write(Object value, StringBuilder out, int depth) {
        JsonWriter writer = new JsonWriter(64);
        writer.value(value, depth);
        out.append(writer.text());
    }

    /**
     * The canonical, unmodifiable form of a Java value to be sent to Hermes, checked so that Hermes reads back
     * exactly this value: whole numbers as {@link Long} (a {@link BigInteger} beyond 64 bits), floats as
     * {@link Double}, datetimes cut to whole seconds (Hermes writes seconds), byte arrays copied, sets as the
     * sorted lists Hermes writes of them.
     *
     * @param path where the value is in the event, for error messages ({@code objattrs.groups[2]})
     * @param depth how many lists and maps hold the value, the event included
     * @param asText whether a string that Hermes would read as bytes or a datetime is refused (the producer side)
     *     or kept as it is (a map given as the JSON Hermes reads, {@link Event#fromJson(Map)})
     * @throws InvalidEventException naming {@code path}, what is wrong and what would be right, for a value Hermes
     *     cannot carry
     */
    static Object normalize(Object value, String path, int depth, boolean asText) {
        try {
            return canonical(value, depth, asText);
        } catch (Refusal refusal) {
            throw new InvalidEventException(path + refusal.path + ": " + refusal.getMessage());
        }
    }

    /** A value Hermes cannot carry: what is wrong and what would be right, and where below the value given. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private String path = "";

        Refusal(String problem) {
            super(problem, null, false, false);
        }

        /** Adds one step (".key", "[3]") in front of the path, as the refusal leaves a nested value. */
        Refusal within(String step) {
            path = step + path;
            return this;
        }
    }

    private static Object canonical(Object value, int depth, boolean asText) {
        if (value == null || value instanceof Boolean || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof String text) {
            if (asText) {
                checkText(text);
            }
            return text;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof BigInteger big) {
            if (big.bitLength() < 64) {
                return big.longValue();
            }
            if (big.bitLength() >= SAFE_BITS && big.abs().toString().length() > JsonReader.MAX_INT_DIGITS) {
                throw new Refusal("a whole number of " + big.abs().toString().length()
                        + " digits: Python writes and reads at most " + JsonReader.MAX_INT_DIGITS
                        + " (its int max str digits limit); send it as text or in parts");
            }
            return big;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (value instanceof Instant instant) {
            Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
            if (seconds.getEpochSecond() < FIRST_SECOND || seconds.getEpochSecond() > LAST_SECOND) {
                throw new Refusal(instant + " is outside the years 1 to 9999 that a Python"
                        + " datetime holds (Hermes would read it back as text); use an Instant from"
                        + " 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
            }
            return seconds;
        }
        if (value instanceof List<?> list) {
            checkDepth(depth + 1);
            Object[] copy = new Object[list.size()];
            int i = 0;
            for (Object item : list) {
                try {
                    copy[i] = canonical(item, depth + 1, asText);
                } catch (Refusal refusal) {
                    throw refusal.within("[" + i + "]");
                }
                i++;
            }
            return Collections.unmodifiableList(Arrays.asList(copy));
        }
        if (value instanceof Map<?, ?> map) {
            checkDepth(depth + 1);
            Map<String, Object> copy = new LinkedHashMap<>((int) (map.size() / 0.75f) + 1);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    Object key = entry.getKey();
                    throw new Refusal("the key " + key + " is a "
                            + (key == null ? "null" : key.getClass().getName()) + ", not a String: Hermes' JSON keys are"
                            + " text, and Hermes would read it back as the text of its JSON; use String keys");
                }
                try {
                    copy.put(key, canonical(entry.getValue(), depth + 1, asText));
                } catch (Refusal refusal) {
                    throw refusal.within("." + key);
                }
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof Set<?> set) {
            return sortedSet(set, depth, asText);
        }
        throw new Refusal("a " + value.getClass().getName() + " cannot be written as Hermes JSON;"
                + " use null, Boolean, a whole number (Integer, Long, BigInteger), Double, String, byte[], Instant,"
                + " List, Set or Map with String keys");
    }

    /**
     * Refuses text that Hermes would not read back as text.
     *
     * @throws InvalidEventException naming {@code path}
     */
    static void checkText(String text, String path) {
        try {
            checkText(text);
        } catch (Refusal refusal) {
            throw new InvalidEventException(path + ": " + refusal.getMessage());
        }
    }

    private static void checkText(String text) {
        Object read = HermesMarkers.decode(text);
        if (read != text) {
            String what = read instanceof Instant ? "a datetime (" + read + ")" : "bytes";
            String use = read instanceof Instant ? "an Instant" : "a byte[]";
            throw new Refusal("the text \"" + text + "\" would reach Hermes as " + what
                    + ", not as text: Hermes decodes every string that is a whole, valid HermesBytes(<base64>) or"
                    + " HermesDatetime(YYYY-MM-DDTHH:MM:SSZ); send " + use + " if that is what it is, else other text");
        }
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_WRITE_DEPTH) {
            throw new Refusal("lists and maps nested " + depth + " deep, more than the "
                    + MAX_WRITE_DEPTH + " Hermes can surely read back (Python stops near 1000, its recursion"
                    + " limit); flatten the value");
        }
    }

    /**
     * A set as Hermes' encoder writes it: {@code sorted(list(s))}, a list in Python's order. Python can sort only
     * elements it can compare: numbers (bools among them) with numbers, text with text (by code point), bytes with
     * bytes, datetimes with datetimes; a set of one element needs no comparison.
     */
    private static List<Object> sortedSet(Set<?> set, int depth, boolean asText) {
        checkDepth(depth + 1);
        List<Object> items = new ArrayList<>(set.size());
        for (Object item : set) {
            try {
                items.add(canonical(item, depth + 1, asText));
            } catch (Refusal refusal) {
                throw refusal.within("{" + item + "}");
            }
        }
        if (items.size() > 1) {
            items.sort(pythonOrder(items));
        }
        return Collections.unmodifiableList(items);
    }

    private static Comparator<Object> pythonOrder(List<Object> items) {
        Object first = items.get(0);
        Class<?> kind = orderKind(first);
        for (Object item : items) {
            if (kind == null || orderKind(item) != kind) {
                throw new Refusal("a set of " + describe(first) + " and " + describe(item)
                        + ", which Python cannot sort against each other (Hermes writes a set as its sorted list);"
                        + " use a List, or a Set of one kind: numbers, text, bytes or datetimes");
            }
            if (item instanceof Double d && d.isNaN()) {
                throw new Refusal("a set holding NaN among other numbers: Python's sort has"
                        + " no defined place for NaN, so Hermes' order could not be reproduced; use a List");
            }
        }
        if (kind == String.class) {
            return (a, b) -> compareCodePoints((String) a, (String) b);
        }
        if (kind == byte[].class) {
            return (a, b) -> Arrays.compareUnsigned((byte[]) a, (byte[]) b);
        }
        if (kind == Instant.class) {
            return (a, b) -> ((Instant) a).compareTo((Instant) b);
        }
        return (a, b) -> exact(a).compareTo(exact(b));
    }

    /** Which elements Python can compare with this one: Number (bools too), String, byte[], Instant; else null. */
    private static Class<?> orderKind(Object item) {
        if (item instanceof Boolean || item instanceof Long || item instanceof BigInteger || item instanceof Double) {
            return Number.class;
        }
        if (item instanceof String || item instanceof byte[] || item instanceof Instant) {
            return item.getClass();
        }
        return null;
    }

    private static String describe(Object item) {
        return item == null ? "null" : item.getClass().getSimpleName() + " " + item;
    }

    /** A number's exact value, as Python compares ints and floats (infinities beyond every finite value). */
    private static BigDecimal exact(Object number) {
        if (number instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (number instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (number instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        double d = (Double) number;
        if (Double.isInfinite(d)) {
            // beyond any finite double and any whole number Python can write (4300 digits)
            BigDecimal far = BigDecimal.TEN.pow(JsonReader.MAX_INT_DIGITS + 400);
            return d > 0 ? far : far.negate();
        }
        return new BigDecimal(d);
    }

    /** Python's order of text: by code point, where {@link String#compareTo} orders by UTF-16 unit. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
