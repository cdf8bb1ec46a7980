package io.hermesbus.testing;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBuses;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A consumer process, for any bus on the class path: {@code ConsumerMain <bus> <count> <timeout ms> [key=value]...},
 * the bus's settings as {@code key=value} pairs. Opens (printing {@code open}), reads from the beginning, printing
 * {@code got <offset> <category> <seq>} per event ({@code seq} being the event's attribute of that name), until
 * {@code count} events or a wait of {@code timeout ms} without a new one; then prints {@code end <events read>}. Any
 * error ends it with a stack trace on standard error and a non-zero exit code.
 */
public final class ConsumerMain {
    private ConsumerMain() {
    }

    public static void main(String[] args) {
        String bus = args[0];
        long count = Long.parseLong(args[1]);
        int timeoutMs = Integer.parseInt(args[2]);
        Map<String, Object> settings = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            settings.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        long read = 0;
        try (AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer(bus, settings)) {
            consumer.open();
            consumer.seekToBeginning();
            consumer.setTimeout(timeoutMs);
            System.out.println("open");
            System.out.flush();
            for (Event event : consumer) {
                System.out.println("got " + event.offset() + " " + event.evcategory() + " " + event.objattrs().get("seq"));
                if (++read == count) {
                    break;
                }
            }
        }
        System.out.println("end " + read);
        System.out.flush();
    }
}
