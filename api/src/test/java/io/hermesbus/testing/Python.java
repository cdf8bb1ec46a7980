package io.hermesbus.testing;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code python3} (the interpreter Hermes runs on), for tests that compare what Java does with what Python
 * does: a script reads one JSON-encoded string per line on stdin and prints one line per input. Fails, never skips,
 * when there is no {@code python3} on the PATH (or at {@value #PROPERTY}): a comparison that silently did not run
 * would prove nothing.
 */
public final class Python {
    /** System property naming the Python executable; default {@code python3}. */
    public static final String PROPERTY = "hermesbus.python";
    // every character beyond ASCII as \\uXXXX, surrogates one by one, so that lone ones reach Python as they are
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private Python() {
    }

    /** A Java string as one line of JSON that Python's {@code json.loads} reads back to the same code units. */
    public static String jsonLine(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code script} with {@code inputs}, each given as one line of JSON ({@link #jsonLine}), and returns its
     * lines of output.
     */
    public static List<String> run(String script, List<String> inputs) {
        String python = System.getProperty(PROPERTY, "python3");
        Process process;
        try {
            process = new ProcessBuilder(python, "-c", script).redirectErrorStream(false).start();
        } catch (IOException e) {
            return fail("cannot run " + python + " (" + e.getMessage() + "): these tests compare with the real Python;"
                    + " install python3 or name it with -D" + PROPERTY + "=<path>");
        }
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(process, true));
        CompletableFuture<List<String>> output = CompletableFuture.supplyAsync(() -> lines(process));
        try (OutputStream stdin = process.getOutputStream()) {
            for (String input : inputs) {
                stdin.write((jsonLine(input) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            // the process died: its stderr says why
        }
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return fail(python + " did not finish within 5 minutes");
            }
            List<String> lines = output.get();
            if (process.exitValue() != 0) {
                return fail(python + " exited with " + process.exitValue() + ": " + errors.get());
            }
            return lines;
        } catch (Exception e) {
            return fail("running " + python + ": " + e);
        }
    }

    private static List<String> lines(Process process) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static String readAll(Process process, boolean errors) {
        try {
            return new String((errors ? process.getErrorStream() : process.getInputStream()).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
