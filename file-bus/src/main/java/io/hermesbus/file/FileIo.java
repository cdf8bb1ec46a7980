package io.hermesbus.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The few file operations that need care (whole positional writes and reads, forcing a folder), and the one place
 * where the bus opens, renames and deletes its files: {@link #disk}.
 */
final class FileIo {
    /**
     * Where every file of a bus folder is opened, renamed and deleted, and a folder forced: the file system. A test
     * seam, as {@link CrashSeam}: the power-loss simulation replaces it with a disk that records each change; nothing
     * else sets it.
     */
    static volatile Disk disk = new Disk();

    private FileIo() {
    }

    /** The file system's operations, which a test's subclass records. */
    static class Disk {
        FileChannel open(Path file, OpenOption... options) throws IOException {
            return FileChannel.open(file, options);
        }

        void move(Path from, Path to) throws IOException {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }

        boolean deleteIfExists(Path file) throws IOException {
            return Files.deleteIfExists(file);
        }

        void forceFolder(Path folder) throws IOException {
            try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
                channel.force(true);
            }
        }
    }

    static FileChannel open(Path file, OpenOption... options) throws IOException {
        return disk.open(file, options);
    }

    /** Renames {@code from} to {@code to} atomically, replacing {@code to}. */
    static void move(Path from, Path to) throws IOException {
        disk.move(from, to);
    }

    static boolean deleteIfExists(Path file) throws IOException {
        return disk.deleteIfExists(file);
    }

    /** Writes all of {@code bytes} at {@code position}: a positional write may write fewer bytes than given. */
    static void writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    }

    /** Reads from {@code position} until {@code into} is full or the file ends; returns how many bytes were read. */
    static int readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        int start = into.position();
        while (into.hasRemaining()) {
            if (channel.read(into, position + into.position() - start) <= 0) {
                break;
            }
        }
        return into.position() - start;
    }

    /**
     * Makes the folder's entries (files created, renamed or deleted) durable: forcing a file does not make its
     * name durable (fsync(2)).
     */
    static void forceFolder(Path folder) throws IOException {
        disk.forceFolder(folder);
    }
}
