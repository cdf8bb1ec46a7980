package io.hermesbus.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs the tool in this JVM ({@link HermesBusCli#run}), with the streams a user's terminal would give it, for tests
 * that run it many times; {@link Cli} runs the real jar in a child process.
 */
final class InProcessCli {
    private InProcessCli() {
    }

    static Cli.Run run(String... args) {
        return withInput(new byte[0], args);
    }

    static Cli.Run withInput(String stdin, String... args) {
        return withInput(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    static Cli.Run withInput(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            int code = HermesBusCli.run(new ByteArrayInputStream(stdin), out, err, args);
            return new Cli.Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            Thread.currentThread().setContextClassLoader(loader); // the bus options set it to the plugins' loader
        }
    }
}
