package io.hermesbus.tck;

import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.InvalidSettingsException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Folders for buses that live in files: a new, empty folder for every {@link BusUnderTest}, which it deletes with
 * {@link #delete(Path)} when it closes. Their names start with {@value #PREFIX}, so that a folder left behind (by
 * a killed run) tells where it came from.
 */
public final class FreshFolders {
    /** How the name of every folder made here starts. */
    public static final String PREFIX = "hermes-bus-verify-";

    private FreshFolders() {
    }

    /**
     * A new, empty folder in the system's temporary folder.
     *
     * @return the folder's path; the caller deletes it
     * @throws HermesBusException if it cannot be created
     */
    public static Path create() {
        try {
            return Files.createTempDirectory(PREFIX);
        } catch (IOException e) {
            throw new HermesBusException("cannot create a folder for a fresh bus in the system's temporary folder: " + e, e);
        }
    }

    /**
     * A new, empty folder in {@code parent} (created if missing): for a factory whose user said, in the setting
     * {@code setting}, where the buses go.
     *
     * @param parent where the folder goes: the user's setting, as a path
     * @param setting the name of that setting, for the error
     * @return the folder's path; the caller deletes it
     * @throws InvalidSettingsException naming {@code setting} if no folder can be created there
     */
    public static Path createIn(Path parent, String setting) {
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, PREFIX);
        } catch (IOException e) {
            InvalidSettingsException invalid = new InvalidSettingsException(setting, "cannot hold the folders of fresh"
                    + " buses: creating one in " + parent + " failed (" + e + "); give a folder this user may write");
            invalid.initCause(e);
            throw invalid;
        }
    }

    /**
     * Deletes {@code folder} and everything in it; nothing when it is gone already. Never follows links.
     *
     * @param folder the folder to delete, or a file
     * @throws HermesBusException if something in it cannot be deleted
     */
    public static void delete(Path folder) {
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // already deleted: what was wanted
        } catch (IOException e) {
            throw new HermesBusException("cannot delete the folder of a bus under test, " + folder + ": " + e, e);
        }
    }
}
