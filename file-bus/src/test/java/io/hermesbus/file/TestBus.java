package io.hermesbus.file;

import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import io.hermesbus.testing.TempFolders;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A file bus in a fresh temporary folder for one test: opens plugins (closed with the bus), sends numbered events,
 * reads everything, and touches the files the way crashes and disks do.
 */
final class TestBus implements AutoCloseable {
    final Path folder;
    private final List<Runnable> closers = new ArrayList<>();

    TestBus() {
        folder = TempFolders.newFolder("file-bus-test-");
    }

    /** The settings with {@code path} and the given name/value pairs. */
    Map<String, Object> settings(Object... namesAndValues) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("path", folder.toString());
        for (int i = 0; i < namesAndValues.length; i += 2) {
            settings.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return settings;
    }

    /** An open producer with these extra settings. */
    FileBusProducer producer(Object... namesAndValues) {
        FileBusProducer producer = new FileBusProducer(settings(namesAndValues));
        producer.open();
        closers.add(producer::close);
        return producer;
    }

    /** An open consumer with timeout 0. */
    FileBusConsumer consumer(Object... namesAndValues) {
        FileBusConsumer consumer = new FileBusConsumer(settings(namesAndValues));
        consumer.open();
        consumer.setTimeout(0);
        closers.add(consumer::close);
        return consumer;
    }

    /** Event number {@code n} of {@code category}: its number is its objpkey. */
    static Event event(String category, long n) {
        return new Event(category, "added", "Users", n, Map.of("n", n), 0, false);
    }

    static Event event(long n) {
        return event("base", n);
    }

    /** Sends events {@code from .. to-1} with {@code producer}. */
    static void send(FileBusProducer producer, long from, long to) {
        for (long n = from; n < to; n++) {
            producer.send(event(n));
        }
    }

    /** Everything the consumer yields from its position until it is caught up (its timeout applies). */
    static List<Event> readAll(FileBusConsumer consumer) {
        List<Event> events = new ArrayList<>();
        consumer.forEach(events::add);
        return events;
    }

    /** The offsets of {@code events}. */
    static List<Long> offsets(List<Event> events) {
        return events.stream().map(e -> ((Offset.IntOffset) e.offset()).value()).toList();
    }

    /** The numbers (objpkeys) of {@code events}. */
    static List<Long> numbers(List<Event> events) {
        return events.stream().map(e -> (Long) e.objpkey()).toList();
    }

    static List<Long> range(long from, long to) {
        List<Long> numbers = new ArrayList<>();
        for (long n = from; n < to; n++) {
            numbers.add(n);
        }
        return numbers;
    }

    Path segment(long base) {
        return folder.resolve(SegmentFormat.segmentFileName(base));
    }

    Path index(long base) {
        return folder.resolve(SegmentFormat.indexFileName(base));
    }

    /** The byte positions of the records of the segment of {@code base}, in order, and its size last. */
    List<Long> recordPositions(long base) throws IOException {
        List<Long> positions = new ArrayList<>();
        try (SegmentReader reader = new SegmentReader()) {
            reader.open(segment(base), base);
            long at = SegmentFormat.FILE_HEADER_BYTES;
            while (reader.read(at) == RecordStatus.RECORD) {
                positions.add(at);
                at = reader.view().end();
            }
        }
        positions.add(Files.size(segment(base)));
        return positions;
    }

    /** Overwrites bytes of {@code file} at {@code position}, as a disk error would. */
    static void overwrite(Path file, long position, byte... bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileIo.writeFully(channel, ByteBuffer.wrap(bytes), position);
        }
    }

    /** Flips every bit of the byte at {@code position}. */
    static void flipByte(Path file, long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) ~one.get(0));
            one.rewind();
            channel.write(one, position);
        }
    }

    static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    /** A whole record as bytes, made by the format's encoder. */
    static byte[] record(long offset, String category, String json) {
        byte[] categoryBytes = category.getBytes(StandardCharsets.UTF_8);
        byte[] jsonBytes = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate((int) SegmentFormat.recordBytes(categoryBytes.length, jsonBytes.length));
        SegmentFormat.encodeRecord(buffer, new CRC32C(), offset, System.currentTimeMillis(), categoryBytes, jsonBytes);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** Appends {@code bytes} to the end of {@code file}. */
    static void append(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(bytes));
        }
    }

    @Override
    public void close() {
        for (int i = closers.size() - 1; i >= 0; i--) {
            closers.get(i).run();
        }
        TempFolders.deleteRecursively(folder);
    }
}
