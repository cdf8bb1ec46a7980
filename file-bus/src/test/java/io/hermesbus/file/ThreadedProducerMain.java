package io.hermesbus.file;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBuses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A producer process with several sending threads, for the batching tests across processes:
 * {@code ThreadedProducerMain <folder> <durability> <write_behind> <name> <threads> <count> <halt> [<start file>]}.
 *
 * <p>Thread {@code t} sends {@code count} events (count -1: until the process ends) of category {@code <name><t>},
 * numbered by their attribute {@code seq} from 0, and prints {@code ack <name><t> <seq>} after each send returned,
 * so that the test knows which sends were acknowledged. Prints {@code open} once open, {@code done} after closing.
 * With a start file, waits for it to exist before the first send.
 *
 * <p>{@code halt} is {@code -} or {@code K:M}: then the process halts ({@link Runtime#halt}, exit code
 * {@value #HALTED}: no shutdown hook, no close, nothing more written) at the {@code K}-th force of appended records
 * that covers at least {@code M} records, after the batch's write and before its force ({@link CrashSeam}), having
 * printed {@code halt <records>}.
 */
public final class ThreadedProducerMain {
    static final int HALTED = 99;

    private ThreadedProducerMain() {
    }

    public static void main(String[] args) throws Exception {
        String folder = args[0];
        String durability = args[1];
        String writeBehind = args[2];
        String name = args[3];
        int threads = Integer.parseInt(args[4]);
        long count = Long.parseLong(args[5]);
        String halt = args[6];
        if (!halt.equals("-")) {
            int nth = Integer.parseInt(halt.substring(0, halt.indexOf(':')));
            int atLeast = Integer.parseInt(halt.substring(halt.indexOf(':') + 1));
            AtomicInteger seen = new AtomicInteger();
            CrashSeam.beforeForce = records -> {
                if (records >= atLeast && seen.incrementAndGet() == nth) {
                    System.out.println("halt " + records);
                    System.out.flush();
                    Runtime.getRuntime().halt(HALTED);
                }
            };
        }
        try (AbstractMessageBusProducerPlugin producer = MessageBuses.producer("file",
                Map.of("path", folder, "durability", durability, "write_behind", writeBehind))) {
            producer.open();
            System.out.println("open");
            System.out.flush();
            if (args.length > 7) {
                Path start = Path.of(args[7]);
                while (!Files.exists(start)) {
                    Thread.sleep(1);
                }
            }
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String category = name + t;
                Thread sender = new Thread(() -> {
                    for (long seq = 0; count < 0 || seq < count; seq++) {
                        producer.send(event(category, seq));
                        System.out.println("ack " + category + " " + seq);
                    }
                }, "sender-" + category);
                sender.start();
                senders.add(sender);
            }
            for (Thread sender : senders) {
                sender.join();
            }
        }
        System.out.println("done");
        System.out.flush();
    }

    /** Event {@code seq} of {@code category}, as the sending threads make them. */
    public static Event event(String category, long seq) {
        return new Event(category, "added", "Users", seq, Map.of("seq", seq, "filler", "x".repeat(300)), 0, false);
    }
}
