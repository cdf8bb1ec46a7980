package io.hermesbus.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The few file operations that need care: whole positional writes and reads, and forcing a folder. */
final class FileIo {
    private FileIo() {
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
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
