package io.hermesbus.sqlite.process;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBuses;
import java.util.Map;

/**
 * A consumer process: {@code ConsumerMain <file> <count> <timeout ms>}. Opens (the file need not exist yet), reads
 * from the beginning, printing {@code got <offset> <category> <seq>} per event, until {@code count} events or a wait
 * of {@code timeout ms} without a new one; then prints {@code end <events read>}. Any error ends it with a stack
 * trace on standard error and a non-zero exit code.
 */
public final class ConsumerMain {
    private ConsumerMain() {
    }

    public static void main(String[] args) {
        String file = args[0];
        long count = Long.parseLong(args[1]);
        int timeoutMs = Integer.parseInt(args[2]);
        long read = 0;
        try (AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer("sqlite", Map.of("uri", file))) {
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
