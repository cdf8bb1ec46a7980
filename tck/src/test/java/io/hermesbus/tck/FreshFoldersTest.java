package io.hermesbus.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.InvalidSettingsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folders of buses that live in files: new and empty each time, where asked, and gone after delete. */
class FreshFoldersTest {
    @TempDir
    Path dir;

    @Test
    void eachFolderIsNewAndEmptyInTheParentWhichIsCreatedIfMissing() throws IOException {
        Path parent = dir.resolve("not/yet");

        Path first = FreshFolders.createIn(parent, "path");
        Path second = FreshFolders.createIn(parent, "path");

        assertThat(first).isEmptyDirectory().hasParent(parent);
        assertThat(first.getFileName().toString()).startsWith("hermes-bus-verify-");
        assertThat(second).isEmptyDirectory().isNotEqualTo(first);
    }

    @Test
    void aParentThatCannotHoldFoldersIsASettingsErrorNamingTheSetting() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");

        assertThatThrownBy(() -> FreshFolders.createIn(file, "path")).isInstanceOf(InvalidSettingsException.class)
                .hasMessageStartingWith("setting 'path': cannot hold the folders of fresh buses: creating one in " + file
                        + " failed (java.nio.file.FileAlreadyExistsException: " + file + ")");
    }

    @Test
    void deleteRemovesEverythingInsideAndIsQuietWhenGone() throws IOException {
        Path folder = FreshFolders.create();
        Files.createDirectories(folder.resolve("a/b"));
        Files.writeString(folder.resolve("a/b/c.log"), "x");

        FreshFolders.delete(folder);
        FreshFolders.delete(folder);

        assertThat(folder).doesNotExist();
    }
}
