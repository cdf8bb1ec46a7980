package io.hermesbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.Event;
import io.hermesbus.tck.BusUnderTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds, inside the test, the jar of a deliberately wrong plugin, the bus {@code wrong} (sources in the test
 * resources, {@code wrong-plugin/}): compiled with {@link JavaCompiler} against the api and tck jars only, as an
 * outsider builds a plugin, and jarred with {@link JarOutputStream}.
 */
final class WrongPlugin {
    private static final String SOURCES = "wrong-plugin";
    private static final String PACKAGE = "com.example.wrong.";

    private WrongPlugin() {
    }

    /** The plugin jar with its provider and, if {@code withFactory}, its BusUnderTestFactory registered. */
    static Path jar(Path dir, boolean withFactory) {
        try {
            Path classes = Files.createDirectories(dir.resolve("classes"));
            compile(classes);
            Path jar = dir.resolve(withFactory ? "wrong-plugin.jar" : "wrong-plugin-without-factory.jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest());
                 Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    put(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
                put(out, "META-INF/services/io.hermesbus.api.MessageBusProvider", (PACKAGE + "OffByOneSeekProvider\n").getBytes());
                if (withFactory) {
                    put(out, "META-INF/services/io.hermesbus.tck.BusUnderTestFactory", (PACKAGE + "OffByOneSeekFactory\n").getBytes());
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compile(Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's compiler").isNotNull();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString(),
                "-classpath", location(Event.class) + java.io.File.pathSeparator + location(BusUnderTest.class)));
        try (Stream<Path> sources = Files.walk(resource(SOURCES))) {
            sources.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac of the wrong plugin").isZero();
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private static Manifest manifest() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        return manifest;
    }

    /** The jar (or classes folder) a class was loaded from: the api and tck artifacts the build resolved. */
    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(WrongPlugin.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
