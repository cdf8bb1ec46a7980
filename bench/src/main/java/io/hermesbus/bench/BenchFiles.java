package io.hermesbus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary folders for the benchmarks' logs and databases. They are made under the system property
 * {@value #DIR_PROPERTY} if set (for instance to put them on another disk), else under {@code java.io.tmpdir} (or
 * {@code /dev/shm}: {@link #newMemoryFolder}); each benchmark deletes its own at the end of its trial.
 */
final class BenchFiles {
    /** The system property naming the folder under which every benchmark makes its temporary folders. */
    static final String DIR_PROPERTY = "hermesbus.bench.dir";
    private static final Path SHM = Path.of("/dev/shm");

    private BenchFiles() {
    }

    /** A new, empty folder whose name starts with {@code prefix}. */
    static Path newFolder(String prefix) {
        return newFolder(System.getProperty(DIR_PROPERTY, System.getProperty("java.io.tmpdir")), prefix);
    }

    /**
     * A new, empty folder as {@link #newFolder}, but in {@code /dev/shm} (a file system in memory, where a sync costs
     * nothing) when there is one and {@value #DIR_PROPERTY} is not set: for benchmarks of a plugin's own work whose
     * every send commits, which on a disk would measure the disk's syncs.
     */
    static Path newMemoryFolder(String prefix) {
        if (System.getProperty(DIR_PROPERTY) == null && Files.isDirectory(SHM) && Files.isWritable(SHM)) {
            return newFolder(SHM.toString(), prefix);
        }
        return newFolder(prefix);
    }

    private static Path newFolder(String base, String prefix) {
        try {
            Path root = Paths.get(base);
            Files.createDirectories(root);
            return Files.createTempDirectory(root, "hermes-bench-" + prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary folder under " + base, e);
        }
    }

    /** Deletes {@code path} and everything under it; does nothing if it is null or gone. */
    static void delete(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path each : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(each);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    /** The total size in bytes of the regular files under {@code path}. */
    static long size(Path path) {
        try (Stream<Path> all = Files.walk(path)) {
            return all.filter(Files::isRegularFile).mapToLong(each -> {
                try {
                    return Files.size(each);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + path, e);
        }
    }

    /** {@code bytes} for people: "1.9 GB", "57 MB". */
    static String human(long bytes) {
        if (bytes >= 1_000_000_000L) {
            return String.format("%.1f GB", bytes / 1e9);
        }
        if (bytes >= 1_000_000L) {
            return String.format("%.0f MB", bytes / 1e6);
        }
        return String.format("%.0f kB", bytes / 1e3);
    }
}
