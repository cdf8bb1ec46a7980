package io.hermesbus.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files Hermes itself wrote ({@code shared/fixtures/hermes}: eight event JSON files and the SQLite bus file
 * holding the same events), for the tests of every module: api's test-jar carries this class.
 *
 * <p>Found through the system property {@value #PROPERTY} (the {@code hermes} folder, its {@code events} folder, or
 * a folder holding {@code shared/fixtures/hermes}), else as the first {@code shared/fixtures/hermes} beside the working
 * directory or any of its ancestors, which is where a copy of {@code shared/} beside the clone puts it. Fails, never
 * skips, when there is none: a test that silently skipped its fixtures would prove nothing.
 */
public final class HermesFixtures {
    /** System property naming the fixture folder. */
    public static final String PROPERTY = "hermesbus.fixtures";
    /** The SQLite bus file's name in the fixture folder. */
    public static final String SQLITE_BUS = "sqlite-bus.sqlite";
    private static final String RELATIVE = "shared/fixtures/hermes";

    private HermesFixtures() {
    }

    /** The folder holding {@code events/} and {@value #SQLITE_BUS}. */
    public static Path folder() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            Path given = Path.of(property).toAbsolutePath().normalize();
            List<Path> candidates = List.of(given, given.getParent() == null ? given : given.getParent(), given.resolve(RELATIVE));
            for (Path candidate : candidates) {
                if (isFixtureFolder(candidate)) {
                    return candidate;
                }
            }
            return fail("system property " + PROPERTY + "=" + property + " names no folder of Hermes fixtures (looked for "
                    + SQLITE_BUS + " and events/ in " + candidates + ")");
        }
        Path cwd = Path.of("").toAbsolutePath().normalize();
        List<Path> tried = new ArrayList<>();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (isFixtureFolder(candidate)) {
                return candidate;
            }
            tried.add(candidate);
        }
        return fail("Hermes fixtures not found: no " + RELATIVE + " with " + SQLITE_BUS + " and events/ beside " + cwd
                + " or any of its ancestors (tried " + tried + "). Put a copy of shared/ beside the clone, or run with -D"
                + PROPERTY + "=<path to shared/fixtures/hermes>");
    }

    private static boolean isFixtureFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(SQLITE_BUS)) && Files.isDirectory(dir.resolve("events"));
    }

    /** The event fixtures' file names ({@code NN-<category>-<type>.json}), sorted: the order Hermes sent them in. */
    public static List<String> eventNames() {
        try (Stream<Path> files = Files.list(folder().resolve("events"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of one event fixture, exactly as Hermes printed them. */
    public static byte[] eventBytes(String name) {
        return read(folder().resolve("events").resolve(name));
    }

    /** The JSON text of one event fixture, exactly as Hermes printed it. */
    public static String eventJson(String name) {
        return new String(eventBytes(name), StandardCharsets.UTF_8);
    }

    /** The bytes of Hermes' SQLite bus file. */
    public static byte[] sqliteBusBytes() {
        return read(folder().resolve(SQLITE_BUS));
    }

    /** A copy of Hermes' SQLite bus file in {@code dir}: tests never open the original. */
    public static Path copyOfSqliteBus(Path dir) {
        try {
            return Files.copy(folder().resolve(SQLITE_BUS), dir.resolve(SQLITE_BUS), StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
