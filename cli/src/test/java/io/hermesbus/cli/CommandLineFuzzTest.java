package io.hermesbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hermesbus.testing.TempFolders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the command line's arguments, in this JVM, against file, SQLite and memory buses in a temporary folder (no
 * Kafka). The property: exit 0, 1 or 2 (never 3, a fault of the tool), an error as a line on stderr starting with
 * the command's name, nothing else on stderr without {@code --verbose} (no stack trace, no picocli warning), and no
 * hang (30 s).
 *
 * <p>An input is text: one argument per line, then, after a line {@code --stdin--}, produce's standard input. A line
 * {@code @name} stands for a path in the temporary folder ({@link #PLACES}: a bus with events, a settings file, a
 * file that is not UTF-8...). Other lines are taken as they are, except those that could write outside the folder
 * or wait on purpose ({@link #allowed}): the fuzzer may not name paths, a report folder, {@code --follow} or a
 * {@code --timeout}; consume always gets {@code --timeout 0}, verify a report folder that cannot be made, so that it
 * never runs the kit.
 */
class CommandLineFuzzTest {
    private static final String STDIN = "--stdin--";
    /** What {@code @name} lines stand for, relative to the temporary folder. */
    private static final Map<String, String> PLACES = Map.ofEntries(
            Map.entry("@bus", "path=%s/bus"),
            Map.entry("@newbus", "path=%s/new"),
            Map.entry("@busdir", "%s/bus"),
            Map.entry("@folder", "%s"),
            Map.entry("@sqlite", "uri=%s/bus.sqlite"),
            Map.entry("@settings", "%s/settings.json"),
            Map.entry("@badsettings", "%s/bad.json"),
            Map.entry("@event", "%s/event.json"),
            Map.entry("@nonutf8", "%s/nonutf8.json"),
            Map.entry("@file", "%s/regular.txt"),
            Map.entry("@jar", "%s/regular.txt"));

    private static Path dir;
    private static ExecutorService runner;

    @BeforeAll
    static void makeBuses() throws IOException {
        dir = Files.createTempDirectory("hermes-bus-cli-fuzz-");
        runner = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "fuzzed hermes-bus");
            thread.setDaemon(true);
            return thread;
        });
        String events = "{\"evcategory\": \"users\", \"eventtype\": \"added\", \"objpkey\": 1}\n"
                + "{\"evcategory\": \"groups\", \"eventtype\": \"removed\"}\n";
        assertThat(InProcessCli.withInput(events, "produce", "file", "--set", "path=" + dir.resolve("bus")).exitCode()).isZero();
        Files.writeString(dir.resolve("settings.json"), "{\"path\": \"" + dir.resolve("bus") + "\"}");
        Files.writeString(dir.resolve("bad.json"), "{\"path\": [1, {\"x\": null}], \"max_record_bytes\": 1e400}");
        Files.writeString(dir.resolve("event.json"), "{\n    \"evcategory\": \"users\",\n    \"eventtype\": \"added\"\n}\n");
        Files.write(dir.resolve("nonutf8.json"), new byte[] {'{', (byte) 0xc3, '}'});
        Files.writeString(dir.resolve("regular.txt"), "not a folder, not a jar");
    }

    @AfterAll
    static void deleteBuses() {
        runner.shutdownNow();
        TempFolders.deleteRecursively(dir);
    }

    @FuzzTest(maxDuration = "10m")
    void arguments(byte[] input) throws Exception {
        int split = indexOf(input, ("\n" + STDIN + "\n").getBytes(StandardCharsets.UTF_8));
        String text = new String(input, 0, split < 0 ? input.length : split, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String arg = PLACES.containsKey(line) ? String.format(PLACES.get(line), dir) : line;
            if (!PLACES.containsKey(line) && !allowed(arg)) {
                return;
            }
            args.add(arg);
        }
        if (args.contains("consume")) {
            args.addAll(List.of("--timeout", "0"));
        }
        if (args.contains("verify")) {
            args.addAll(List.of("--report", dir.resolve("regular.txt").toString()));
        }
        byte[] stdin = split < 0 ? new byte[0] : Arrays.copyOfRange(input, split + STDIN.length() + 2, input.length);

        Future<Cli.Run> running = runner.submit(() -> InProcessCli.withInput(stdin, args.toArray(String[]::new)));
        Cli.Run run;
        try {
            run = running.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            throw new AssertionError("hermes-bus " + args + " did not end within 30 s", e);
        }

        assertThat(run.exitCode()).as("%s%n%s", args, run).isIn(ExitCodes.OK, ExitCodes.FAILED, ExitCodes.USAGE);
        if (!args.contains("--verbose")) {
            assertThat(run.err().lines()).as("%s: stderr holds only the tool's lines without --verbose%n%s", args, run)
                    .allMatch(line -> line.startsWith("hermes-bus") || line.matches("read \\d+ events? from bus '.*'"));
        }
        if (run.exitCode() == ExitCodes.USAGE || run.exitCode() == ExitCodes.FAILED) {
            String error = run.err().strip().lines().filter(line -> line.startsWith("hermes-bus")).findFirst().orElse("");
            assertThat(error).as("%s: the error names the command%n%s", args, run).matches("hermes-bus( [a-z-]+)?: .+");
        }
    }

    /** Where {@code part} first occurs in {@code bytes}, or -1. */
    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether the fuzzer may pass {@code arg} as it is: not a path or setting that writes where it likes (the
     * {@code @} places do), not an argument file ({@code @file}: picocli would read it), not an option that waits
     * on purpose ({@code --follow}, {@code --timeout}) or writes a report.
     */
    private static boolean allowed(String arg) {
        return !arg.contains("/") && !arg.startsWith("@") && !arg.contains("path=") && !arg.contains("uri=")
                && !arg.contains("kafka") && !arg.startsWith("--fol") && !arg.startsWith("--tim") && !arg.startsWith("--rep")
                && !arg.equals(STDIN);
    }
}
