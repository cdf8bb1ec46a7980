package io.hermesbus.tck;

import io.hermesbus.api.Event;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The events the kit publishes. Each carries its number in the test under the attribute {@value #SEQ}, so that
 * failure messages can say which published event a consumer returned.
 */
final class TckEvents {
    static final String SEQ = "tck_seq";

    private TckEvents() {
    }

    /** A small Hermes-like event: a user added, numbered {@code seq}. */
    static Event numbered(long seq, String category) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put(SEQ, seq);
        attrs.put("login", "user_" + seq);
        return new Event(category, "added", "Users", seq, attrs, 0, false);
    }

    /**
     * Events with every kind of value Hermes writes: bytes, datetimes, composite keys, non-ASCII text, nulls,
     * nested lists and maps, empty attributes, numbers at the edges, one large attribute (256 KiB); floats whose
     * text Python writes its own way, NaN and the infinities, lone surrogates in keys and values, whole numbers
     * beyond 64 bits, text that looks like Hermes' markers, the first and last second of years 1-9999, a set, and
     * a key of bytes.
     */
    static List<Event> hermesLike() {
        List<Event> events = new ArrayList<>();
        events.add(new Event("initsync", "init-start", null, null,
                Map.of("Users", Map.of("HERMES_ATTRIBUTES", List.of("login", "user_id"), "PRIMARYKEY_ATTRIBUTE", "user_id")), 0, false));
        events.add(new Event("initsync", "added", "Users", 2L, ordered(
                "user_id", 2L, "login", "j\u00e9r\u00f4me \u4e2d\u6587 \ud83d\ude00", "photo", new byte[] {0, 1, (byte) 0xFE, (byte) 0xFF},
                "birth", Instant.parse("1990-12-31T23:59:58Z")), 0, false));
        events.add(new Event("initsync", "added", "GroupsMembers", List.of(7L, 2L), ordered("group_id", 7L, "user_id", 2L), 0, false));
        events.add(new Event("initsync", "init-stop", null, null, Map.of(), 0, false));
        events.add(new Event("base", "modified", "Users", 1L, ordered(
                "added", ordered("mail", "u1@example.org"), "modified", ordered("login", "user_one"),
                "removed", ordered("edupersonaffiliation", null)), 3, true));
        events.add(new Event("base", "added", "Users", "key-\"quoted\"\\", ordered(
                "score", 12.5, "big", Long.MAX_VALUE, "negative", Long.MIN_VALUE, "tiny", 4.9e-324, "active", true,
                "nothing", null, "nested", List.of(List.of(), Map.of(), List.of(new byte[0], Instant.EPOCH)),
                "control", "tab\tnew\nline\u0001", "large", "x".repeat(256 * 1024)), 0, false));
        events.add(new Event("base", "modified", "Metrics", new byte[] {0, (byte) 0xFF}, ordered(
                "floats", List.of(1e16, 10000000.0, 1e-5, Double.MIN_VALUE, 1e23, -0.0, Double.NaN,
                        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY),
                "\udc00 lone surrogate key", "lone \ud800 value", "beyond 64 bits", new BigInteger("-1" + "0".repeat(40)),
                "looks like markers", List.of("HermesDatetime(not a date)", "HermesDatetime(2020-02-30T00:00:00Z)",
                        "HermesDatetime(2020-01-01T23:59:60Z)", "HermesBytes(hello world)"),
                "first and last second", List.of(Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z")),
                "set", new LinkedHashSet<>(List.of("b", "a", "\ud83d\ude00", "\uffff"))), 2, true));
        return events;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Which published event this is, by its {@value #SEQ} attribute, or null for an event the kit did not number. */
    static Object seqOf(Event event) {
        return event.objattrs().get(SEQ);
    }

    /** Events as {@code [#seq category @offset, ...]}, for messages. */
    static String describe(List<Event> events) {
        StringBuilder out = new StringBuilder("[");
        for (Event event : events) {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append(describe(event));
        }
        return out.append(']').toString();
    }

    /** One event as {@code #seq category @offset}. */
    static String describe(Event event) {
        Object seq = seqOf(event);
        return (seq == null ? event.eventtype() : "#" + seq) + " " + event.evcategory()
                + (event.offset() == null ? "" : " @" + event.offset());
    }
}
