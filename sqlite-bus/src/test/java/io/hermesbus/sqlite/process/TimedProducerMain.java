package io.hermesbus.sqlite.process;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.MessageBuses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A producer process sending as fast as it can, a commit per event as Hermes' producer: {@code TimedProducerMain
 * <file> <count> <start file>}. Opens (printing {@code open}), waits for the start file to exist, then sends
 * {@code count} events ({@code seq} 0, 1, ...), printing {@code sent <seq> <nanoTime>} right after each send returned
 * ({@code System.nanoTime()}: one clock for all processes on Linux), and {@code done} at the end.
 */
public final class TimedProducerMain {
    private TimedProducerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String file = args[0];
        int count = Integer.parseInt(args[1]);
        Path start = Path.of(args[2]);
        try (AbstractMessageBusProducerPlugin producer = MessageBuses.producer("sqlite", Map.of("uri", file, "retention_in_days", 30))) {
            producer.open();
            System.out.println("open");
            System.out.flush();
            while (!Files.exists(start)) {
                Thread.sleep(1);
            }
            for (int seq = 0; seq < count; seq++) {
                producer.send(ProducerMain.event("timed", seq));
                long sent = System.nanoTime();
                System.out.println("sent " + seq + " " + sent);
            }
        }
        System.out.println("done");
        System.out.flush();
    }
}
