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
 * holding the same events; {@code corpus/}: 1,203 events of random values, what Hermes read back from each, and the
 * SQLite bus file holding them), for the tests of every module: api's test-jar carries this class.
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
    /** The corpus' SQLite bus file's name in {@code corpus/}: every corpus event in order (msgid 1 = {@code 0000}). */
    public static final String CORPUS_SQLITE_BUS = "hermes-bus.sqlite";
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

    // ---- corpus/: 1,203 events written and read back by Hermes itself, for differential tests

    /** The corpus folder, {@code corpus/} beside {@code events/}: {@code events/NNNN*.json} and {@value #CORPUS_SQLITE_BUS}. */
    public static Path corpusFolder() {
        Path corpus = folder().resolve("corpus");
        if (!Files.isDirectory(corpus.resolve("events")) || !Files.isRegularFile(corpus.resolve(CORPUS_SQLITE_BUS))) {
            return fail("the Hermes fixtures at " + folder() + " have no corpus/ with events/ and " + CORPUS_SQLITE_BUS);
        }
        return corpus;
    }

    /** The corpus events' numbers ({@code "0000"} to {@code "1202"}), sorted: the order Hermes sent them in. */
    public static List<String> corpusNames() {
        try (Stream<Path> files = Files.list(corpusFolder().resolve("events"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("[0-9]+\\.json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of corpus event {@code name} ({@code events/NNNN.json}), exactly as Hermes' {@code Event.to_json()} wrote them. */
    public static byte[] corpusBytes(String name) {
        return read(corpusFolder().resolve("events").resolve(name + ".json"));
    }

    /** The text of corpus event {@code name}, as Hermes wrote it. */
    public static String corpusText(String name) {
        return new String(corpusBytes(name), StandardCharsets.UTF_8);
    }

    /**
     * What Hermes' {@code Event.from_json} gave back for corpus event {@code name}, as the tagged tree of
     * {@code events/NNNN.typed.json} (see the corpus README): JSON text, to be read by the test.
     */
    public static String corpusTyped(String name) {
        return new String(read(corpusFolder().resolve("events").resolve(name + ".typed.json")), StandardCharsets.UTF_8);
    }

    /**
     * What Hermes writes when it writes corpus event {@code name} again after reading it: {@code events/NNNN.expected.json}
     * where that differs from the text, else the text itself.
     */
    public static String corpusExpected(String name) {
        Path expected = corpusFolder().resolve("events").resolve(name + ".expected.json");
        return Files.exists(expected) ? new String(read(expected), StandardCharsets.UTF_8) : corpusText(name);
    }

    /** A copy of the corpus' SQLite bus file in {@code dir}: tests never open the original. */
    public static Path copyOfCorpusSqliteBus(Path dir) {
        try {
            return Files.copy(corpusFolder().resolve(CORPUS_SQLITE_BUS), dir.resolve(CORPUS_SQLITE_BUS),
                    StandardCopyOption.COPY_ATTRIBUTES);
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
