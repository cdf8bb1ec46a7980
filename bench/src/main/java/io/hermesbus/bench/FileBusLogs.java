package io.hermesbus.bench;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBuses;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The file bus, reached only through {@link MessageBuses} by its name {@code "file"} and the settings of its
 * design ({@code path}, {@code durability}; everything else at its default), so the benchmarks depend on its
 * plugin contract and nothing inside it.
 */
final class FileBusLogs {
    static final String BUS = "file";

    private FileBusLogs() {
    }

    /** The settings of a file bus in {@code folder} with durability {@code sync}, {@code group} or {@code os}. */
    static Map<String, Object> settings(Path folder, String durability) {
        return Map.of("path", folder.toString(), "durability", durability);
    }

    static AbstractMessageBusProducerPlugin openProducer(Path folder, String durability) {
        AbstractMessageBusProducerPlugin producer = MessageBuses.producer(BUS, settings(folder, durability));
        producer.open();
        return producer;
    }

    /** An open producer with {@code write_behind = true} ({@code group} or {@code os}). */
    static AbstractMessageBusProducerPlugin openWriteBehindProducer(Path folder, String durability) {
        AbstractMessageBusProducerPlugin producer = MessageBuses.producer(BUS,
                Map.of("path", folder.toString(), "durability", durability, "write_behind", "true"));
        producer.open();
        return producer;
    }

    /** An open consumer of the bus in {@code folder} that does not wait at the end (timeout 0). */
    static AbstractMessageBusConsumerPlugin openConsumer(Path folder) {
        AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer(BUS, settings(folder, "os"));
        consumer.open();
        consumer.setTimeout(0);
        return consumer;
    }

    /**
     * Writes events {@code 0 .. count-1} of {@code events} to the bus in {@code folder} with durability {@code os}
     * (the log is setup, not what is measured; it is read back from the page cache anyway), and says how big the
     * log is on standard output (JMH shows it).
     */
    static void write(Path folder, long count, LongFunction<Event> events) {
        long start = System.nanoTime();
        try (AbstractMessageBusProducerPlugin producer = openProducer(folder, "os")) {
            for (long i = 0; i < count; i++) {
                producer.send(events.apply(i));
            }
        }
        System.out.printf("%n[setup] file bus: wrote %,d events, %s, in %.1f s, to %s%n", count,
                BenchFiles.human(BenchFiles.size(folder)), (System.nanoTime() - start) / 1e9, folder);
    }
}
