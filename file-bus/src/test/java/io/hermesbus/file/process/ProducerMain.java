package io.hermesbus.file.process;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBuses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A producer process: {@code ProducerMain <folder> <durability> <category> <first seq> <count> <attribute bytes>
 * [<start file>]}. Sends {@code count} events numbered from {@code first seq} and prints {@code sent <seq>} after
 * each send returned.
 * With a start file, it opens, then waits for that file to exist before the first send, so that several producer
 * processes can start sending at the same moment.
 */
public final class ProducerMain {
    private ProducerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String folder = args[0];
        String durability = args[1];
        String category = args[2];
        long first = Long.parseLong(args[3]);
        long count = Long.parseLong(args[4]);
        int attributeBytes = Integer.parseInt(args[5]);
        String filler = "x".repeat(attributeBytes);
        try (AbstractMessageBusProducerPlugin producer = MessageBuses.producer("file", Map.of("path", folder, "durability", durability))) {
            producer.open();
            System.out.println("open");
            System.out.flush();
            if (args.length > 6) {
                Path start = Path.of(args[6]);
                while (!Files.exists(start)) {
                    Thread.sleep(1);
                }
            }
            for (long seq = first; seq < first + count; seq++) {
                producer.send(event(category, seq, filler));
                System.out.println("sent " + seq);
                System.out.flush();
            }
        }
        System.out.println("done");
        System.out.flush();
    }

    static Event event(String category, long seq, String filler) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("seq", seq);
        attrs.put("filler", filler);
        return new Event(category, "added", "Users", seq, attrs, 0, false);
    }
}
