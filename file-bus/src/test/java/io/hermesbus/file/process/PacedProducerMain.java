package io.hermesbus.file.process;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.MessageBuses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A producer process sending at a steady pace: {@code PacedProducerMain <folder> <durability> <count> <pause ms>
 * <start file>}. Opens (printing {@code open}), waits for the start file to exist, then sends {@code count} events
 * (category {@code paced}, {@code seq} 0, 1, ...), {@code pause ms} apart, printing {@code sent <seq> <nanoTime>}
 * right after each send returned ({@code System.nanoTime()}, which on Linux is the same clock in every process), and
 * {@code done} at the end.
 */
public final class PacedProducerMain {
    private PacedProducerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String folder = args[0];
        String durability = args[1];
        int count = Integer.parseInt(args[2]);
        long pauseMs = Long.parseLong(args[3]);
        Path start = Path.of(args[4]);
        try (AbstractMessageBusProducerPlugin producer = MessageBuses.producer("file", Map.of("path", folder, "durability", durability))) {
            producer.open();
            System.out.println("open");
            System.out.flush();
            while (!Files.exists(start)) {
                Thread.sleep(1);
            }
            for (int seq = 0; seq < count; seq++) {
                producer.send(ProducerMain.event("paced", seq, ""));
                long sent = System.nanoTime();
                System.out.println("sent " + seq + " " + sent);
                System.out.flush();
                Thread.sleep(pauseMs);
            }
        }
        System.out.println("done");
        System.out.flush();
    }
}
