package io.hermesbus.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * When this machine last started (Linux: {@code btime} in {@code /proc/stat}, in whole seconds), to tell whether a
 * file's last change went through a restart: a power loss or kernel crash perhaps, after which the file may hold its
 * unforced writes only in part and in any order. Unknown elsewhere: then no file counts as changed before it.
 */
final class SystemStart {
    private static final long STARTED_MS = read();

    private SystemStart() {
    }

    /** Whether {@code file} was last modified before this machine started. */
    static boolean changedBefore(Path file) throws IOException {
        return Files.getLastModifiedTime(file).toMillis() < STARTED_MS;
    }

    private static long read() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("btime ")) {
                    return Long.parseLong(line.substring("btime ".length()).trim()) * 1000;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc: unknown
        }
        return Long.MIN_VALUE;
    }
}
