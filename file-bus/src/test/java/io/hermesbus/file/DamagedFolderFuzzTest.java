package io.hermesbus.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hermesbus.api.Event;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.InvalidEventException;
import io.hermesbus.api.Offset;
import io.hermesbus.testing.HermesFixtures;
import io.hermesbus.testing.TempFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the file bus's reading of its folder: a healthy bus (several segments, their sparse indexes) written once by
 * a real producer, then per input its files overwritten, cut, extended, replaced or deleted as the fuzzer says, and
 * foreign files added; then {@link FileBus#check}, a consumer reading everything and seeking, and a producer opening.
 * The property: the check answers (damage is in its report, never thrown), the plugins either work or throw a
 * {@link HermesBusException} (a {@link CorruptLogException} naming the file, for damage), never another exception or a
 * hang; a consumer yields offsets in increasing order, and only events that were written whole: the template's
 * event at that offset, or a record the fuzzer forged with a valid CRC-32C (checked by a scan of its own).
 */
class DamagedFolderFuzzTest {
    private static final Path TEMPLATE = TempFolders.newFolder("file-bus-fuzz-template-");
    /** In memory where Linux offers it: producers force when they cut a torn tail, which inputs ask for all the time. */
    private static final Path WORK = workFolder();
    /** The template's files by name, and its events by offset. */
    private static final Map<String, byte[]> FILES = new TreeMap<>();
    private static final List<Event> EVENTS = new ArrayList<>();
    private static final String[] FOREIGN_NAMES = {"notes.log", "00000000000000000099.log", "00000000000000000000.log.tmp",
        "writer.lock", "00000000000000000007.idx", "99999999999999999999.log"};
    private static int folders;

    static {
        Map<String, Object> settings = Map.of("path", TEMPLATE.toString(), "durability", "os", "watch", false,
                "segment_bytes", 2000, "index_interval_bytes", 300);
        FileBusProducer producer = new FileBusProducer(settings);
        producer.open();
        List<String> names = HermesFixtures.eventNames();
        for (int i = 0; i < 24; i++) {
            Event event = Event.fromJson(HermesFixtures.eventJson(names.get(i % names.size())));
            producer.send(event);
            EVENTS.add(event);
        }
        producer.close();
        try (var files = Files.list(TEMPLATE)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.equals(SegmentFormat.LOCK_FILE)) {
                    FILES.put(name, Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path workFolder() {
        Path memory = Path.of("/dev/shm");
        try {
            return Files.isDirectory(memory) && Files.isWritable(memory)
                    ? Files.createTempDirectory(memory, "file-bus-fuzz-") : TempFolders.newFolder("file-bus-fuzz-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void deleteFolders() {
        TempFolders.deleteRecursively(TEMPLATE);
        TempFolders.deleteRecursively(WORK);
    }

    @FuzzTest(maxDuration = "10m")
    void readDamagedFolder(FuzzedDataProvider data) throws IOException {
        Path folder = WORK.resolve("bus-" + folders++);
        Files.createDirectories(folder);
        try {
            boolean damaged = damage(data, folder);
            FileBusCheck check = FileBus.check(folder);
            if (!damaged) {
                assertThat(check.healthy()).as("%s", check.badRecords()).isTrue();
                assertThat(check.records()).isEqualTo(EVENTS.size());
            }
            Map<String, Object> settings = Map.of("path", folder.toString(), "watch", false, "durability", "os");
            readAndSeek(data, folder, settings);
            openProducer(settings);
        } finally {
            TempFolders.deleteRecursively(folder);
        }
    }

    /** Writes the template's files into {@code folder} as the fuzzer changes them; whether anything was changed. */
    private static boolean damage(FuzzedDataProvider data, Path folder) throws IOException {
        boolean damaged = false;
        for (Map.Entry<String, byte[]> file : FILES.entrySet()) {
            byte[] bytes = file.getValue().clone();
            int action = data.consumeInt(0, 7);
            switch (action) {
                case 1, 2 -> { // overwrite a few bytes
                    for (int n = data.consumeInt(1, 4); n > 0; n--) {
                        int at = data.consumeInt(0, bytes.length - 1);
                        byte[] with = data.consumeBytes(data.consumeInt(1, 8));
                        System.arraycopy(with, 0, bytes, at, Math.min(with.length, bytes.length - at));
                    }
                }
                case 3 -> bytes = Arrays.copyOf(bytes, data.consumeInt(0, bytes.length)); // cut
                case 4 -> bytes = concat(bytes, data.consumeBytes(data.consumeInt(0, 64))); // extend
                case 5 -> bytes = data.consumeBytes(data.consumeInt(0, 64)); // replace
                case 6 -> bytes = null; // delete
                default -> {
                }
            }
            damaged |= bytes == null || !Arrays.equals(bytes, file.getValue());
            if (bytes != null) {
                Files.write(folder.resolve(file.getKey()), bytes);
            }
        }
        if (data.consumeBoolean()) {
            Files.write(folder.resolve(data.pickValue(FOREIGN_NAMES)), data.consumeBytes(data.consumeInt(0, 64)));
            damaged = true;
        }
        return damaged;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static void readAndSeek(FuzzedDataProvider data, Path folder, Map<String, Object> settings) {
        FileBusConsumer consumer = new FileBusConsumer(settings);
        consumer.setTimeout(0);
        try {
            consumer.open();
            readSome(consumer, folder, EVENTS.size() + 2);
            for (int n = data.consumeInt(0, 3); n > 0; n--) {
                Offset to = Offset.of(data.consumeLong(-2, EVENTS.size() + 2));
                try {
                    if (data.consumeBoolean()) {
                        consumer.seek(to);
                    } else {
                        consumer.seekAfter(to);
                    }
                } catch (HermesBusException e) {
                    continue; // out of range, damage, negative: each a clear error
                }
                readSome(consumer, folder, 3);
            }
        } catch (HermesBusException e) {
            assertThat(e.getMessage()).isNotBlank();
        } finally {
            consumer.close();
        }
    }

    /** Reads up to {@code most} events, stepping over undecodable ones; stops at the end or at another error. */
    private static void readSome(FileBusConsumer consumer, Path folder, int most) {
        long last = -1;
        for (int read = 0; read < most; read++) {
            Event event;
            try {
                Iterator<Event> events = consumer.iterator();
                if (!events.hasNext()) {
                    return;
                }
                event = events.next();
            } catch (InvalidEventException e) {
                if (e.offset().isEmpty()) {
                    throw e;
                }
                consumer.seekAfter(e.offset().get());
                continue;
            }
            long offset = ((Offset.IntOffset) event.offset()).value();
            assertThat(offset).as("offsets increase").isGreaterThan(last);
            last = offset;
            boolean asWritten = offset >= 0 && offset < EVENTS.size() && EVENTS.get((int) offset).sameContentAs(event);
            if (!asWritten && !forgedRecordHolds(folder, offset, event)) {
                fail("yielded an event that was not written whole at offset " + offset + ": " + event);
            }
        }
    }

    /**
     * Whether some {@code *.log} file holds, at any position, a record with a valid CRC-32C, this offset and JSON that
     * reads as {@code event}: a record the fuzzer forged whole, which a reader rightly takes. An independent reading
     * of the format, so that a reader's mistake is not excused by the same mistake.
     */
    private static boolean forgedRecordHolds(Path folder, long offset, Event event) {
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
                for (int at = 0; at + 26 <= bytes.limit(); at++) {
                    int length = bytes.getInt(at);
                    if (length < 18 || length > bytes.limit() - at - 8 || bytes.getLong(at + 8) != offset) {
                        continue;
                    }
                    CRC32C crc = new CRC32C();
                    crc.update(bytes.array(), at + 8, length);
                    int categoryLength = bytes.getShort(at + 24) & 0xFFFF;
                    if ((int) crc.getValue() != bytes.getInt(at + 4) || 18 + categoryLength > length) {
                        continue;
                    }
                    String json = new String(bytes.array(), at + 26 + categoryLength, length - 18 - categoryLength,
                            StandardCharsets.UTF_8);
                    try {
                        if (Event.fromJson(json).sameContentAs(event)) {
                            return true;
                        }
                    } catch (InvalidEventException e) {
                        // not this one
                    }
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void openProducer(Map<String, Object> settings) {
        FileBusProducer producer = new FileBusProducer(settings);
        try {
            producer.open();
        } catch (HermesBusException e) {
            assertThat(e.getMessage()).isNotBlank();
        } finally {
            producer.close();
        }
    }
}
