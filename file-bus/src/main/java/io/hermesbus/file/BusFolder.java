package io.hermesbus.file;

import io.hermesbus.api.InvalidSettingsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks the {@code path} setting against the file system when a plugin opens, and gives the folder's real path:
 * the key under which plugins of one JVM share it ({@link SharedFolder}).
 */
final class BusFolder {
    private BusFolder() {
    }

    /**
     * The real path of the existing folder {@code path}, for a consumer.
     *
     * @throws InvalidSettingsException naming {@code path} if it does not exist or is not a folder
     */
    static Path existing(Path path) {
        if (Files.isRegularFile(path)) {
            throw notAFolder(path);
        }
        if (!Files.isDirectory(path)) {
            throw new InvalidSettingsException(FileBusSettings.PATH, "the folder " + path.toAbsolutePath()
                    + " does not exist; start a producer first (it creates the folder) or create it");
        }
        return realPath(path);
    }

    /**
     * The real path of the folder {@code path}, created with its missing parents if need be, for a writer.
     *
     * @throws InvalidSettingsException naming {@code path} if it is a file, cannot be created or is not writable
     */
    static Path writable(Path path) {
        if (Files.isRegularFile(path)) {
            throw notAFolder(path);
        }
        if (!Files.isDirectory(path)) {
            try {
                Files.createDirectories(path);
                // make the new folder's name durable, as segment names are
                Path parent = path.toAbsolutePath().getParent();
                if (parent != null) {
                    FileIo.forceFolder(parent);
                }
            } catch (IOException e) {
                throw new InvalidSettingsException(FileBusSettings.PATH, "the folder " + path.toAbsolutePath()
                        + " cannot be created: " + e);
            }
        }
        if (!Files.isWritable(path)) {
            throw new InvalidSettingsException(FileBusSettings.PATH, "the folder " + path.toAbsolutePath()
                    + " is not writable by this process; a producer needs to create and write files in it");
        }
        return realPath(path);
    }

    private static InvalidSettingsException notAFolder(Path path) {
        return new InvalidSettingsException(FileBusSettings.PATH, path.toAbsolutePath()
                + " is a file, not a folder; give the bus folder (a file bus keeps several files in it)");
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new InvalidSettingsException(FileBusSettings.PATH, "the folder " + path.toAbsolutePath()
                    + " cannot be resolved: " + e);
        }
    }
}
