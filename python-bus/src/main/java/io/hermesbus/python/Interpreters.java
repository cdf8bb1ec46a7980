package io.hermesbus.python;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The Python interpreter behind the name a user gives, asked once per JVM: {@code sys.executable}. A launcher in
 * front of Python (a pyenv shim: a shell script running pyenv, about 0.25 s a start on a busy machine) would
 * otherwise run before every plugin's process. A virtual environment's interpreter stays itself. When the answer
 * cannot be had, the name is used as given, and starting it reports the error.
 */
final class Interpreters {
    private static final Map<String, String> RESOLVED = new ConcurrentHashMap<>();

    private Interpreters() {
    }

    static String resolve(String python) {
        return RESOLVED.computeIfAbsent(python, Interpreters::ask);
    }

    private static String ask(String python) {
        try {
            Process process = new ProcessBuilder(python, "-c", "import sys; print(sys.executable)")
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            String answer;
            try (InputStream out = process.getInputStream()) {
                answer = new String(out.readNBytes(4096), StandardCharsets.UTF_8).strip();
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return python;
            }
            return process.exitValue() == 0 && !answer.isEmpty() && !answer.contains("\n")
                    && Files.isExecutable(Path.of(answer)) ? answer : python;
        } catch (IOException e) {
            return python;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return python;
        }
    }
}
