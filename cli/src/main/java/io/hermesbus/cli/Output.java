package io.hermesbus.cli;

import io.hermesbus.api.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The streams of one run of the tool. Everything printed to {@link #out} and {@link #err} (results, errors, stack
 * traces, picocli's help) passes through {@link Secrets#scrub} of the settings the command read, line by line, so
 * that no secret value reaches the terminal, whoever put it in a message (a plugin, Kafka, the JDK).
 */
final class Output {
    final InputStream in;
    final PrintStream out;
    final PrintStream err;
    private volatile Secrets secrets = Secrets.in(Map.of(), Set.of());

    Output(InputStream in, OutputStream out, OutputStream err) {
        this.in = in;
        this.out = new PrintStream(new Scrubbing(out), true, StandardCharsets.UTF_8);
        this.err = new PrintStream(new Scrubbing(err), true, StandardCharsets.UTF_8);
    }

    /** From now on, {@code found} are scrubbed too (the secrets of the settings just read). */
    void hide(Secrets found) {
        secrets = found;
    }

    static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(stream, true, StandardCharsets.UTF_8);
    }

    /** Writes what is left of a last line that has no line break. */
    void finish() {
        out.close();
        err.close();
    }

    /**
     * Writes whole lines, scrubbed; a partial line waits for its end (a flush does not write it: a secret printed in
     * two pieces would escape) or for {@link #finish()}.
     */
    private final class Scrubbing extends OutputStream {
        private final OutputStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Scrubbing(OutputStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            line.write(b);
            if (b == '\n') {
                emit();
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            int start = offset;
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    line.write(bytes, start, i + 1 - start);
                    emit();
                    start = i + 1;
                }
            }
            line.write(bytes, start, offset + length - start);
        }

        @Override
        public synchronized void flush() throws IOException {
            target.flush();
        }

        @Override
        public synchronized void close() throws IOException {
            emit();
            target.flush();
        }

        private void emit() throws IOException {
            if (line.size() > 0) {
                target.write(secrets.scrub(line.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
                line.reset();
            }
        }
    }
}
