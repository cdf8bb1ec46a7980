package io.hermesbus.sqlite.process;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBuses;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A producer process: {@code ProducerMain <file> <category> <count> <reopen every>}. Sends {@code count} events with
 * {@code seq} 0, 1, ... and closes and reopens the producer every {@code reopen every} events, so that its retention
 * (a DELETE and a VACUUM, which locks the whole file) runs while consumers read. Prints {@code open} once open and
 * {@code done} at the end.
 */
public final class ProducerMain {
    private ProducerMain() {
    }

    public static void main(String[] args) {
        String file = args[0];
        String category = args[1];
        long count = Long.parseLong(args[2]);
        long reopenEvery = Long.parseLong(args[3]);
        try (AbstractMessageBusProducerPlugin producer = MessageBuses.producer("sqlite", Map.of("uri", file, "retention_in_days", 30))) {
            producer.open();
            System.out.println("open");
            System.out.flush();
            for (long seq = 0; seq < count; seq++) {
                if (seq > 0 && seq % reopenEvery == 0) {
                    producer.close();
                    producer.open();
                }
                producer.send(event(category, seq));
            }
        }
        System.out.println("done");
        System.out.flush();
    }

    static Event event(String category, long seq) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("seq", seq);
        attrs.put("login", "user_" + seq);
        return new Event(category, "added", "Users", seq, attrs, 0, false);
    }
}
