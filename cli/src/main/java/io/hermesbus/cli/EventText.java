package io.hermesbus.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hermesbus.api.Event;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.InvalidEventException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;

/**
 * Events and offsets as the commands read and print them. Input is Hermes event JSON ({@link Event#fromJson}), or a
 * line that {@code consume --format json} printed (its {@code event}), so that one bus can be copied to another.
 */
final class EventText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventText() {
    }

    /**
     * The event in {@code text}.
     *
     * @throws InvalidEventException saying what is wrong with it
     */
    static Event parse(String text) {
        String event = eventOfJsonLine(text);
        if (event != null) {
            return Event.fromJson(event);
        }
        JsonNode record = tree(text);
        if (record != null && record.isObject() && record.path("event").isObject()) {
            return Event.fromJson(record.get("event").toString());
        }
        return Event.fromJson(text); // also for text that is not JSON: Event says best what is wrong
    }

    /**
     * The event's JSON in a line that {@link #jsonLine} printed, {@code {"offset":…,"timestamp":"…","event":{…}}},
     * taken as it is (Jackson would refuse Hermes' {@code NaN} and lone surrogates in keys); null for other text.
     * The first {@code ,"event":{} is the member's: inside a JSON string every {@code "} is escaped.
     */
    private static String eventOfJsonLine(String text) {
        String line = text.strip();
        int at = line.indexOf(",\"event\":{");
        if (!line.startsWith("{\"offset\":") || !line.endsWith("}") || at < 0) {
            return null;
        }
        return line.substring(at + ",\"event\":".length(), line.length() - 1);
    }

    private static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * An offset as a user types it: Hermes' JSON form ({@code 42}, {@code 4.5}, {@code "abc"},
     * {@code "HermesBytes(AAE=)"}), or, for str and bytes offsets, the same without the quotes.
     *
     * @throws CliException (usage) naming the option, if it is no offset
     */
    static Offset offset(String option, String text) {
        try {
            return Offset.fromJson(text);
        } catch (HermesBusException notJson) {
            try {
                return Offset.fromJson(JSON.writeValueAsString(text));
            } catch (HermesBusException | JsonProcessingException e) {
                throw new CliException(ExitCodes.USAGE, option + " " + text + " is not an offset: give an int (42),"
                        + " a float (4.5), a str (abc) or bytes (HermesBytes(AAE=))", e);
            }
        }
    }

    /** An offset of {@code kind} as a user types it, for messages. */
    static String example(OffsetKind kind) {
        return switch (kind) {
            case INT -> "42";
            case FLOAT -> "4.5";
            case STR -> "abc";
            case BYTES -> "HermesBytes(AAE=)";
        };
    }

    /** {@code event} as one line of JSON: {@code {"offset":…,"timestamp":"…","event":{…Hermes JSON…}}}. */
    static String jsonLine(Event event) {
        return "{\"offset\":" + event.offset().toJson() + ",\"timestamp\":\"" + event.timestamp()
                + "\",\"event\":" + compact(event) + "}";
    }

    /** {@code event} as one tab-separated line: offset, timestamp, category, type, object type, object key. */
    static String line(Event event) {
        return String.join("\t", event.offset().toJson(), String.valueOf(event.timestamp()), event.evcategory(),
                event.eventtype(), event.objtype() == null ? "-" : event.objtype(), key(event.objpkey()));
    }

    /** The object key as Hermes writes it, on one line: {@code 42}, {@code "abc"}, {@code [7,"a"]}. */
    private static String key(Object objpkey) {
        String prefix = "{\"evcategory\": \"k\",\"eventtype\": \"k\",\"objtype\": null,\"objpkey\": ";
        String suffix = ",\"objattrs\": {},\"step\": 0,\"isPartiallyProcessed\": false}";
        try {
            String alone = compact(new Event("k", "k", null, objpkey, null, 0, false));
            return alone.substring(prefix.length(), alone.length() - suffix.length());
        } catch (InvalidEventException e) {
            return String.valueOf(objpkey); // a key read from a bus that Java would not send: shown as Java has it
        }
    }

    /** Hermes' JSON of the event on one line: Hermes indents with newlines, which never occur inside its strings. */
    private static String compact(Event event) {
        return event.toJson().replaceAll("\\n\\s*", "");
    }
}
