package io.hermesbus.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hermesbus.api.MessageBusProvider;
import io.hermesbus.api.MessageBuses;
import io.hermesbus.api.Secrets;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every bus command shares: the bus's settings ({@code --settings FILE}, then {@code --set key=value}
 * on top) and the plugin jars the bus may come from ({@code --plugin-jar}).
 */
final class BusOptions {
    /** A settings file larger than this is refused unread: settings are a few lines, certificates are files. */
    static final long MAX_SETTINGS_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private ClassLoader loader;

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
     * The settings: the file's object, then each {@code --set}. From here on, their secrets (by name, and those
     * that any bus on {@link #classLoader()} declares) are scrubbed from everything the tool prints.
     *
     * @throws CliException (usage) if the file cannot be read or is not a JSON object
     */
    Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (settingsFile != null) {
            settings.putAll(readSettingsFile(settingsFile));
        }
        settings.putAll(set);
        Set<String> declared = new HashSet<>();
        ClassLoader loader = classLoader();
        MessageBuses.names(loader).forEach(bus -> declared.addAll(MessageBuses.provider(bus, loader).secretSettings()));
        ((HermesBusCli) command.root().userObject()).output.hide(Secrets.in(settings, declared));
        return settings;
    }

    /** Parse errors name the line and column only: the text at that place may be a password. */
    private static Map<String, Object> readSettingsFile(Path file) {
        String text;
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_SETTINGS_BYTES) {
                throw new CliException(ExitCodes.USAGE, "the settings file " + file + " holds " + Files.size(file)
                        + " bytes; a settings file is a JSON object of at most " + MAX_SETTINGS_BYTES + " bytes");
            }
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
        } catch (StreamConstraintsException e) {
            throw new CliException(ExitCodes.USAGE, "the settings file " + file + " nests too deep or holds too long a "
                    + "value for settings; give a JSON object such as {\"path\": \"/var/lib/bus\"}", e);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new CliException(ExitCodes.USAGE, "the settings file " + file + " is not one JSON object"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + ": " + withoutQuotedText(e.getOriginalMessage())
                    + "; give one JSON object such as {\"path\": \"/var/lib/bus\"}", e);
        }
        throw new CliException(ExitCodes.USAGE, "the settings file " + file
                + " must hold a JSON object of settings, such as {\"path\": \"/var/lib/bus\"}");
    }

    /** Jackson's message without the text it quotes from the file (an unquoted password, say). */
    private static String withoutQuotedText(String message) {
        return String.valueOf(message).replaceAll("Unrecognized token '[^']*'", "Unrecognized text").replaceAll("\\R.*", "");
    }

    /**
     * Where buses are found: this tool's class path, and the plugin jars on top of it (a child loader, so that a
     * plugin sees the api and the kit this tool carries).
     *
     * @throws CliException (usage) naming a jar that is missing or not a jar
     */
    ClassLoader classLoader() {
        if (loader == null) {
            loader = newClassLoader();
        }
        return loader;
    }

    private ClassLoader newClassLoader() {
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
