package io.hermesbus.sqlite.process;

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
 * A real second JVM running one of this package's mains with the test class path. Its standard output is read line
 * by line on a daemon thread; its standard error goes to a file, shown when an expectation fails.
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final Path stderr;

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::pump, "child-jvm-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main} with {@code args} in a new JVM; {@code stderr} receives its error output. */
    static ChildJvm start(Class<?> main, Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
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
     * @throws AssertionError naming what was awaited, with the child's last lines and error output, if none came
     */
    String awaitLine(Predicate<String> wanted, Duration limit, String what) throws InterruptedException {
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

    /** Every line read so far by {@link #awaitLine}. */
    List<String> linesSeen() {
        return seen;
    }

    /** Waits for the child to exit by itself and returns its exit code; kills it and fails if it does not. */
    int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("child JVM " + process.pid() + " did not exit within " + limit.toMillis()
                    + " ms; last lines: " + tail() + "; stderr: " + errorText());
        }
        return process.exitValue();
    }

    /** Kills the child with SIGKILL (no shutdown hooks, no cleanup) and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("child JVM " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    String errorText() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private String tail() {
        lines.drainTo(seen);
        return seen.subList(Math.max(0, seen.size() - 5), seen.size()).toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
