package io.hermesbus.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.hermesbus.api.Event;
import io.hermesbus.api.InvalidEventException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * THE BASELINE, NOT THE CODEC: {@code Event}'s JSON encoding and decoding as they were before issue 12 (api's
 * {@code HermesJson} and {@code Event.toJson}/{@code fromJson} at commit 01539c3), kept here unchanged in what they
 * do, so that {@link CodecBenchmark} measures the codec against it in one run on the same events. It writes floats
 * in Java's text and rejects what Hermes writes beyond that (NaN, lone surrogates in keys, look-alike markers,
 * extra keys): never use it for anything but measuring.
 *
 * <p>Decoding builds the seven fields ({@link Decoded}), as the old {@code Event.fromTree} did before calling
 * {@code Event}'s private constructor, which only checked for nulls; encoding writes an {@link Event}'s fields.
 */
final class BaselineCodec {
    private static final List<String> KEYS = List.of(
            "evcategory", "eventtype", "objtype", "objpkey", "objattrs", "step", "isPartiallyProcessed");
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern BYTES = Pattern.compile("HermesBytes\\((.*)\\)", Pattern.DOTALL);
    private static final Pattern DATETIME = Pattern.compile("HermesDatetime\\((.*)\\)", Pattern.DOTALL);
    private static final Pattern WHOLE_SECONDS_UTC = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    private BaselineCodec() {
    }

    /** The seven fields the old decoder gave the old {@code Event}'s private constructor. */
    record Decoded(String evcategory, String eventtype, String objtype, Object objpkey, Map<String, Object> objattrs,
                   int step, boolean isPartiallyProcessed) {
    }

    // ---- encoding: the old Event.toJson()

    static String toJson(Event event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("evcategory", event.evcategory());
        fields.put("eventtype", event.eventtype());
        fields.put("objtype", event.objtype());
        fields.put("objpkey", event.objpkey());
        fields.put("objattrs", event.objattrs());
        fields.put("step", (long) event.step());
        fields.put("isPartiallyProcessed", event.isPartiallyProcessed());
        StringBuilder out = new StringBuilder(256);
        write(fields, out, 0);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out, int depth) {
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
            out.append(value);
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

    private static void writeString(String s, StringBuilder out) {
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

    // ---- decoding: the old Event.fromJson(String)

    static Decoded fromJson(String json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (!tree.isObject()) {
            throw new InvalidEventException("expected a JSON object with keys " + KEYS + ", got " + tree.getNodeType());
        }
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new InvalidEventException("unknown key '" + name + "'; a Hermes event has the keys " + KEYS);
            }
        }
        Object objattrs = decode(tree.path("objattrs"), "objattrs");
        if (objattrs != null && !(objattrs instanceof Map)) {
            throw new InvalidEventException("objattrs must be a JSON object, got " + tree.get("objattrs").getNodeType());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> attrs = objattrs == null ? Map.of() : (Map<String, Object>) objattrs;
        return new Decoded(requiredText(tree, "evcategory"), requiredText(tree, "eventtype"), optionalText(tree, "objtype"),
                decode(tree.path("objpkey"), "objpkey"), attrs, step(tree), flag(tree));
    }

    private static String requiredText(JsonNode tree, String key) {
        JsonNode node = tree.get(key);
        if (node == null || !node.isTextual()) {
            throw new InvalidEventException(key + " must be a string, got " + (node == null ? "nothing" : node.getNodeType()));
        }
        return node.textValue();
    }

    private static String optionalText(JsonNode tree, String key) {
        JsonNode node = tree.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        return requiredText(tree, key);
    }

    private static int step(JsonNode tree) {
        JsonNode node = tree.get("step");
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidEventException("step must be a whole number, got " + node);
        }
        return node.intValue();
    }

    private static boolean flag(JsonNode tree) {
        JsonNode node = tree.get("isPartiallyProcessed");
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new InvalidEventException("isPartiallyProcessed must be true or false, got " + node);
        }
        return node.booleanValue();
    }

    private static Object decode(JsonNode node, String path) {
        switch (node.getNodeType()) {
            case NULL:
            case MISSING:
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
}
