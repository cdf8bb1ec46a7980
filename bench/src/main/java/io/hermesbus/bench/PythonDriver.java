package io.hermesbus.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sqlitelog pair driven from Python directly, without the bridge: a long-lived {@code python3} running
 * python-bus' {@code src/test/python/bench_driver.py} (its docstring gives the protocol), started by
 * {@link #consumer} or {@link #producer}. Each {@link #pass} is one request line and one answer line, for a whole
 * pass over the events. The driver's standard error is the JVM's, so that its traceback shows in JMH's output.
 */
final class PythonDriver implements AutoCloseable {
    private static final byte[] REQUEST = "pass\n".getBytes(StandardCharsets.US_ASCII);
    private final Process process;
    private final OutputStream requests;
    private final BufferedReader answers;

    private PythonDriver(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(PythonBusLogs.python(), "-B",
                PythonBusLogs.pluginsFolder().resolve("bench_driver.py").toString()));
        command.addAll(arguments);
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
        requests = process.getOutputStream();
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        String ready = answer();
        if (!ready.equals("ready")) {
            close();
            throw new IllegalStateException(command + " answered " + ready + " instead of ready");
        }
    }

    /** A driver whose {@link #pass} seeks the consumer to the beginning and iterates all events (timeout 0). */
    static PythonDriver consumer(Path file) {
        return new PythonDriver(List.of("consumer", file.toString()));
    }

    /** A driver whose {@link #pass} sends each event of {@code eventsFile} (a JSON array of Hermes JSON texts). */
    static PythonDriver producer(Path file, Path eventsFile) {
        return new PythonDriver(List.of("producer", file.toString(), eventsFile.toString()));
    }

    /** One pass over the events in Python: the number of events read or sent. */
    long pass() {
        try {
            requests.write(REQUEST);
            requests.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the Python driver no longer reads its requests", e);
        }
        return Long.parseLong(answer());
    }

    private String answer() {
        try {
            String line = answers.readLine();
            if (line == null) {
                throw new IllegalStateException("the Python driver ended (exit code "
                        + (process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : "none yet")
                        + "); its standard error is above");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Python driver's answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Python driver ended", e);
        }
    }

    /** Ends the driver: its standard input closed, it closes its plugin and exits; killed if it has not within 10 s. */
    @Override
    public void close() {
        try {
            requests.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
