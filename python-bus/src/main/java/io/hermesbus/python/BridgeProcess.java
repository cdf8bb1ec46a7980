package io.hermesbus.python;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.Secrets;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One {@code python3} child running the bridge script ({@code hermes_bus_bridge.py}, shipped in this jar), and the
 * line protocol to it: a request is one line of JSON on its standard input, its reply one line on its standard
 * output, matched by the request's {@code id}. Its standard error is kept, its last {@value #STDERR_LINES} lines,
 * for the messages of errors.
 *
 * <p>Every wait for a reply is bounded (or interruptible, for a wait the caller wants unbounded); a process that does
 * not answer in time is killed, and one that ended is reported, as a {@link PythonProcessException} naming the call,
 * the exit code and the last lines of standard error. Requests are sent and replies awaited by one thread at a time
 * (the plugins serialize their calls); {@link #kill()} may be called from any thread.
 */
final class BridgeProcess {
    /** How many lines of the process's standard error errors quote. */
    static final int STDERR_LINES = 20;
    private static final int STDERR_LINE_CHARS = 500;
    private static final String EOF = "\u0000eof";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final String SCRIPT = "hermes_bus_bridge.py";
    private static Path script;

    private final Process process;
    private volatile String description;
    private volatile Secrets secrets;
    private final OutputStream stdin;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Thread stderrReader;
    private long nextId = 1;
    private volatile String endedBecause;

    private BridgeProcess(Process process) {
        this.process = process;
        this.description = "a Python bridge process";
        this.secrets = Secrets.in(null, null);
        this.stdin = process.getOutputStream();
        Thread stdoutReader = new Thread(() -> readReplies(process.getInputStream()), "python-bridge-out-" + process.pid());
        stdoutReader.setDaemon(true);
        stdoutReader.start();
        stderrReader = new Thread(() -> readErrors(process.getErrorStream()), "python-bridge-err-" + process.pid());
        stderrReader.setDaemon(true);
        stderrReader.start();
    }

    /**
     * A bridge process running {@code python}, not yet given a plugin: a spare one when there is one ({@link Spares}).
     *
     * @param description what the process runs, for messages ("the Python consumer plugin x.py")
     * @param secrets what to scrub from what the process says
     * @throws InvalidSettingsException naming {@code python} if it cannot be started
     */
    static BridgeProcess start(String python, String description, Secrets secrets) {
        BridgeProcess started = Spares.take(python);
        started.description = description;
        started.secrets = secrets;
        return started;
    }

    /** Starts {@code python} on the bridge script, now. @throws InvalidSettingsException naming {@code python} */
    static BridgeProcess startNew(String python) {
        ProcessBuilder builder = new ProcessBuilder(Interpreters.resolve(python), "-B", scriptFile().toString());
        builder.environment().put("PYTHONIOENCODING", "utf-8"); // the plugin's prints and tracebacks, whatever the locale
        try {
            return new BridgeProcess(builder.start());
        } catch (IOException e) {
            throw new InvalidSettingsException(PythonBusSettings.PYTHON, "cannot run " + python + ": " + e.getMessage()
                    + "; name a Python 3.9 or later interpreter");
        }
    }

    /** The bridge script, copied once per JVM from this jar to a private temporary folder. */
    private static synchronized Path scriptFile() {
        if (script == null) {
            try (InputStream in = BridgeProcess.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new IllegalStateException(SCRIPT + " is missing from the python-bus jar");
                }
                Path dir = Files.createTempDirectory("hermes-bus-python-");
                Path file = dir.resolve(SCRIPT);
                Files.write(file, in.readAllBytes());
                file.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                script = file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the Python bridge script to a temporary folder", e);
            }
        }
        return script;
    }

    /** A new request of operation {@code op}, to fill and {@link #send}. */
    static ObjectNode request(String op) {
        return JSON.createObjectNode().put("op", op);
    }

    /**
     * Sends {@code request} and returns its id.
     *
     * @throws PythonProcessException if the process has ended
     */
    long send(ObjectNode request, String call) {
        requireRunning(call);
        long id = nextId++;
        request.put("id", id);
        try {
            stdin.write((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
        } catch (IOException e) {
            throw ended(call);
        }
        return id;
    }

    /**
     * Waits for the reply to request {@code id} (replies to earlier requests are dropped) and returns what it holds
     * under {@code ok}.
     *
     * @param boundMs how long to wait, or {@link Long#MAX_VALUE} for as long as it takes (interruptible)
     * @param errors turns an error reply into the exception to throw
     * @throws InterruptedException if the thread is interrupted while waiting; the reply stays to be awaited again
     * @throws PythonProcessException if the process ended, or did not answer within {@code boundMs} (it is then killed)
     */
    JsonNode await(long id, long boundMs, String call, Function<JsonNode, RuntimeException> errors) throws InterruptedException {
        JsonNode reply = awaitOrNull(id, boundMs, call, errors);
        if (reply == null) {
            kill();
            throw failure(call + " got no answer within " + boundMs + " ms (" + PythonBusSettings.CALL_TIMEOUT_MS
                    + " beyond the wait asked for): the process was killed", call);
        }
        return reply;
    }

    /**
     * As {@link #await}, but a reply that has not come within {@code boundMs} is no error: null is returned and the
     * reply may still be awaited (for a read that waits without a timeout, whose Java caller waits less).
     */
    JsonNode awaitOrNull(long id, long boundMs, String call, Function<JsonNode, RuntimeException> errors)
            throws InterruptedException {
        long deadline = boundMs == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(boundMs);
        while (true) {
            String line;
            if (deadline == Long.MAX_VALUE) {
                line = replies.take();
            } else {
                line = replies.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            if (line == null) {
                return null;
            }
            if (line.equals(EOF)) {
                replies.add(EOF); // every later wait sees it too
                throw ended(call);
            }
            JsonNode reply = parse(line, call);
            if (reply.path("id").asLong() != id) {
                continue; // the answer to a call whose caller stopped waiting
            }
            if (reply.has("error")) {
                throw errors.apply(reply.get("error"));
            }
            return reply.get("ok");
        }
    }

    /** {@link #send} and {@link #await} of a call whose wait must not be interrupted (an interrupt is kept for later). */
    JsonNode call(ObjectNode request, long boundMs, String call, Function<JsonNode, RuntimeException> errors) {
        return call(send(request, call), boundMs, call, errors);
    }

    /** {@link #await} of a request sent earlier, not interrupted (an interrupt is kept for later). */
    JsonNode call(long id, long boundMs, String call, Function<JsonNode, RuntimeException> errors) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return await(id, boundMs, call, errors);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private JsonNode parse(String line, String call) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            kill();
            throw failure(call + " got a reply that is not JSON: " + abbreviate(line, 200) + " (the process was killed)", call);
        }
    }

    /** Whether the process still runs and has not been given up. */
    boolean running() {
        return endedBecause == null && process.isAlive();
    }

    /** Asks the process to end: closes its standard input, which the bridge reads as "done". */
    void end() {
        if (endedBecause == null) {
            endedBecause = "ended after close()";
        }
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        process.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(slow -> {
            process.destroyForcibly();
            return process;
        });
    }

    /** Kills the process at once. Safe from any thread, at any time. */
    void kill() {
        if (endedBecause == null) {
            endedBecause = "killed";
        }
        process.destroyForcibly();
    }

    private void requireRunning(String call) {
        if (endedBecause != null || !process.isAlive()) {
            throw ended(call);
        }
    }

    private PythonProcessException ended(String call) {
        String because = endedBecause;
        Integer code = exitCode();
        String what = because != null && !because.equals("killed") ? because
                : because != null ? "was killed earlier" : "ended";
        return failure(call + ": the Python process " + what + (code == null ? "" : " (exit code " + code + ")")
                + "; close() and open() start a new one", call);
    }

    private PythonProcessException failure(String message, String call) {
        try {
            stderrReader.join(500); // the traceback of a process that just died comes last
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> tail;
        synchronized (stderrTail) {
            tail = new ArrayList<>(stderrTail);
        }
        tail.replaceAll(secrets::scrub);
        String shown = tail.isEmpty() ? "; it wrote nothing on its standard error"
                : "; its standard error ended with:\n  " + String.join("\n  ", tail);
        return new PythonProcessException(secrets.scrub(description + ": " + message) + shown, call, exitCode(), tail);
    }

    private Integer exitCode() {
        try {
            if (process.waitFor(1, TimeUnit.SECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private void readReplies(InputStream out) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(out, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = reader.readLine()) != null) {
                replies.add(line);
            }
        } catch (IOException e) {
            // the process is gone: EOF below says so
        } finally {
            replies.add(EOF);
        }
    }

    private void readErrors(InputStream err) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_LINES) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(abbreviate(line, STDERR_LINE_CHARS));
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

    /** The process id, for messages and tests. */
    long pid() {
        return process.pid();
    }

    @Override
    public String toString() {
        return description + " (pid " + process.pid() + ")";
    }
}
