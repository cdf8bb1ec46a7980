package io.hermesbus.bench;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.MessageBuses;
import io.hermesbus.kafka.KafkaBroker;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Tail latency across processes, and the idle consumer's CPU, for every bus side by side in one run. Not JMH (which
 * cannot measure across processes): run it as a main class,
 * {@code java -cp bench/target/benchmarks.jar io.hermesbus.bench.TailLatencyBenchmark [options]}.
 *
 * <p>Per scenario, a consumer process ({@link TailChild}) opens on a fresh bus and waits; then a producer process
 * sends the events at a steady rate. Each records {@code System.nanoTime()} (CLOCK_MONOTONIC on Linux: one clock for
 * all processes) per event, the producer right after {@code send} returned, the consumer right after {@code next()}
 * returned; joined by the events' order afterwards (one producer, one partition: the consumer's i-th event is the
 * i-th sent, which the consumer checks). The first {@code warm-up} events are left out of the figures. The loaded
 * variants run the same with a third process spinning one thread per core.
 *
 * <p>Idle CPU: a consumer process per bus opened at the end of an empty bus, waiting with a ten-minute timeout;
 * its user + system CPU time from {@code /proc/<pid>/stat} over {@code --idle-seconds}, as a share of one core.
 *
 * <p>Options: {@code --events N} (measured events per scenario, default 10,000), {@code --warmup N} (default: two
 * seconds' worth at the scenario's rate, at most 2,000, at least 200), {@code --idle-seconds S} (default 20, 0 to
 * skip), {@code --only a,b} (scenarios whose name starts with one of these), {@code --no-idle}, {@code --keep DIR}
 * (copies each scenario's times files there, big-endian longs, for a closer look).
 */
public final class TailLatencyBenchmark {
    private static final long CHILD_LIMIT_SECONDS = 600;

    /** One row of the table: a bus, its consumer, a rate and whether the machine is loaded. */
    record Scenario(String name, String bus, String consumerKind, double rate, boolean loaded,
                    Map<String, String> producerSettings, Map<String, String> consumerSettings, String idleGroup) {
    }

    record Result(Scenario scenario, int measured, double achievedRate, long[] latencies, String loadBefore, String loadAfter,
                  String error, List<String> notes) {
    }

    private final Path root;
    private final int events;
    private final Integer warmupOption;
    private final long clockTicks;
    private KafkaBroker broker;
    /** Where to copy each scenario's times files, if anywhere. */
    private Path keep;
    private int serial;

    private TailLatencyBenchmark(Path root, int events, Integer warmupOption) throws IOException, InterruptedException {
        this.root = root;
        this.events = events;
        this.warmupOption = warmupOption;
        this.clockTicks = clockTicks();
    }

    public static void main(String[] args) throws Exception {
        int events = 10_000;
        Integer warmup = null;
        int idleSeconds = 20;
        List<String> only = List.of();
        Path keep = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--idle-seconds" -> idleSeconds = Integer.parseInt(args[++i]);
                case "--no-idle" -> idleSeconds = 0;
                case "--only" -> only = List.of(args[++i].split(","));
                case "--keep" -> keep = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --events N, --warmup N, --idle-seconds S, --no-idle, --only a,b");
            }
        }
        Path root = BenchFiles.newFolder("tail");
        TailLatencyBenchmark bench = new TailLatencyBenchmark(root, events, warmup);
        bench.keep = keep;
        try {
            bench.run(only, idleSeconds);
        } finally {
            if (bench.broker != null) {
                bench.broker.close();
            }
            BenchFiles.delete(root);
        }
    }

    /** The scenarios, in the order of the table. */
    static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        for (boolean loaded : new boolean[] {false, true}) {
            String suffix = loaded ? "+load" : "";
            all.add(new Scenario("file-group@1000" + suffix, "file", "file", 1000, loaded,
                    Map.of("durability", "group"), Map.of(), "file"));
            all.add(new Scenario("file-sync@1000" + suffix, "file", "file", 1000, loaded,
                    Map.of("durability", "sync"), Map.of(), "file"));
            all.add(new Scenario("file-poll@1000" + suffix, "file", "file", 1000, loaded,
                    Map.of("durability", "group"), Map.of("watch", "false"), "file-poll"));
            all.add(new Scenario("kafka@1000" + suffix, "kafka", "kafka", 1000, loaded, Map.of(), Map.of(), "kafka"));
            all.add(new Scenario("sqlite-bus@200" + suffix, "sqlite", "sqlite", 200, loaded, Map.of(), Map.of(), "sqlite-bus"));
            all.add(new Scenario("hermes-sqlite@200" + suffix, "sqlite", "hermes-sqlite", 200, loaded, Map.of(), Map.of(), "hermes-sqlite"));
        }
        // the SQLite producer at its limit (a commit per event, as fast as the disk allows): the worst case
        all.add(new Scenario("sqlite-bus@max", "sqlite", "sqlite", 0, false, Map.of(), Map.of(), "sqlite-bus"));
        all.add(new Scenario("sqlite-bus@100", "sqlite", "sqlite", 100, false, Map.of(), Map.of(), "sqlite-bus"));
        all.add(new Scenario("sqlite-bus@300", "sqlite", "sqlite", 300, false, Map.of(), Map.of(), "sqlite-bus"));
        all.add(new Scenario("sqlite-bus@500", "sqlite", "sqlite", 500, false, Map.of(), Map.of(), "sqlite-bus"));
        return all;
    }

    /** One idle consumer per kind of waiting. */
    private List<Scenario> idleScenarios() {
        return List.of(
                new Scenario("file", "file", "file", 0, false, Map.of(), Map.of(), "file"),
                new Scenario("file-poll", "file", "file", 0, false, Map.of(), Map.of("watch", "false"), "file-poll"),
                new Scenario("kafka", "kafka", "kafka", 0, false, Map.of(), Map.of(), "kafka"),
                new Scenario("sqlite-bus", "sqlite", "sqlite", 0, false, Map.of(), Map.of(), "sqlite-bus"),
                new Scenario("hermes-sqlite", "sqlite", "hermes-sqlite", 0, false, Map.of(), Map.of(), "hermes-sqlite"));
    }

    private void run(List<String> only, int idleSeconds) throws Exception {
        System.out.printf("tail latency: %,d measured events per scenario; %d cores; java %s; folder %s%n", events,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), root);
        List<Result> results = new ArrayList<>();
        for (Scenario scenario : scenarios()) {
            if (!only.isEmpty() && only.stream().noneMatch(scenario.name()::startsWith)) {
                continue;
            }
            Result result = runScenario(scenario);
            results.add(result);
            System.out.println(row(result, Map.of()));
        }
        Map<String, Double> idle = new LinkedHashMap<>();
        if (idleSeconds > 0) {
            idle = measureIdle(only, idleSeconds);
        }
        System.out.println();
        System.out.println("Tail latency across processes: from send() returning in the producer process to next() returning"
                + " in the consumer process (ms); idle consumer CPU as % of one core over " + idleSeconds + " s");
        System.out.println();
        System.out.println("| scenario | rate (events/s) | events | p50 | p99 | p99.9 | max | load avg before → after | idle consumer CPU |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---|---:|");
        for (Result result : results) {
            System.out.println(row(result, idle));
        }
        for (Map.Entry<String, Double> each : idle.entrySet()) {
            if (results.stream().noneMatch(r -> r.scenario().idleGroup().equals(each.getKey()))) {
                System.out.printf(Locale.ROOT, "| %s (idle only) | | | | | | | | %.2f %% |%n", each.getKey(), each.getValue());
            }
        }
        for (Result result : results) {
            for (String note : result.notes()) {
                System.out.println("- " + result.scenario().name() + ": " + note);
            }
        }
    }

    private static String row(Result result, Map<String, Double> idle) {
        Scenario scenario = result.scenario();
        Double cpu = idle.get(scenario.idleGroup());
        String idleCell = cpu == null || scenario.loaded() ? "" : String.format(Locale.ROOT, "%.2f %%", cpu);
        if (result.error() != null) {
            return String.format("| %s | | | failed: %s | | | | | %s |", scenario.name(), result.error(), idleCell);
        }
        long[] sorted = result.latencies();
        return String.format(Locale.ROOT, "| %s | %s | %,d | %s | %s | %s | %s | %s → %s | %s |", scenario.name(),
                scenario.rate() == 0 ? String.format("max (%,.0f)", result.achievedRate())
                        : result.achievedRate() < 0.97 * scenario.rate()
                        ? String.format("%,.0f (kept %,.0f)", scenario.rate(), result.achievedRate())
                        : String.format("%,.0f", scenario.rate()),
                result.measured(), ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.99)), ms(percentile(sorted, 0.999)),
                ms(sorted[sorted.length - 1]), result.loadBefore(), result.loadAfter(), idleCell);
    }

    private static String ms(long nanos) {
        double ms = nanos / 1e6;
        return Math.abs(ms) < 10 ? String.format(Locale.ROOT, "%.3f", ms) : String.format(Locale.ROOT, "%,.1f", ms);
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private int warmup(Scenario scenario) {
        if (warmupOption != null) {
            return warmupOption;
        }
        double rate = scenario.rate() > 0 ? scenario.rate() : 500;
        return (int) Math.max(200, Math.min(2_000, 2 * rate));
    }

    private Result runScenario(Scenario scenario) throws Exception {
        int warmup = warmup(scenario);
        int total = warmup + events;
        Path dir = Files.createDirectories(root.resolve(String.format("%02d-%s", serial++, scenario.name().replace('@', '-').replace('+', '-'))));
        Map<String, String> busSettings = prepareBus(scenario, dir);
        Map<String, String> producerSettings = new LinkedHashMap<>(busSettings);
        producerSettings.putAll(scenario.producerSettings());
        Map<String, String> consumerSettings = new LinkedHashMap<>(busSettings);
        consumerSettings.putAll(scenario.consumerSettings());
        if (scenario.consumerKind().equals("hermes-sqlite")) {
            consumerSettings.keySet().retainAll(List.of("uri"));
        }
        Path sent = dir.resolve("sent.times");
        Path received = dir.resolve("received.times");
        Child hog = null;
        Child consumer = null;
        Child producer = null;
        String loadBefore = loadAverage();
        try {
            if (scenario.loaded()) {
                hog = Child.start(dir.resolve("hog.err"), "hog", String.valueOf(Runtime.getRuntime().availableProcessors()));
                hog.await("spinning");
            }
            consumer = Child.start(dir.resolve("consumer.err"), args("consumer", scenario.consumerKind(), String.valueOf(total), received.toString(), consumerSettings));
            consumer.await("ready");
            producer = Child.start(dir.resolve("producer.err"), args("producer", scenario.bus(), String.valueOf(total),
                    String.valueOf(scenario.rate()), sent.toString(), producerSettings));
            producer.await("done");
            consumer.await("done");
            producer.exit();
            consumer.exit();
        } catch (IOException | RuntimeException e) {
            return new Result(scenario, 0, 0, null, loadBefore, loadAverage(), e.getMessage(), List.of());
        } finally {
            for (Child child : new Child[] {producer, consumer, hog}) {
                if (child != null) {
                    child.kill();
                }
            }
        }
        String loadAfter = loadAverage();
        long[] sends = readTimes(sent, total);
        long[] receipts = readTimes(received, total);
        long[] latencies = new long[events];
        for (int i = 0; i < events; i++) {
            latencies[i] = receipts[warmup + i] - sends[warmup + i];
        }
        if (keep != null) {
            Files.createDirectories(keep);
            Files.copy(sent, keep.resolve(dir.getFileName() + ".sent"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(received, keep.resolve(dir.getFileName() + ".received"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Arrays.sort(latencies);
        double achieved = (events - 1) * 1e9 / (sends[total - 1] - sends[warmup]);
        BenchFiles.delete(dir);
        return new Result(scenario, events, achieved, latencies, loadBefore, loadAfter, null, consumer.notes);
    }

    /** Makes the bus empty and ready for a consumer to open on it; returns the settings both plugins share. */
    private Map<String, String> prepareBus(Scenario scenario, Path dir) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        switch (scenario.bus()) {
            case "file" -> settings.put("path", Files.createDirectories(dir.resolve("bus")).toString());
            case "sqlite" -> {
                settings.put("uri", dir.resolve("bus.sqlite").toString());
                settings.put("retention_in_days", "30");
                // the table exists before any consumer opens (Hermes' consumer fails on a file without it)
                try (AbstractMessageBusProducerPlugin producer = MessageBuses.producer("sqlite", Map.copyOf(settings))) {
                    producer.open();
                }
            }
            case "kafka" -> {
                if (broker == null) {
                    broker = KafkaBroker.start();
                }
                settings.put("servers", broker.bootstrapServers());
                settings.put("topic", broker.createTopic("tail", 1));
                settings.put("group_id", "tail");
            }
            default -> throw new IllegalArgumentException(scenario.bus());
        }
        return settings;
    }

    private Map<String, Double> measureIdle(List<String> only, int seconds) throws Exception {
        Map<String, Double> cpu = new LinkedHashMap<>();
        List<Child> children = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (Scenario scenario : idleScenarios()) {
                if (!only.isEmpty() && scenarios().stream().noneMatch(s -> s.idleGroup().equals(scenario.name())
                        && only.stream().anyMatch(s.name()::startsWith))) {
                    continue; // no scenario of this consumer was chosen
                }
                Path dir = Files.createDirectories(root.resolve("idle-" + scenario.name()));
                Map<String, String> settings = prepareBus(scenario, dir);
                settings.putAll(scenario.consumerSettings());
                if (scenario.consumerKind().equals("hermes-sqlite")) {
                    settings.keySet().retainAll(List.of("uri"));
                }
                Child child = Child.start(dir.resolve("idle.err"), args("idle", scenario.consumerKind(), settings));
                child.await("waiting");
                children.add(child);
                names.add(scenario.name());
            }
            // one idle JVM without any bus: what any Java consumer costs (JIT, GC, the VM's periodic tasks)
            Path dir = Files.createDirectories(root.resolve("idle-jvm"));
            Child jvm = Child.start(dir.resolve("idle.err"), "hog", "0");
            jvm.await("spinning");
            children.add(jvm);
            names.add("jvm-only");
            Thread.sleep(3_000); // let start-up work (JIT compilation, class loading) settle
            long[] before = new long[children.size()];
            for (int i = 0; i < children.size(); i++) {
                before[i] = cpuTicks(children.get(i).pid());
            }
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double elapsed = (System.nanoTime() - start) / 1e9;
            for (int i = 0; i < children.size(); i++) {
                long used = cpuTicks(children.get(i).pid()) - before[i];
                cpu.put(names.get(i), 100.0 * used / clockTicks / elapsed);
                System.out.printf(Locale.ROOT, "idle %s: %d ticks of 1/%d s in %.1f s: %.2f %% of a core%n", names.get(i), used,
                        clockTicks, elapsed, cpu.get(names.get(i)));
            }
        } finally {
            for (Child child : children) {
                child.kill();
            }
        }
        return cpu;
    }

    private static String[] args(String role, String kind, Map<String, String> settings) {
        List<String> all = new ArrayList<>(List.of(role, kind));
        settings.forEach((k, v) -> all.add(k + "=" + v));
        return all.toArray(String[]::new);
    }

    private static String[] args(String role, String kind, String count, String file, Map<String, String> settings) {
        List<String> all = new ArrayList<>(List.of(role, kind, count, file));
        settings.forEach((k, v) -> all.add(k + "=" + v));
        return all.toArray(String[]::new);
    }

    private static String[] args(String role, String bus, String count, String rate, String file, Map<String, String> settings) {
        List<String> all = new ArrayList<>(List.of(role, bus, count, rate, file));
        settings.forEach((k, v) -> all.add(k + "=" + v));
        return all.toArray(String[]::new);
    }

    private static long[] readTimes(Path file, int count) throws IOException {
        long[] times = new long[count];
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            for (int i = 0; i < count; i++) {
                times[i] = in.readLong();
            }
        }
        return times;
    }

    /** User + system time of a process, in clock ticks: {@code /proc/<pid>/stat} fields 14 and 15. */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state): utime is field 14, stime field 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long clockTicks() throws IOException, InterruptedException {
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
        String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        getconf.waitFor();
        return out.matches("\\d+") ? Long.parseLong(out) : 100;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** A child JVM running {@link TailChild}, with its output read line by line. */
    private static final class Child {
        private final Process process;
        private final Path stderr;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        /** The {@code note ...} lines the child printed. */
        final List<String> notes = new ArrayList<>();

        private Child(Process process, Path stderr) {
            this.process = process;
            this.stderr = stderr;
            Thread pump = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("!" + e);
                }
                lines.add("!exit");
            }, "tail-child-" + process.pid());
            pump.setDaemon(true);
            pump.start();
        }

        static Child start(Path stderr, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms512m", "-Xmx512m", "-cp", System.getProperty("java.class.path"), TailChild.class.getName()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            return new Child(process, stderr);
        }

        long pid() {
            return process.pid();
        }

        void await(String wanted) throws IOException, InterruptedException {
            while (true) {
                String line = lines.poll(CHILD_LIMIT_SECONDS, TimeUnit.SECONDS);
                if (line == null || line.startsWith("!")) {
                    throw new IOException("child " + process.pid() + " printed no '" + wanted + "' (" + line + "); stderr: "
                            + Files.readString(stderr).lines().limit(8).toList());
                }
                if (line.startsWith("note ")) {
                    notes.add(line.substring(5));
                }
                if (line.equals(wanted)) {
                    return;
                }
            }
        }

        void exit() throws IOException, InterruptedException {
            if (!process.waitFor(CHILD_LIMIT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("child " + process.pid() + " did not exit cleanly; stderr: "
                        + Files.readString(stderr).lines().limit(8).toList());
            }
        }

        void kill() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
