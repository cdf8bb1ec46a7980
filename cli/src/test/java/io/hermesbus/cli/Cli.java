package io.hermesbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.testing.TempFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real runnable jar ({@code hermes-bus.jar}, built by {@code package}) in a child process, as a user runs
 * it, and captures its exit code, stdout and stderr. The jar's path comes from the system property
 * {@code hermesbus.cli.jar}, set by failsafe.
 */
final class Cli {
    private static final long TIMEOUT_SECONDS = 120;

    private Cli() {
    }

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {
        /** Both streams, for asserting on what a person sees. */
        String all() {
            return out + err;
        }

        /** For assertion messages: everything the run printed. */
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    static Path jar() {
        String jar = System.getProperty("hermesbus.cli.jar");
        assertThat(jar).as("system property hermesbus.cli.jar (set by failsafe)").isNotNull();
        assertThat(Path.of(jar)).as("the runnable jar; run the tests with mvn verify").exists();
        return Path.of(jar);
    }

    /** Runs {@code hermes-bus args...} with an empty standard input. */
    static Run run(String... args) {
        return withInput("", args);
    }

    /** A run still going: {@link #finish()} waits for it. */
    record Running(Process process, Path out, Path err, Path scratch) {
        /** Waits (at most two minutes) for the process to end. */
        Run finish() throws IOException, InterruptedException {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("hermes-bus did not end within " + TIMEOUT_SECONDS + " s; stdout so far:\n"
                        + Files.readString(out) + "\nstderr so far:\n" + Files.readString(err));
            }
            Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            TempFolders.deleteRecursively(scratch);
            return run;
        }

        /** What it has printed so far. */
        String outSoFar() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }
    }

    /** Starts {@code hermes-bus args...} with {@code stdin} as its standard input, without waiting. */
    static Running start(String stdin, String... args) throws IOException {
        Path scratch = Files.createTempDirectory("hermes-bus-it-");
        Path in = Files.writeString(scratch.resolve("stdin"), stdin, StandardCharsets.UTF_8);
        Path out = scratch.resolve("stdout");
        Path err = scratch.resolve("stderr");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectInput(in.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new Running(process, out, err, scratch);
    }

    /** Runs {@code hermes-bus args...} with {@code stdin} as its standard input. */
    static Run withInput(String stdin, String... args) {
        try {
            return start(stdin, args).finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running hermes-bus", e);
        }
    }
}
