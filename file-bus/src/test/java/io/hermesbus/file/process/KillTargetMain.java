package io.hermesbus.file.process;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBuses;
import io.hermesbus.api.Offset;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * A process that {@link KillCampaignTest} kills. Runs until killed; prints each line whole and flushed, so that a
 * line the parent reads stands for something that happened:
 * <ul>
 *   <li>{@code producer <folder> <durability> <segment bytes> <name> <threads> <seed>}: opens a producer (printing
 *       {@code open}) and sends from {@code threads} threads; thread {@code t} sends events of category
 *       {@code <name>.<t>} numbered by their attribute {@code seq} from 0, and prints {@code ack <name>.<t> <seq>}
 *       after each send returned: an acknowledged event. Now and then an event is large (100 KB), so that a
 *       kill often falls in the middle of a write.
 *   <li>{@code consumer <folder> <after>}: opens a consumer (printing {@code open}) that resumes after offset
 *       {@code after} ({@code -1}: from the beginning) and tails the log forever, printing
 *       {@code got <offset> <category> <seq>} for each event it yields.
 * </ul>
 * Every event's {@code filler} is {@link #filler} of its category and number, so that an altered event shows.
 */
public final class KillTargetMain {
    private static final long PAUSE_NANOS = 500_000;

    private KillTargetMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        if (args[0].equals("producer")) {
            produce(out, args[1], args[2], args[3], args[4], Integer.parseInt(args[5]), Long.parseLong(args[6]));
        } else {
            consume(out, args[1], Long.parseLong(args[2]));
        }
    }

    private static void produce(PrintStream out, String folder, String durability, String segmentBytes, String name,
                                int threads, long seed) throws InterruptedException {
        AbstractMessageBusProducerPlugin producer = MessageBuses.producer("file",
                Map.of("path", folder, "durability", durability, "segment_bytes", segmentBytes));
        producer.open();
        println(out, "open");
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String category = name + "." + t;
            Random random = new Random(seed + t);
            Thread sender = new Thread(() -> {
                for (long seq = 0; ; seq++) {
                    producer.send(event(category, seq, random.nextInt(100) == 0));
                    println(out, "ack " + category + " " + seq);
                    LockSupport.parkNanos(PAUSE_NANOS); // a pace the checks keep up with, not a flood
                }
            }, "sender-" + category);
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }
    }

    private static void consume(PrintStream out, String folder, long after) {
        AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer("file", Map.of("path", folder));
        consumer.open();
        if (after < 0) {
            consumer.seekToBeginning();
        } else {
            consumer.seekAfter(Offset.of(after));
        }
        consumer.setTimeout(null);
        println(out, "open");
        for (Event event : consumer) {
            println(out, "got " + event.offset() + " " + event.evcategory() + " " + event.objattrs().get("seq"));
        }
    }

    private static void println(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** Event {@code seq} of {@code category}: large or small, its filler made from both. */
    static Event event(String category, long seq, boolean large) {
        return new Event(category, "added", "Users", seq,
                Map.of("seq", seq, "filler", filler(category, seq, large ? 100_000 : 150)), 0, false);
    }

    /** The filler of event {@code seq} of {@code category}, {@code bytes} long. */
    static String filler(String category, long seq, int bytes) {
        String unit = category + ":" + seq + ";";
        return unit.repeat(bytes / unit.length() + 1).substring(0, bytes);
    }
}
