package io.hermesbus.tck.random;

import io.hermesbus.api.Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** How events, exceptions and durations are written in descriptions and failure messages. */
final class Texts {
    private Texts() {
    }

    /** One line naming an event's category, type, object and key, and its attribute names (not their values). */
    static String summary(Event event) {
        StringBuilder text = new StringBuilder();
        text.append('[').append(event.evcategory()).append("] ").append(event.eventtype());
        if (event.objtype() != null) {
            text.append(' ').append(event.objtype());
        }
        if (event.objpkey() != null) {
            text.append(" pkey=").append(value(event.objpkey()));
        }
        if (!event.objattrs().isEmpty()) {
            text.append(" attrs=").append(event.objattrs().keySet());
        }
        if (event.step() != 0) {
            text.append(" step=").append(event.step());
        }
        if (event.isPartiallyProcessed()) {
            text.append(" partially-processed");
        }
        return text.toString();
    }

    /** An event as a consumer yielded it: its summary, offset and timestamp. */
    static String yielded(Event event) {
        return summary(event) + " at offset " + event.offset();
    }

    /** Text values quoted, so that a String key and a number key read differently. */
    private static String value(Object value) {
        if (value instanceof String text) {
            return '"' + text + '"';
        }
        if (value instanceof List<?> list) {
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                text.append(i == 0 ? "" : ", ").append(value(list.get(i)));
            }
            return text.append(']').toString();
        }
        if (value instanceof Map<?, ?> map) {
            return "{" + map.size() + " entries}";
        }
        return String.valueOf(value);
    }

    /** An exception as "threw Type: message", the way the failing step reports what it observed. */
    static String threw(Throwable thrown) {
        return "threw " + thrown.getClass().getName() + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage());
    }

    /** A duration as people write it: "10 s", "250 ms". */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis != 0 && millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** "1 event", "3 events". */
    static String events(int count) {
        return count + (count == 1 ? " event" : " events");
    }
}
