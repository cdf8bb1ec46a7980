package io.hermesbus.sqlite;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files Hermes itself wrote ({@code shared/fixtures/hermes}): found as api's {@code HermesFixturesTest} finds
 * them, through the system property {@value #PROPERTY} (the {@code events} folder, or a folder holding it) or else
 * the first {@code shared/fixtures/hermes} beside the working directory or any of its ancestors. Fails, never
 * skips, when there is none.
 */
final class HermesFixtures {
    static final String PROPERTY = "hermesbus.fixtures";
    private static final String RELATIVE = "shared/fixtures/hermes";
    static final String SQLITE_BUS = "sqlite-bus.sqlite";

    private HermesFixtures() {
    }

    /** The folder holding {@code events/} and {@value #SQLITE_BUS}. */
    static Path folder() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            Path given = Path.of(property).toAbsolutePath().normalize();
            for (Path candidate : List.of(given, given.getParent() == null ? given : given.getParent(), given.resolve(RELATIVE))) {
                if (isFixtureFolder(candidate)) {
                    return candidate;
                }
            }
            return fail("system property " + PROPERTY + "=" + property + " names no folder of Hermes fixtures (looked for "
                    + SQLITE_BUS + " and events/ in " + given + ", its parent and " + given.resolve(RELATIVE) + ")");
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
                + PROPERTY + "=<path to shared/fixtures/hermes/events>");
    }

    private static boolean isFixtureFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(SQLITE_BUS)) && Files.isDirectory(dir.resolve("events"));
    }

    /** A copy of Hermes' bus file in {@code folder}: tests never open the original. */
    static Path copyOfSqliteBus(Path folder) {
        try {
            return Files.copy(folder().resolve(SQLITE_BUS), folder.resolve(SQLITE_BUS), StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] sqliteBusBytes() {
        try {
            return Files.readAllBytes(folder().resolve(SQLITE_BUS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event fixtures' file names, sorted: in the order Hermes sent them. */
    static List<String> eventNames() {
        try (Stream<Path> files = Files.list(folder().resolve("events"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON text of one event fixture, exactly as Hermes printed it. */
    static String eventJson(String name) {
        try {
            return Files.readString(folder().resolve("events").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
