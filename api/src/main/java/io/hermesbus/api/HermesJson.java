package io.hermesbus.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hermes' JSON dialect: {@code bytes} as {@code "HermesBytes(<base64>)"}, {@code datetime} as
 * {@code "HermesDatetime(YYYY-MM-DDTHH:MM:SSZ)"}, text with non-ASCII characters escaped, and objects printed
 * with a 4-space indent. Values are held in Java as: {@code null}, {@link Boolean}, {@link Long} (or
 * {@link BigInteger} beyond 64 bits), {@link Double}, {@link String}, {@code byte[]}, {@link Instant}
 * (whole seconds, UTC), {@link List} and {@link Map} with {@code String} keys.
 */
final class HermesJson {
    // no USE_LONG_FOR_INTS: with it Jackson refuses integers beyond 64 bits instead of reading them as BigInteger
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern BYTES = Pattern.compile("HermesBytes\\((.*)\\)", Pattern.DOTALL);
    private static final Pattern DATETIME = Pattern.compile("HermesDatetime\\((.*)\\)", Pattern.DOTALL);
    private static final Pattern WHOLE_SECONDS_UTC = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    private HermesJson() {
    }

    static JsonNode parse(String json) {
        if (json == null) {
            throw new InvalidEventException("expected JSON text, got null");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The Java value of a JSON node, with Hermes' bytes and datetime strings decoded. */
    static Object decode(JsonNode node, String path) {
        switch (node.getNodeType()) {
            case NULL:
            case MISSING: // an absent key (JsonNode.path) reads as null, as an explicit null does
                return null;
            case BOOLEAN:
                return node.booleanValue();
            case NUMBER:
                if (node.isIntegralNumber()) {
                    return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
                }
                double number = node.doubleValue();
                if (!Double.isFinite(number)) {
                    throw new InvalidEventException(path + ": " + node.asText() + " is beyond the range of a 64-bit float");
                }
                return number;
            case STRING:
                return decodeString(node.textValue(), path);
            case ARRAY: {
                List<Object> list = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    list.add(decode(node.get(i), path + "[" + i + "]"));
                }
                return Collections.unmodifiableList(list);
            }
            case OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    map.put(field.getKey(), decode(field.getValue(), path + "." + field.getKey()));
                }
                return Collections.unmodifiableMap(map);
            }
            case BINARY:
                try {
                    return node.binaryValue();
                } catch (java.io.IOException e) {
                    throw new InvalidEventException(path + ": unreadable binary value", e);
                }
            default:
                throw new InvalidEventException(path + ": unsupported JSON value " + node);
        }
    }

    private static Object decodeString(String text, String path) {
        Matcher bytes = BYTES.matcher(text);
        if (bytes.matches()) {
            try {
                return Base64.getDecoder().decode(bytes.group(1));
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException(path + ": " + text + " is not valid base64 inside HermesBytes(...)", e);
            }
        }
        Matcher datetime = DATETIME.matcher(text);
        if (datetime.matches()) {
            try {
                // Hermes writes whole seconds in UTC only; Instant.parse alone would also take fractions and offsets
                if (!WHOLE_SECONDS_UTC.matcher(datetime.group(1)).matches()) {
                    throw new DateTimeParseException("not YYYY-MM-DDTHH:MM:SSZ", datetime.group(1), 0);
                }
                return Instant.parse(datetime.group(1));
            } catch (DateTimeParseException e) {
                throw new InvalidEventException(path + ": " + text
                        + " is not a date-time of the form HermesDatetime(YYYY-MM-DDTHH:MM:SSZ)", e);
            }
        }
        return text;
    }

    /**
     * The canonical, unmodifiable form of a Java value that Hermes can encode: ints widened to {@link Long},
     * floats to {@link Double}, datetimes cut to whole seconds (Hermes writes seconds), byte arrays copied.
     *
     * @throws InvalidEventException naming {@code path} for a value Hermes cannot encode
     */
    static Object normalize(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof BigInteger) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new InvalidEventException(path + ": " + d + " cannot be written as JSON; use a finite number");
            }
            return d;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (value instanceof Instant instant) {
            return instant.truncatedTo(ChronoUnit.SECONDS);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(normalize(list.get(i), path + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new InvalidEventException(path + ": map key " + entry.getKey() + " is not a String; JSON keys are text");
                }
                copy.put(key, normalize(entry.getValue(), path + "." + key));
            }
            return Collections.unmodifiableMap(copy);
        }
        throw new InvalidEventException(path + ": a " + value.getClass().getName() + " cannot be written as Hermes JSON;"
                + " use null, Boolean, a whole number, Double, String, byte[], Instant, List or Map");
    }

    /** Writes a normalized value as Hermes prints it: 4-space indent, {@code ", "}/{@code ": "}, ASCII only. */
    static void write(Object value, StringBuilder out, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof byte[] bytes) {
            writeString("HermesBytes(" + Base64.getEncoder().encodeToString(bytes) + ")", out);
        } else if (value instanceof Instant instant) {
            writeString("HermesDatetime(" + instant + ")", out);
        } else if (value instanceof List<?> list) {
            writeList(list, out, depth);
        } else if (value instanceof Map<?, ?> map) {
            writeMap(map, out, depth);
        } else {
            out.append(value); // Boolean, Long, BigInteger, Double: Java's text is valid JSON for finite values
        }
    }

    private static void writeList(List<?> list, StringBuilder out, int depth) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        String separator = "";
        for (Object item : list) {
            out.append(separator);
            newline(out, depth + 1);
            write(item, out, depth + 1);
            separator = ",";
        }
        newline(out, depth);
        out.append(']');
    }

    private static void writeMap(Map<?, ?> map, StringBuilder out, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        String separator = "";
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.append(separator);
            newline(out, depth + 1);
            writeString((String) entry.getKey(), out);
            out.append(": ");
            write(entry.getValue(), out, depth + 1);
            separator = ",";
        }
        newline(out, depth);
        out.append('}');
    }

    private static void newline(StringBuilder out, int depth) {
        out.append('\n');
        out.append("    ".repeat(depth));
    }

    /** Escapes as Python's {@code json.dumps} does by default: everything outside printable ASCII as {@code \\uXXXX}. */
    static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c >= ' ' && c <= '~') {
                        out.append(c);
                    } else {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        out.append('"');
    }
}
