package io.hermesbus.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real second JVM running a main class with the test class path, for tests of what crosses processes (a producer
 * process and a consumer process on one bus, a writer killed mid-write). Its standard output is read line by line on
 * a daemon thread; its standard error goes to a file, shown when a test fails.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final Path stderr;
    private final Thread reader;

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        reader = new Thread(this::pump, "child-jvm-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main} with {@code args} in a new JVM; {@code stderr} receives its error output. */
    public static ChildJvm start(Class<?> main, Path stderr, String... args) throws IOException {
        return start(List.of("-Xmx256m"), System.getProperty("java.class.path"), main, stderr, args);
    }

    /**
     * Starts {@code main} as {@link #start} does, for tests that start many JVMs: its class path is only the folders
     * or jars that hold {@code main} and the classes of {@code needs} (each class's code source), and the JVM is
     * small (serial collector, 128 MB heap), which makes it start faster.
     */
    public static ChildJvm startLean(Class<?> main, List<Class<?>> needs, Path stderr, String... args) throws IOException {
        List<String> classPath = new ArrayList<>();
        for (Class<?> type : concat(main, needs)) {
            String entry = Path.of(java.net.URI.create(type.getProtectionDomain().getCodeSource().getLocation().toString()))
                    .toString();
            if (!classPath.contains(entry)) {
                classPath.add(entry);
            }
        }
        return start(List.of("-Xmx128m", "-XX:+UseSerialGC", "-Xshare:auto"),
                String.join(java.io.File.pathSeparator, classPath), main, stderr, args);
    }

    private static List<Class<?>> concat(Class<?> main, List<Class<?>> needs) {
        List<Class<?>> all = new ArrayList<>(needs);
        all.add(0, main);
        return all;
    }

    private static ChildJvm start(List<String> options, String classPath, Class<?> main, Path stderr, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(classPath);
        command.add(main.getName());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        return new ChildJvm(process, stderr);
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("!pump failed: " + e);
        }
    }

    /**
     * The next line of output that matches, waiting at most {@code limit}; lines before it are kept in
     * {@link #linesSeen()}.
     *
     * @throws AssertionError naming what was awaited, with the child's output and error, if none came
     */
    public String awaitLine(Predicate<String> wanted, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("child JVM " + process.pid() + " printed no " + what + " within " + limit.toMillis()
                        + " ms (alive: " + process.isAlive() + "); last lines: " + tail() + "; stderr: " + errorText());
            }
            seen.add(line);
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** Every line read so far by {@link #awaitLine} and {@link #drain()}. */
    public List<String> linesSeen() {
        return seen;
    }

    /** Moves the lines printed so far (and not yet awaited) into {@link #linesSeen()}. */
    public List<String> drain() {
        lines.drainTo(seen);
        return seen;
    }

    /**
     * Kills the child with SIGKILL (no shutdown hooks, no flushing) and waits for it to be gone and for what it printed
     * before to be read, so that {@link #drain()} then returns every line it printed.
     */
    public void kill() throws InterruptedException {
        // through the handle: Process.destroyForcibly() also closes the streams, dropping what the pipe still holds
        process.toHandle().destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("child JVM " + process.pid() + " survived SIGKILL for 30 s");
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));
    }

    /** Whether the child still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the child to exit by itself and returns its exit code. */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child JVM " + process.pid() + " did not exit within " + limit.toMillis()
                    + " ms; last lines: " + tail() + "; stderr: " + errorText());
        }
        return process.exitValue();
    }

    /** What the child wrote to its standard error so far. */
    public String errorText() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private String tail() {
        drain();
        return seen.subList(Math.max(0, seen.size() - 5), seen.size()).toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
