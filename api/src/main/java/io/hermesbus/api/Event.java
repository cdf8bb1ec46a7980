package io.hermesbus.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One Hermes event: the seven fields Hermes serializes, plus the {@link #offset()} and {@link #timestamp()}
 * that a consumer sets when it reads the event from a bus and that are never serialized.
 *
 * <p>An event is immutable. Its {@link #objpkey()} and {@link #objattrs()} hold the Java values listed in
 * {@link #toJson()}; lists and maps are unmodifiable copies. Every event the constructor accepts is one Hermes
 * carries unchanged: {@code fromJson(e.toJson())} gives back an event equal to {@code e}. Two events are {@link #equals equal} when their
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
     * An event with no offset and no timestamp yet, checked so that Hermes reads back exactly this event: a value
     * Hermes cannot carry is refused here, before anything is sent, never turned into something else on the way.
     *
     * @param evcategory the category (message key); not null
     * @param eventtype the type, such as {@code added}, {@code modified}, {@code removed}; not null
     * @param objtype the object type, or null for events about no object
     * @param objpkey the primary key: null, a whole number, a String, or a List for a composite key (any value of
     *     {@link #toJson()} is accepted, as Hermes accepts any)
     * @param objattrs the attributes; null is read as an empty map
     * @param step Hermes' step counter
     * @param isPartiallyProcessed Hermes' flag of the same name
     * @throws InvalidEventException naming the path of a value Hermes cannot carry ({@code objattrs.groups[2]}),
     *     what is wrong with it and what would be right: see {@link #toJson()}
     */
    public Event(String evcategory, String eventtype, String objtype, Object objpkey,
                 Map<String, ?> objattrs, int step, boolean isPartiallyProcessed) {
        this(text(evcategory, "evcategory"), text(eventtype, "eventtype"), text(objtype, "objtype"),
                HermesJson.normalize(objpkey, "objpkey", 1, true), objattrs(objattrs, true), step,
                isPartiallyProcessed, null, null);
    }

    /**
     * An event of a category and type with no object, no attributes, step 0.
     *
     * @param evcategory the category (message key); not null
     * @param eventtype the type, such as {@code added}; not null
     */
    public Event(String evcategory, String eventtype) {
        this(evcategory, eventtype, null, null, Map.of(), 0, false);
    }

    /** {@code text}, unless Hermes would read it as something else (a null is checked by the constructor). */
    private static String text(String text, String key) {
        if (text != null) {
            HermesJson.checkText(text, key);
        }
        return text;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objattrs(Map<String, ?> attrs, boolean asText) {
        return (Map<String, Object>) HermesJson.normalize(attrs == null ? Map.of() : attrs, "objattrs", 1, asText);
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
     * Reads an event from Hermes JSON, as Hermes' {@code Event.from_json} does: Python's {@code json.loads} (so
     * {@code NaN}, {@code Infinity}, numbers of any size, lone surrogates, repeated keys), then every string in
     * {@code objpkey} and {@code objattrs} that is a whole, valid {@code HermesBytes(<base64>)} or
     * {@code HermesDatetime(YYYY-MM-DDTHH:MM:SSZ)} becomes a {@code byte[]} or an {@link Instant}; any other string,
     * however much it looks like one, stays text. Keys other than the seven are ignored, as Hermes ignores them;
     * without {@code isPartiallyProcessed} (events of Hermes before 1.0.0-alpha.2) the flag is {@code step != 0}, as
     * Hermes sets it. {@code objtype}, {@code objpkey} and {@code objattrs} may be left out (read as null, null and
     * empty), and {@code objattrs} may be null (read as empty).
     *
     * @param json the text of one event, as Hermes writes it
     * @return the event, with no offset and no timestamp
     * @throws InvalidEventException if the text is not JSON as Python reads it (naming line, column and the path in
     *     the event), is not an object, lacks {@code evcategory} or {@code eventtype}, or has a value of a type
     *     Java's event cannot hold: {@code evcategory}, {@code eventtype} and {@code objtype} not strings,
     *     {@code step} not a whole number of Java's {@code int}, {@code isPartiallyProcessed} not a boolean,
     *     {@code objattrs} not an object; or nested deeper than this thread's stack can read (1000 levels need about
     *     Java's default 1 MiB)
     */
    public static Event fromJson(String json) {
        return fromTree(HermesJson.parse(json));
    }

    /**
     * Reads an event from a map shaped like Hermes JSON: exactly as {@link #fromJson(String)} reads the map's JSON
     * text (Hermes' {@code to_json} of it), so strings such as {@code HermesBytes(...)} are decoded and
     * {@code byte[]} or {@link Instant} values are taken as they are.
     *
     * @param json the event's seven keys and their values; not null
     * @return the event, with no offset and no timestamp
     * @throws InvalidEventException as {@link #fromJson(String)}, and for a value that has no JSON form
     */
    public static Event fromJson(Map<String, ?> json) {
        if (json == null) {
            throw new InvalidEventException("expected a JSON object, got null");
        }
        JsonWriter text = new JsonWriter(256);
        text.value(HermesJson.normalize(json, "event", 0, false), 0);
        return fromJson(text.text());
    }

    private static Event fromTree(Object tree) {
        if (!(tree instanceof Map<?, ?> fields)) {
            throw new InvalidEventException("expected a JSON object with keys " + KEYS + ", got " + kind(tree));
        }
        Object objattrs = fields.get("objattrs");
        if (objattrs != null && !(objattrs instanceof Map)) {
            throw new InvalidEventException("objattrs must be a JSON object, got " + kind(objattrs));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> attrs = objattrs == null ? Map.of() : (Map<String, Object>) objattrs;
        int step = step(fields);
        return new Event(
                requiredText(fields, "evcategory"),
                requiredText(fields, "eventtype"),
                optionalText(fields, "objtype"),
                HermesJson.decode(fields.get("objpkey"), "objpkey"),
                attrs,
                step,
                flag(fields, step),
                null,
                null);
    }

    /** "a JSON array [1, 2]", "the string \"x\"", for error messages. */
    private static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?>) {
            return "a JSON object";
        }
        if (value instanceof List<?> list) {
            return "a JSON array of " + list.size();
        }
        if (value instanceof String text) {
            return "the string \"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
        }
        if (value instanceof Boolean b) {
            return "the boolean " + b;
        }
        if (value instanceof byte[]) {
            return "bytes (HermesBytes)";
        }
        if (value instanceof Instant) {
            return "a datetime (HermesDatetime)";
        }
        return "the number " + value;
    }

    private static String requiredText(Map<?, ?> fields, String key) {
        Object value = fields.get(key);
        if (!(value instanceof String text)) {
            throw new InvalidEventException(key + " must be a string, got "
                    + (value == null && !fields.containsKey(key) ? "nothing" : kind(value)));
        }
        return text;
    }

    private static String optionalText(Map<?, ?> fields, String key) {
        return fields.get(key) == null ? null : requiredText(fields, key);
    }

    private static int step(Map<?, ?> fields) {
        Object value = fields.get("step");
        if (value == null) {
            return 0;
        }
        if (!(value instanceof Long number) || number != (int) (long) number) {
            throw new InvalidEventException("step must be a whole number from " + Integer.MIN_VALUE + " to "
                    + Integer.MAX_VALUE + " (a Java int), got " + kind(value));
        }
        return (int) (long) number;
    }

    /** The flag, or where it is missing, {@code step != 0} as Hermes reads events written before the flag was. */
    private static boolean flag(Map<?, ?> fields, int step) {
        if (!fields.containsKey("isPartiallyProcessed")) {
            return step != 0;
        }
        Object value = fields.get("isPartiallyProcessed");
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean flag)) {
            throw new InvalidEventException("isPartiallyProcessed must be true or false, got " + kind(value));
        }
        return flag;
    }

    /**
     * This event as Hermes' {@code Event.to_json()} prints it, byte for byte: Python's
     * {@code json.dumps(..., indent=4)} with Hermes' encoder. The seven keys in Hermes' order, 4-space indent,
     * every character outside printable ASCII escaped ({@code \u00e9}; surrogates, paired or lone, as
     * themselves), floats as Python's {@code repr} ({@code 1e+16}, {@code 1e-05}, {@code NaN}, {@code Infinity}),
     * {@code byte[]} as {@code "HermesBytes(<base64>)"} and {@link Instant} as
     * {@code "HermesDatetime(YYYY-MM-DDTHH:MM:SSZ)"}. The offset and timestamp are not written.
     *
     * <p>The Java values and what Hermes reads back for each: null, {@link Boolean}, whole numbers
     * ({@link Integer}, {@link Long}, {@link java.math.BigInteger} up to 4300 digits: held as {@link Long} where
     * they fit), {@link Double} and {@link Float} (held as {@link Double}), {@link String}, {@code byte[]},
     * {@link Instant} (years 1 to 9999, cut to whole seconds as Hermes writes them, read back as the same wall time
     * in UTC), {@link List} (a Python list or tuple), {@link java.util.Set} (held and written as Hermes writes a set:
     * its sorted list), {@link Map} with {@code String} keys. Refused, with the path: other types and keys, an
     * Instant outside those years, text that Hermes would read as bytes or a datetime (a whole, valid
     * {@code HermesBytes(...)} or {@code HermesDatetime(...)}), a set Python cannot sort, nesting deeper than
     * {@value HermesJson#MAX_WRITE_DEPTH}.
     *
     * @return the JSON text, Hermes' bytes once encoded in UTF-8 (ASCII only)
     * @throws InvalidEventException for an event read from a bus that is nested deeper than this thread's stack can
     *     write (an event the constructor accepts is at most {@value HermesJson#MAX_WRITE_DEPTH} deep)
     */
    public String toJson() {
        return write().text();
    }

    /**
     * The bytes of {@link #toJson()} in UTF-8 (which are ASCII), written without going through a {@code String}:
     * what a bus stores.
     *
     * @return a new array on every call
     */
    public byte[] toJsonBytes() {
        return write().bytes();
    }

    private JsonWriter write() {
        try {
            return writeFields();
        } catch (StackOverflowError e) {
            throw HermesJson.tooDeepForStack("written");
        }
    }

    private JsonWriter writeFields() {
        JsonWriter out = new JsonWriter(256);
        out.raw('{');
        out.key("evcategory", 1, true);
        out.string(evcategory);
        out.key("eventtype", 1, false);
        out.string(eventtype);
        out.key("objtype", 1, false);
        out.value(objtype, 1);
        out.key("objpkey", 1, false);
        out.value(objpkey, 1);
        out.key("objattrs", 1, false);
        out.value(objattrs, 1);
        out.key("step", 1, false);
        out.number(step);
        out.key("isPartiallyProcessed", 1, false);
        out.value(isPartiallyProcessed, 1);
        out.newline(0);
        out.raw('}');
        return out;
    }

    /**
     * This event as read from a bus at {@code offset}, published at {@code timestamp}. Consumers call this
     * before they yield an event.
     *
     * @param offset where the event was read; not null
     * @param timestamp when the bus says the event was published; not null
     * @return a copy of this event with that offset and timestamp (whatever this one had)
     */
    public Event at(Offset offset, Instant timestamp) {
        return new Event(evcategory, eventtype, objtype, objpkey, objattrs, step, isPartiallyProcessed,
                Objects.requireNonNull(offset, "offset"), Objects.requireNonNull(timestamp, "timestamp"));
    }

    /**
     * The category (Hermes' message key), by which consumers filter; never null.
     *
     * @return the category, never null
     */
    public String evcategory() {
        return evcategory;
    }

    /**
     * The event type, such as {@code added}, {@code modified} or {@code removed}.
     *
     * @return the type, never null
     */
    public String eventtype() {
        return eventtype;
    }

    /**
     * The object type, or null.
     *
     * @return the object type; null for an event about no object
     */
    public String objtype() {
        return objtype;
    }

    /**
     * The primary key: null, a {@link Long}, a {@link String}, or an unmodifiable {@link List} for a composite key
     * (Hermes reads a list key as a tuple); any other value of {@link #toJson()} where Hermes sent one.
     *
     * @return the key; null when the event has none
     */
    public Object objpkey() {
        return objpkey;
    }

    /**
     * The attributes, an unmodifiable map in the order they were given or read. {@code byte[]} values are the
     * event's own arrays, not copies (copying every read would cost every consumer): do not modify them.
     *
     * @return the attributes, never null (empty when the event has none)
     */
    public Map<String, Object> objattrs() {
        return objattrs;
    }

    /**
     * Hermes' step counter, carried as Hermes sent it.
     *
     * @return the step; 0 for an event made without one
     */
    public int step() {
        return step;
    }

    /**
     * Hermes' flag of the same name, carried as Hermes sent it.
     *
     * @return the flag; for an event read without it, {@code step != 0}
     */
    public boolean isPartiallyProcessed() {
        return isPartiallyProcessed;
    }

    /**
     * Where a consumer read this event on its bus; null for an event that was not read from a bus.
     *
     * @return the offset, of the bus's kind; null when not read from a bus
     */
    public Offset offset() {
        return offset;
    }

    /**
     * When this event was published on its bus; null for an event that was not read from a bus.
     *
     * @return the instant; null when not read from a bus
     */
    public Instant timestamp() {
        return timestamp;
    }

    /**
     * Whether both events carry the same seven serialized fields, whatever their offsets and timestamps.
     *
     * @param other the event to compare with; not null
     * @return true when the seven fields are equal (lists, maps and {@code byte[]} compared by content)
     */
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
