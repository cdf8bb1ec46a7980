package io.hermesbus.bench;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBuses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Python-bus' bridge (module {@code python-bus}), reached only through {@link MessageBuses} by its name
 * {@code "python"}, driving python-bus' test plugin pair {@code sqlitelog} (Hermes' SQLite bus format) with the
 * stand-in of Hermes' {@code lib}. Those Python files are used where they are, in {@code python-bus/src/test/python}
 * (their README), never copied: that folder is named by the system property {@value #PROPERTY}, else found as
 * {@code python-bus/src/test/python} in the working directory or one of its ancestors (so the jar runs from the
 * repository root or any folder under it). The interpreter is {@code python3}, or the system property
 * {@value #PYTHON_PROPERTY} (the tests' property).
 */
final class PythonBusLogs {
    static final String BUS = "python";
    /** System property naming python-bus' {@code src/test/python} folder. */
    static final String PROPERTY = "hermesbus.bench.pythonPlugins";
    /** System property naming the Python interpreter, as in python-bus' tests. */
    static final String PYTHON_PROPERTY = "hermesbus.python";
    private static final String RELATIVE = "python-bus/src/test/python";

    private PythonBusLogs() {
    }

    /** The interpreter: {@value #PYTHON_PROPERTY}, else {@code python3}. */
    static String python() {
        return System.getProperty(PYTHON_PROPERTY, "python3");
    }

    /** Python-bus' {@code src/test/python} folder (see the class comment). @throws IllegalStateException if none */
    static Path pluginsFolder() {
        String given = System.getProperty(PROPERTY);
        if (given != null && !given.isBlank()) {
            Path folder = Path.of(given).toAbsolutePath().normalize();
            if (!isPluginsFolder(folder)) {
                throw new IllegalStateException("system property " + PROPERTY + "=" + given + " names no folder holding"
                        + " hermes_standin/ and plugins/ (python-bus/src/test/python)");
            }
            return folder;
        }
        Path cwd = Path.of("").toAbsolutePath().normalize();
        List<Path> tried = new ArrayList<>();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (isPluginsFolder(candidate)) {
                return candidate;
            }
            tried.add(candidate);
        }
        throw new IllegalStateException("python-bus' test plugins not found: no " + RELATIVE + " in " + cwd
                + " or its ancestors (tried " + tried + "); run from the repository, or with -D" + PROPERTY
                + "=<path to python-bus/src/test/python> (after -jvmArgsAppend)");
    }

    private static boolean isPluginsFolder(Path dir) {
        return Files.isDirectory(dir.resolve("hermes_standin/lib")) && Files.isDirectory(dir.resolve("plugins"));
    }

    /**
     * The python bus's settings for the sqlitelog pair on the bus file {@code file}; the process of a closed plugin
     * ends at once ({@code keep_alive_ms} 0).
     */
    static Map<String, Object> settings(Path file) {
        Path plugins = pluginsFolder();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("python", python());
        settings.put("hermes_home", plugins.resolve("hermes_standin").toString());
        settings.put("plugin_dir", plugins.resolve("plugins").toString());
        settings.put("plugin", "sqlitelog");
        settings.put("settings", Map.of("uri", file.toString()));
        settings.put("keep_alive_ms", 0);
        return settings;
    }

    static AbstractMessageBusProducerPlugin openProducer(Path file) {
        AbstractMessageBusProducerPlugin producer = MessageBuses.producer(BUS, settings(file));
        producer.open();
        return producer;
    }

    /** An open consumer of the bus file {@code file} that does not wait at the end (timeout 0). */
    static AbstractMessageBusConsumerPlugin openConsumer(Path file) {
        AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer(BUS, settings(file));
        consumer.open();
        consumer.setTimeout(0);
        return consumer;
    }

    /** Writes {@code events} to the bus file {@code file} (made if missing) with the sqlitelog producer, through the bridge. */
    static void write(Path file, List<Event> events) {
        try (AbstractMessageBusProducerPlugin producer = openProducer(file)) {
            for (Event event : events) {
                producer.send(event);
            }
        }
    }
}
