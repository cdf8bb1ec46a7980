package io.hermesbus.python;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the bridge costs, on the sqlitelog pair (src/test/python), printed as one JSON line: events/s sent and read
 * through the bridge (compare {@code bench_direct.py}, the same plugins in Python alone), and the time from a new
 * consumer's {@code open()} to its return (a Python process started, or taken from the spares, and the plugin loaded),
 * for fresh consumers opened one after the other. Not a test (run by hand, from the module's folder):
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) io.hermesbus.python.BridgeBenchmark [events] [folder]
 * </pre>
 */
public final class BridgeBenchmark {
    private BridgeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path folder = Files.createTempDirectory(args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir")), "bridge-bench-");
        Map<String, Object> settings = new LinkedHashMap<>(TestPlugins.settings("sqlitelog",
                "{\"uri\": \"" + folder.resolve("bus.sqlite") + "\"}"));
        settings.put("keep_alive_ms", 0);
        Event event = new Event("base", "added", "Users", 1, Map.of("login", "user_1", "first_name", "Ren\u00e9e",
                "groups", List.of("staff", "admins"), "mail", "user_1@example.org"), 0, false);

        long start = System.nanoTime();
        try (AbstractMessageBusProducerPlugin producer = new PythonBusProducer(settings)) {
            producer.open();
            for (int i = 0; i < events; i++) {
                producer.send(event);
            }
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;

        int read = 0;
        start = System.nanoTime();
        try (AbstractMessageBusConsumerPlugin consumer = new PythonBusConsumer(settings)) {
            consumer.setTimeout(0);
            consumer.open();
            consumer.seekToBeginning();
            for (Event ignored : consumer) {
                read++;
            }
        }
        double readSeconds = (System.nanoTime() - start) / 1e9;

        int opens = 20;
        long[] openMs = new long[opens];
        for (int i = 0; i < opens; i++) {
            try (AbstractMessageBusConsumerPlugin consumer = new PythonBusConsumer(settings)) {
                long t = System.nanoTime();
                consumer.open();
                openMs[i] = (System.nanoTime() - t) / 1_000_000;
            }
        }
        java.util.Arrays.sort(openMs);
        System.out.printf("{\"events\": %d, \"read\": %d, \"send_events_per_s\": %.1f, \"read_events_per_s\": %.1f,"
                        + " \"open_ms_median\": %d, \"open_ms_max\": %d}%n", events, read, events / sendSeconds,
                read / readSeconds, openMs[opens / 2], openMs[opens - 1]);
        io.hermesbus.tck.FreshFolders.delete(folder);
        System.exit(0);
    }
}
