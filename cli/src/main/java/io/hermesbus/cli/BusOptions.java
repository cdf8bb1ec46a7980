package io.hermesbus.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hermesbus.api.MessageBusProvider;
import io.hermesbus.api.MessageBuses;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import picocli.CommandLine.Option;

/**
 * The options every bus command shares: the bus's settings ({@code --settings FILE}, then {@code --set key=value}
 * on top) and the plugin jars the bus may come from ({@code --plugin-jar}).
 */
final class BusOptions {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--settings", paramLabel = "FILE",
            description = "The bus's settings: a JSON object, as Hermes gives a plugin, such as {\"path\": \"/var/lib/bus\"}.")
    Path settingsFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "One setting, on top of --settings; repeatable. The value is text (a plugin reads numbers from "
                    + "text); use --settings for other JSON values.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--plugin-jar", paramLabel = "JAR",
            description = "A jar holding the bus's plugin (and what it needs); repeatable. Its buses are found by name.")
    List<Path> pluginJars = new ArrayList<>();

    /**
     * The settings: the file's object, then each {@code --set}.
     *
     * @throws CliException (usage) if the file cannot be read or is not a JSON object
     */
    Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (settingsFile != null) {
            settings.putAll(readSettingsFile(settingsFile));
        }
        settings.putAll(set);
        return settings;
    }

    private static Map<String, Object> readSettingsFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read the settings file " + file + ": " + Problems.of(e), e);
        }
        try {
            Object value = JSON.readValue(text, Object.class);
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> settings = new LinkedHashMap<>();
                map.forEach((name, setting) -> settings.put(String.valueOf(name), setting));
                return settings;
            }
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCodes.USAGE, "the settings file " + file + " is not JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")", e);
        }
        throw new CliException(ExitCodes.USAGE, "the settings file " + file
                + " must hold a JSON object of settings, such as {\"path\": \"/var/lib/bus\"}");
    }

    /**
     * Where buses are found: this tool's class path, and the plugin jars on top of it (a child loader, so that a
     * plugin sees the api and the kit this tool carries).
     *
     * @throws CliException (usage) naming a jar that is missing or not a jar
     */
    ClassLoader classLoader() {
        if (pluginJars.isEmpty()) {
            return BusOptions.class.getClassLoader();
        }
        List<URL> urls = new ArrayList<>();
        for (Path jar : pluginJars) {
            if (!Files.isRegularFile(jar)) {
                throw new CliException(ExitCodes.USAGE, "cannot read the plugin jar " + jar + ": "
                        + (Files.isDirectory(jar) ? "it is a folder, not a jar" : "no such file"));
            }
            try {
                new JarFile(jar.toFile()).close(); // opened only to tell a jar from any other file, here rather than later
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new CliException(ExitCodes.USAGE, "cannot use the plugin jar " + jar + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new CliException(ExitCodes.USAGE, "cannot read the plugin jar " + jar + ": " + Problems.of(e), e);
            }
        }
        return new URLClassLoader("hermes-bus plugins", urls.toArray(URL[]::new), BusOptions.class.getClassLoader());
    }

    /**
     * The provider of {@code bus} on {@link #classLoader()}; the plugins it makes find their own classes through
     * the thread's context class loader, which is set to the same loader.
     *
     * @throws io.hermesbus.api.UnknownBusException naming the buses found, if none is called {@code bus}
     */
    MessageBusProvider provider(String bus) {
        ClassLoader loader = classLoader();
        Thread.currentThread().setContextClassLoader(loader);
        return MessageBuses.provider(bus, loader);
    }
}
