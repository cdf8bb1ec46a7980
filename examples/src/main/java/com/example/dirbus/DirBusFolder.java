package com.example.dirbus;

import io.hermesbus.api.Event;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.InvalidEventException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetOutOfRangeException;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bus folder: one file per event, {@code 00000000000000000042.json} for offset 42, holding the publish time in
 * milliseconds on its first line and the event's Hermes JSON after it; {@code next-offset}, the offset the next
 * event gets (so offsets are never reused, even after retention deleted every file); {@code writer.lock}, which
 * writers lock. Offsets are ints without gaps: writers take turns, and retention deletes the oldest files only.
 *
 * <p>A writer writes the event to a temporary file, renames it into place, then writes {@code next-offset} (also by
 * a rename), so a reader sees whole files only, and a missing file below {@code next-offset} means that retention
 * deleted it. Readers use {@code java.io} streams, which an interrupt does not close. Nothing is forced to the disk:
 * a process crash loses nothing, a power loss may.
 */
final class DirBusFolder {
    private static final String NEXT = "next-offset";
    private static final String LOCK = "writer.lock";
    /** Writers of this JVM queue here first: the OS lock excludes other processes, not other threads. */
    private static final ConcurrentMap<Path, ReentrantLock> WRITERS = new ConcurrentHashMap<>();

    private final Path folder;

    DirBusFolder(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    Path path() {
        return folder;
    }

    /** Appends {@code json} as the next event, published now; returns its offset. */
    long append(String json) throws IOException {
        return underWriterLock(() -> {
            long offset = next();
            replace(fileOf(offset), System.currentTimeMillis() + "\n" + json);
            replace(folder.resolve(NEXT), Long.toString(offset + 1));
            return offset;
        });
    }

    /** Deletes the oldest events until at most {@code count} remain. */
    void retainNewest(long count) throws IOException {
        underWriterLock(() -> {
            long next = next();
            for (long offset = oldest(); offset < next - count; offset++) {
                Files.deleteIfExists(fileOf(offset)); // oldest first, so a reader never sees a hole
            }
            return null;
        });
    }

    /** A change of the folder, made while holding the writers' locks. */
    private interface Change<T> {
        T make() throws IOException;
    }

    private <T> T underWriterLock(Change<T> change) throws IOException {
        ReentrantLock writers = WRITERS.computeIfAbsent(folder, f -> new ReentrantLock());
        writers.lock();
        try (FileChannel channel = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.lock();
            try {
                return change.make();
            } finally {
                lock.release();
            }
        } finally {
            writers.unlock();
        }
    }

    private void replace(Path target, String text) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The offset the next event gets: 0 on a new folder. */
    long next() {
        try (FileInputStream in = new FileInputStream(folder.resolve(NEXT).toFile())) {
            return Long.parseLong(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        } catch (FileNotFoundException e) {
            return 0;
        } catch (IOException | NumberFormatException e) {
            throw new HermesBusException("dir bus " + folder + ": cannot read " + NEXT + ": " + e, e);
        }
    }

    /** The offset of the oldest retained event, or {@link #next()} when none is retained. */
    long oldest() {
        long oldest = Long.MAX_VALUE;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "[0-9]*.json")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                oldest = Math.min(oldest, Long.parseLong(name.substring(0, name.length() - ".json".length())));
            }
        } catch (NoSuchFileException e) {
            throw new HermesBusException("dir bus folder " + folder + " is gone", e);
        } catch (IOException e) {
            throw new UncheckedIOException("dir bus " + folder + ": cannot list the folder", e);
        }
        return oldest == Long.MAX_VALUE ? next() : oldest;
    }

    /**
     * Whether the event at {@code offset} is published.
     *
     * @throws OffsetOutOfRangeException if retention deleted it
     */
    boolean has(long offset) {
        // next-offset first: a writer moves the file into place before it raises next-offset, so a file missing
        // below the value read before looking was deleted, not yet to come
        long next = next();
        if (Files.exists(fileOf(offset))) {
            return true;
        }
        if (offset < next) {
            throw new OffsetOutOfRangeException("dir bus " + folder + ": the event at offset " + offset
                    + " was deleted by retention before it was read; the oldest retained offset is " + oldest()
                    + ". Call seekToBeginning() to go on from there, knowing events were lost");
        }
        return false;
    }

    /**
     * The event at {@code offset}, which is published.
     *
     * @throws OffsetOutOfRangeException if retention deleted it
     * @throws InvalidEventException if its file does not hold an event
     */
    Event read(long offset) {
        byte[] bytes;
        try (FileInputStream in = new FileInputStream(fileOf(offset).toFile())) {
            bytes = in.readAllBytes();
        } catch (FileNotFoundException e) {
            has(offset); // deleted since it was found: says so
            throw new HermesBusException("dir bus " + folder + ": the event at offset " + offset + " is missing", e);
        } catch (IOException e) {
            throw new HermesBusException("dir bus " + folder + ": cannot read the event at offset " + offset + ": " + e, e);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        try {
            long timestampMs = Long.parseLong(text.substring(0, Math.max(newline, 0)));
            return Event.fromJson(text.substring(newline + 1)).at(Offset.of(offset), Instant.ofEpochMilli(timestampMs));
        } catch (NumberFormatException e) {
            throw new InvalidEventException("the file " + fileOf(offset).getFileName() + " does not start with a timestamp", e);
        }
    }

    private Path fileOf(long offset) {
        return folder.resolve(String.format("%020d.json", offset));
    }
}
