package io.hermesbus.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The corpus' tagged trees ({@code NNNN.typed.json}: what Hermes' {@code Event.from_json} gave back, with Python's
 * types) as the Java values {@link Event} holds, and a comparison of Java values that tells types apart: an int is
 * never a float, {@code -0.0} is not {@code 0.0}, bytes are not text, and map keys must come in the same order.
 * Read with Jackson, not with the code under test.
 */
final class TypedValues {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TypedValues() {
    }

    /** The seven event keys of a typed file, each as a Java value. */
    static Map<String, Object> event(String typedJson) {
        JsonNode tree;
        try {
            tree = JSON.readTree(typedJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable typed tree: " + e.getMessage(), e);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = tree.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            event.put(field.getKey(), value(field.getValue()));
        }
        return event;
    }

    /**
     * One tagged value as Java: {@code {"int": digits}} a {@link Long} (a {@link BigInteger} beyond 64 bits),
     * {@code {"float": repr}} a {@link Double}, {@code {"str": s}} a String, {@code {"bytes": base64}} a
     * {@code byte[]}, {@code {"datetime": isoformat}} the {@link Instant} of that wall time in UTC, a JSON array a
     * List, {@code {"dict": [[k, v], ...]}} a map in that order.
     */
    static Object value(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(value(item)));
            return list;
        }
        Map.Entry<String, JsonNode> tag = node.fields().next();
        JsonNode content = tag.getValue();
        return switch (tag.getKey()) {
            case "int" -> {
                BigInteger big = new BigInteger(content.textValue());
                yield big.bitLength() < 64 ? (Object) big.longValue() : big;
            }
            case "float" -> switch (content.textValue()) {
                case "nan" -> Double.NaN;
                case "inf" -> Double.POSITIVE_INFINITY;
                case "-inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(content.textValue());
            };
            case "str" -> content.textValue();
            case "bytes" -> Base64.getDecoder().decode(content.textValue());
            case "datetime" -> LocalDateTime.parse(content.textValue()).toInstant(ZoneOffset.UTC);
            case "dict" -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonNode pair : content) {
                    map.put(pair.get(0).textValue(), value(pair.get(1)));
                }
                yield map;
            }
            default -> throw new IllegalArgumentException("unknown tag " + tag.getKey() + " in " + node);
        };
    }

    /**
     * Where {@code actual} differs from {@code expected}, in type or value, as "path: expected ..., got ...";
     * null when they are the same.
     */
    static String difference(String path, Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual ? null : path + ": expected " + describe(expected) + ", got " + describe(actual);
        }
        if (expected.getClass() != actual.getClass()
                && !(expected instanceof List && actual instanceof List)
                && !(expected instanceof Map && actual instanceof Map)) {
            return path + ": expected " + describe(expected) + ", got " + describe(actual);
        }
        if (expected instanceof Double e && actual instanceof Double a) {
            return Double.compare(e, a) == 0 ? null : path + ": expected " + describe(e) + ", got " + describe(a);
        }
        if (expected instanceof byte[] e && actual instanceof byte[] a) {
            return Arrays.equals(e, a) ? null : path + ": expected " + describe(e) + ", got " + describe(a);
        }
        if (expected instanceof List<?> e && actual instanceof List<?> a) {
            if (e.size() != a.size()) {
                return path + ": expected a list of " + e.size() + ", got " + a.size() + ": " + describe(a);
            }
            for (int i = 0; i < e.size(); i++) {
                String difference = difference(path + "[" + i + "]", e.get(i), a.get(i));
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            List<?> expectedKeys = new ArrayList<>(e.keySet());
            List<?> actualKeys = new ArrayList<>(a.keySet());
            if (!expectedKeys.equals(actualKeys)) {
                return path + ": expected the keys " + describe(expectedKeys) + " in this order, got " + describe(actualKeys);
            }
            for (Object key : expectedKeys) {
                String difference = difference(path + "." + key, e.get(key), a.get(key));
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        return expected.equals(actual) ? null : path + ": expected " + describe(expected) + ", got " + describe(actual);
    }

    /** A value with its Java type, surrogates and controls escaped, so that a message shows what differs. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof byte[] bytes) {
            return "byte[] " + Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof String text) {
            StringBuilder out = new StringBuilder("String \"");
            text.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\u%04x", c)));
            return out.append('"').toString();
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(describe(item)));
            return items.toString();
        }
        return value.getClass().getSimpleName() + " " + value;
    }
}
