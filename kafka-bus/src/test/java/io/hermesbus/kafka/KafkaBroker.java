package io.hermesbus.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Apache Kafka broker (KRaft, {@code process.roles=broker,controller}) in a child JVM on loopback,
 * for tests and benchmarks: nothing installed by hand, the broker comes from the {@code kafka_2.13} artifact on
 * this JVM's class path.
 *
 * <p>{@link #start()} picks two free loopback ports, writes {@code server.properties} into a temporary folder,
 * formats the storage ({@code kafka.tools.StorageTool format}), runs {@code kafka.Kafka} (through
 * {@link KafkaBrokerMain}) and waits until an admin client can describe the cluster. {@link #stop()} stops it
 * cleanly, {@link #kill()} with SIGKILL, {@link #freeze()} suspends it (SIGSTOP) until {@link #thaw()};
 * {@link #restart()} starts it again on the same ports and log folder.
 * Every wait is bounded, so a broker that does not come up fails the caller instead of hanging it. The child is
 * killed at this JVM's exit (a shutdown hook) and also exits by itself when this JVM dies (its standard input
 * ends).
 *
 * <p>{@link #shared()} is one broker per JVM, started on first use; tests take a fresh topic each from it.
 *
 * <p>{@link #start(List, Map)} adds listeners (TLS, SASL) beside the PLAINTEXT one, each on its own free loopback
 * port, and server properties (their keystores, JAAS configurations); the PLAINTEXT listener stays the inter-broker
 * one and the one {@link #admin()} uses.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);
    private static final Duration ADMIN_LIMIT = Duration.ofSeconds(30);
    private static KafkaBroker shared;

    private final Path folder;
    private final int brokerPort;
    private final int controllerPort;
    private final Map<String, Integer> extraPorts;
    private final Map<String, String> extraProtocols;
    private final Map<String, String> extraProperties;
    private Process process;
    private Admin admin;

    /**
     * A listener beside PLAINTEXT and CONTROLLER.
     *
     * @param name the listener's name, upper case ({@code SSL}); its server properties are
     *     {@code listener.name.<name in lower case>.*}
     * @param securityProtocol {@code SSL}, {@code SASL_PLAINTEXT} or {@code SASL_SSL}
     */
    public record Listener(String name, String securityProtocol) {
    }

    private KafkaBroker(Path folder, int brokerPort, int controllerPort, Map<String, Integer> extraPorts,
            Map<String, String> extraProtocols, Map<String, String> extraProperties) {
        this.folder = folder;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.extraPorts = extraPorts;
        this.extraProtocols = extraProtocols;
        this.extraProperties = extraProperties;
    }

    /** The broker shared by every test of this JVM, started on first use and stopped at the JVM's exit. */
    public static synchronized KafkaBroker shared() {
        if (shared == null || !shared.isRunning()) {
            if (shared != null) {
                shared.close();
            }
            shared = start();
        }
        return shared;
    }

    /** A new broker in a new temporary folder, running and ready; the caller closes it. */
    public static KafkaBroker start() {
        return start(List.of(), Map.of());
    }

    /**
     * A new broker with {@code listeners} beside the PLAINTEXT one and {@code properties} added to its
     * {@code server.properties}, running and ready; the caller closes it.
     */
    public static KafkaBroker start(List<Listener> listeners, Map<String, String> properties) {
        try {
            Path folder = Files.createTempDirectory("hermes-bus-kafka-");
            int[] ports = freeLoopbackPorts(2 + listeners.size());
            Map<String, Integer> extraPorts = new LinkedHashMap<>();
            Map<String, String> extraProtocols = new LinkedHashMap<>();
            for (int i = 0; i < listeners.size(); i++) {
                Listener listener = listeners.get(i);
                if (extraPorts.put(listener.name(), ports[2 + i]) != null
                        || List.of("PLAINTEXT", "CONTROLLER").contains(listener.name())) {
                    throw new IllegalArgumentException("listener " + listener.name()
                            + " is given twice or is one of the launcher's own (PLAINTEXT, CONTROLLER)");
                }
                extraProtocols.put(listener.name(), listener.securityProtocol());
            }
            KafkaBroker broker = new KafkaBroker(folder, ports[0], ports[1], Map.copyOf(extraPorts),
                    Map.copyOf(extraProtocols), new LinkedHashMap<>(properties));
            try {
                broker.writeConfiguration();
                broker.format();
                Runtime.getRuntime().addShutdownHook(new Thread(broker::killAtExit, "kafka-broker-killer"));
                broker.launch();
            } catch (IOException | RuntimeException e) {
                broker.close();
                throw e;
            }
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare a Kafka broker: " + e.getMessage(), e);
        }
    }

    /** {@code 127.0.0.1:<port>}: the value of {@code bootstrap.servers} (and of the plugins' {@code servers}). */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** {@code 127.0.0.1:<port>} of the listener {@code name} given to {@link #start(List, Map)}. */
    public String bootstrapServers(String name) {
        Integer port = extraPorts.get(name);
        if (port == null) {
            throw new IllegalArgumentException("no listener " + name + "; the listeners are " + extraPorts.keySet());
        }
        return "127.0.0.1:" + port;
    }

    /** The folder holding the configuration, the logs ({@code data/}) and the broker's output ({@code broker.out}). */
    public Path folder() {
        return folder;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** An admin client on this broker, kept open until {@link #close()}; valid across restarts. */
    public synchronized Admin admin() {
        if (admin == null) {
            Properties properties = new Properties();
            properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_LIMIT.toMillis());
            properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
            admin = Admin.create(properties);
        }
        return admin;
    }

    /** Creates a topic named {@code prefix} plus a random suffix, with {@code partitions} partitions; returns its name. */
    public String createTopic(String prefix, int partitions) {
        String name = prefix + "-" + UUID.randomUUID();
        await("creating topic " + name, admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all());
        awaitVisible(name);
        return name;
    }

    /**
     * Waits until the broker's metadata shows {@code topic}: the controller has created it when createTopics
     * returns, but the broker learns of it a moment later, and a client asking in between is told it does not exist.
     */
    private void awaitVisible(String topic) {
        long deadline = System.nanoTime() + ADMIN_LIMIT.toNanos();
        while (true) {
            try {
                admin().describeTopics(List.of(topic)).allTopicNames().get(ADMIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + topic + " was created but is not visible: " + e.getCause(), e);
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("describing topic " + topic + " took over " + ADMIN_LIMIT, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
            }
        }
    }

    /** Deletes {@code topic}; an already deleted topic is not an error. */
    public void deleteTopic(String topic) {
        try {
            await("deleting topic " + topic, admin().deleteTopics(Set.of(topic)).all());
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
    }

    /** Deletes the records of partition {@code partition} of {@code topic} below {@code offset} (Kafka's retention). */
    public void deleteRecordsBefore(String topic, int partition, long offset) {
        await("deleting records of " + topic + " before offset " + offset, admin().deleteRecords(
                Map.of(new TopicPartition(topic, partition), RecordsToDelete.beforeOffset(offset))).all());
    }

    /** Stops the broker cleanly (SIGTERM, Kafka's controlled shutdown), or kills it if that takes too long. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        process = null;
    }

    /** Kills the broker with SIGKILL, as a crash would, and waits until it is gone. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Kafka broker " + process.pid() + " survived SIGKILL for " + STOP_LIMIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /**
     * Suspends the broker's process (SIGSTOP), as a long pause would (a stalled machine, a garbage collection): its
     * connections stay open and it reads nothing until {@link #thaw()}; new connections are still accepted by the
     * operating system.
     */
    public synchronized void freeze() {
        signal("STOP");
    }

    /** Resumes the process that {@link #freeze()} suspended (SIGCONT); it then handles what arrived meanwhile. */
    public synchronized void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        if (process == null) {
            throw new IllegalStateException("the broker is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start();
            if (!kill.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed: "
                        + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run kill -" + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + name + " to the broker", e);
        }
    }

    /** Starts the stopped (or killed) broker again on the same ports and log folder, and waits until it is ready. */
    public synchronized void restart() {
        if (isRunning()) {
            throw new IllegalStateException("the broker is running; stop() or kill() it first");
        }
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException("could not restart the Kafka broker: " + e.getMessage(), e);
        }
    }

    /** Closes the admin client, kills the broker and deletes its folder. */
    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        kill();
        deleteFolder();
    }

    private void writeConfiguration() throws IOException {
        StringBuilder listeners = new StringBuilder();
        StringBuilder advertised = new StringBuilder();
        StringBuilder protocols = new StringBuilder();
        extraPorts.forEach((name, port) -> {
            listeners.append(',').append(name).append("://127.0.0.1:").append(port);
            advertised.append(',').append(name).append("://127.0.0.1:").append(port);
            protocols.append(',').append(name).append(':').append(extraProtocols.get(name));
        });
        StringBuilder extra = new StringBuilder();
        extraProperties.forEach((name, value) -> extra.append(name).append('=').append(value).append('\n'));
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort + listeners,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort + advertised,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT" + protocols,
                // no log.flush.*: as Kafka's defaults, the broker never forces its log to disk itself and acknowledges
                // what is in the page cache; a killed process loses none of that (power loss could), so the kill
                // tests are about the process, not the machine
                "log.dirs=" + folder.resolve("data"),
                "num.partitions=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                // the plugins never create topics; a missing topic must stay missing
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // two cores, shared with the tests and another build: few threads
                "num.network.threads=2",
                "num.io.threads=2",
                "background.threads=2",
                "num.recovery.threads.per.data.dir=1",
                "log.cleaner.threads=1",
                "log.cleaner.dedupe.buffer.size=4194304",
                "") + extra;
        Files.writeString(folder.resolve("server.properties"), config, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("log4j2.properties"), String.join("\n",
                "status = error",
                "appender.out.type = Console",
                "appender.out.name = out",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = warn",
                "rootLogger.appenderRef.out.ref = out",
                ""), StandardCharsets.UTF_8);
    }

    private void format() throws IOException {
        List<String> command = javaCommand("kafka.tools.StorageTool");
        command.addAll(List.of("format", "--cluster-id", Uuid.randomUuid().toString(),
                "--config", folder.resolve("server.properties").toString()));
        Path output = folder.resolve("format.out");
        Process formatting = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!formatting.waitFor(START_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                formatting.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage took over " + START_LIMIT + "; output: " + tail(output));
            }
        } catch (InterruptedException e) {
            formatting.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
        if (formatting.exitValue() != 0) {
            throw new IllegalStateException("formatting Kafka storage failed (exit " + formatting.exitValue() + "): " + tail(output));
        }
    }

    private void launch() throws IOException {
        List<String> command = javaCommand(KafkaBrokerMain.class.getName());
        command.add(folder.resolve("server.properties").toString());
        Path output = folder.resolve("broker.out");
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        awaitReady(output);
    }

    private void awaitReady(Path output) {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited (" + process.exitValue() + ") while starting: " + tail(output));
            }
            try {
                admin().describeCluster().nodes().get(2, TimeUnit.SECONDS);
                admin().describeTopics(List.of()).allTopicNames().get(2, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
            }
        }
        kill();
        throw new IllegalStateException("the Kafka broker was not ready within " + START_LIMIT + " (last error: " + last
                + "); output: " + tail(output));
    }

    private List<String> javaCommand(String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms256m");
        command.add("-Xmx1g");
        command.add("-XX:+UseSerialGC");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=" + folder.resolve("log4j2.properties"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        return command;
    }

    private static <T> T await(String what, org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(ADMIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " took over " + ADMIN_LIMIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
    }

    /** {@code 127.0.0.1:<port>} where nothing listens (a port free when asked): Kafka servers that cannot be reached. */
    public static String unreachableServer() throws IOException {
        return "127.0.0.1:" + freeLoopbackPorts(1)[0];
    }

    private static int[] freeLoopbackPorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /** The shutdown hook: no clean stop (the JVM is leaving), but no broker or folder left behind either. */
    private void killAtExit() {
        Process running;
        synchronized (this) {
            running = process;
        }
        if (running != null) {
            running.destroyForcibly();
            try {
                running.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // leaving anyway
            }
        }
        deleteFolder();
    }

    private static String tail(Path output) {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private void deleteFolder() {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
