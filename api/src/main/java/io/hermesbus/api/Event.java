package io.hermesbus.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One Hermes event: the seven fields Hermes serializes, plus the {@link #offset()} and {@link #timestamp()}
 * that a consumer sets when it reads the event from a bus and that are never serialized.
 *
 * <p>An event is immutable. Its {@link #objpkey()} and {@link #objattrs()} hold the Java values listed in
 * {@link #toJson()}; lists and maps are unmodifiable copies. Two events are {@link #equals equal} when their
 * content, offset and timestamp are; {@link #sameContentAs} ignores offset and timestamp.
 *
 * <p>The {@link #evcategory()} is the message key (Hermes' "category") by which consumers filter.
 */
public final class Event {
    private static final List<String> KEYS = List.of(
            "evcategory", "eventtype", "objtype", "objpkey", "objattrs", "step", "isPartiallyProcessed");

    private final String evcategory;
    private final String eventtype;
    private final String objtype;
    private final Object objpkey;
    private final Map<String, Object> objattrs;
    private final int step;
    private final boolean isPartiallyProcessed;
    private final Offset offset;
    private final Instant timestamp;

    /**
     * An event with no offset and no timestamp yet.
     *
     * @param evcategory the category (message key); not null
     * @param eventtype the type, such as {@code added}, {@code modified}, {@code removed}; not null
     * @param objtype the object type, or null for events about no object
     * @param objpkey the primary key: null, a whole number, a String, or a List for a composite key
     * @param objattrs the attributes; null is read as an empty map
     * @param step Hermes' step counter
     * @param isPartiallyProcessed Hermes' flag of the same name
     * @throws InvalidEventException if a value cannot be written as Hermes JSON
     */
    public Event(String evcategory, String eventtype, String objtype, Object objpkey,
                 Map<String, ?> objattrs, int step, boolean isPartiallyProcessed) {
        this(evcategory, eventtype, objtype, HermesJson.normalize(objpkey, "objpkey"),
                objattrs(objattrs), step, isPartiallyProcessed, null, null);
    }

    /** An event of a category and type with no object, no attributes, step 0. */
    public Event(String evcategory, String eventtype) {
        this(evcategory, eventtype, null, null, Map.of(), 0, false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objattrs(Map<String, ?> attrs) {
        return (Map<String, Object>) HermesJson.normalize(attrs == null ? Map.of() : attrs, "objattrs");
    }

    private Event(String evcategory, String eventtype, String objtype, Object objpkey, Map<String, Object> objattrs,
                  int step, boolean isPartiallyProcessed, Offset offset, Instant timestamp) {
        if (evcategory == null) {
            throw new InvalidEventException("evcategory must not be null: it is the category consumers filter on");
        }
        if (eventtype == null) {
            throw new InvalidEventException("eventtype must not be null");
        }
        this.evcategory = evcategory;
        this.eventtype = eventtype;
        this.objtype = objtype;
        this.objpkey = objpkey;
        this.objattrs = objattrs;
        this.step = step;
        this.isPartiallyProcessed = isPartiallyProcessed;
        this.offset = offset;
        this.timestamp = timestamp;
    }

    /**
     * Reads an event from Hermes JSON, as {@code Event.from_json} does.
     *
     * @throws InvalidEventException if the text is not JSON, is not an object, lacks {@code evcategory} or
     *     {@code eventtype}, has a key Hermes does not write, or has a value of the wrong type
     */
    public static Event fromJson(String json) {
        return fromTree(HermesJson.parse(json));
    }

    /**
     * Reads an event from a map shaped like Hermes JSON, as {@code Event.from_json} does with a dict: exactly as
     * {@link #fromJson(String)} reads the map's JSON text, so strings such as {@code HermesBytes(...)} are decoded
     * and {@code byte[]} or {@link Instant} values are taken as they are.
     *
     * @throws InvalidEventException as {@link #fromJson(String)}, and for a value that has no JSON form
     */
    public static Event fromJson(Map<String, ?> json) {
        if (json == null) {
            throw new InvalidEventException("expected a JSON object, got null");
        }
        StringBuilder text = new StringBuilder();
        HermesJson.write(HermesJson.normalize(json, "event"), text, 0);
        return fromJson(text.toString());
    }

    private static Event fromTree(JsonNode tree) {
        if (!tree.isObject()) {
            throw new InvalidEventException("expected a JSON object with keys " + KEYS + ", got " + tree.getNodeType());
        }
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new InvalidEventException("unknown key '" + name + "'; a Hermes event has the keys " + KEYS);
            }
        }
        Object objattrs = HermesJson.decode(tree.path("objattrs"), "objattrs");
        if (objattrs != null && !(objattrs instanceof Map)) {
            throw new InvalidEventException("objattrs must be a JSON object, got " + tree.get("objattrs").getNodeType());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> attrs = objattrs == null ? Map.of() : (Map<String, Object>) objattrs;
        return new Event(
                requiredText(tree, "evcategory"),
                requiredText(tree, "eventtype"),
                optionalText(tree, "objtype"),
                HermesJson.decode(tree.path("objpkey"), "objpkey"),
                attrs,
                step(tree),
                flag(tree),
                null,
                null);
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

    /**
     * This event as Hermes' {@code Event.to_json()} prints it: the seven keys in Hermes' order, 4-space indent,
     * non-ASCII text escaped, {@code byte[]} as {@code "HermesBytes(<base64>)"} and {@link Instant} as
     * {@code "HermesDatetime(YYYY-MM-DDTHH:MM:SSZ)"}. The offset and timestamp are not written.
     */
    public String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("evcategory", evcategory);
        fields.put("eventtype", eventtype);
        fields.put("objtype", objtype);
        fields.put("objpkey", objpkey);
        fields.put("objattrs", objattrs);
        fields.put("step", (long) step);
        fields.put("isPartiallyProcessed", isPartiallyProcessed);
        StringBuilder out = new StringBuilder(256);
        HermesJson.write(fields, out, 0);
        return out.toString();
    }

    /**
     * This event as read from a bus at {@code offset}, published at {@code timestamp}. Consumers call this
     * before they yield an event.
     */
    public Event at(Offset offset, Instant timestamp) {
        return new Event(evcategory, eventtype, objtype, objpkey, objattrs, step, isPartiallyProcessed,
                Objects.requireNonNull(offset, "offset"), Objects.requireNonNull(timestamp, "timestamp"));
    }

    public String evcategory() {
        return evcategory;
    }

    public String eventtype() {
        return eventtype;
    }

    /** The object type, or null. */
    public String objtype() {
        return objtype;
    }

    /** The primary key: null, a {@link Long}, a {@link String}, or an unmodifiable {@link List} for a composite key. */
    public Object objpkey() {
        return objpkey;
    }

    /**
     * The attributes, an unmodifiable map in the order they were given or read. {@code byte[]} values are the
     * event's own arrays, not copies (copying every read would cost every consumer): do not modify them.
     */
    public Map<String, Object> objattrs() {
        return objattrs;
    }

    public int step() {
        return step;
    }

    public boolean isPartiallyProcessed() {
        return isPartiallyProcessed;
    }

    /** Where a consumer read this event on its bus; null for an event that was not read from a bus. */
    public Offset offset() {
        return offset;
    }

    /** When this event was published on its bus; null for an event that was not read from a bus. */
    public Instant timestamp() {
        return timestamp;
    }

    /** Whether both events carry the same seven serialized fields, whatever their offsets and timestamps. */
    public boolean sameContentAs(Event other) {
        return evcategory.equals(other.evcategory) && eventtype.equals(other.eventtype)
                && Objects.equals(objtype, other.objtype) && deepEquals(objpkey, other.objpkey)
                && deepEquals(objattrs, other.objattrs) && step == other.step
                && isPartiallyProcessed == other.isPartiallyProcessed;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Event that && sameContentAs(that)
                && Objects.equals(offset, that.offset) && Objects.equals(timestamp, that.timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(evcategory, eventtype, objtype, step, offset);
    }

    /** A one-line description for logs and test messages: offset, category, type, object and key. */
    @Override
    public String toString() {
        return "Event{offset=" + offset + ", evcategory=" + evcategory + ", eventtype=" + eventtype
                + ", objtype=" + objtype + ", objpkey=" + objpkey + ", timestamp=" + timestamp + "}";
    }

    private static boolean deepEquals(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!deepEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            Set<?> keys = x.keySet();
            if (!keys.equals(y.keySet())) {
                return false;
            }
            for (Object key : keys) {
                if (!deepEquals(x.get(key), y.get(key))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }
}
