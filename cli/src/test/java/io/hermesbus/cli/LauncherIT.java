package io.hermesbus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code ./hermes-bus} at the clone's root, run through symbolic links as a user puts it on the
 * PATH: it finds its clone and runs the jar. A {@code mvn} that only records its call comes first on the PATH, so
 * that a launcher that finds the jar stale never builds (a build would install into ~/.m2).
 */
class LauncherIT {
    @TempDir
    Path dir;

    @Test
    void theLauncherFindsItsCloneThroughAbsoluteRelativeAndChainedSymbolicLinks() throws Exception {
        Path script = Cli.jar().toAbsolutePath().getParent().getParent().getParent().resolve("hermes-bus");
        assertThat(script).isRegularFile();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fakeMaven = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\necho \"mvn $*\" >> \"" + dir.resolve("mvn.log") + "\"\n");
        Files.setPosixFilePermissions(fakeMaven, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path absolute = Files.createSymbolicLink(Files.createDirectories(dir.resolve("links")).resolve("hermes-bus"), script);
        Path relative = Files.createSymbolicLink(Files.createDirectories(dir.resolve("other/deeper")).resolve("hb"),
                Path.of("../../links/hermes-bus"));

        for (Path link : List.of(absolute, relative)) {
            ProcessBuilder builder = new ProcessBuilder(link.toString(), "--version").directory(dir.toFile())
                    .redirectErrorStream(true);
            builder.environment().put("PATH", bin + ":" + Path.of(System.getProperty("java.home"), "bin") + ":"
                    + System.getenv("PATH"));
            Process process = builder.start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(process.exitValue()).as(link + ": " + output).isZero();
            assertThat(output.lines().reduce((first, last) -> last).orElse("")).as(link + ": " + output).startsWith("hermes-bus ");
        }
    }
}
