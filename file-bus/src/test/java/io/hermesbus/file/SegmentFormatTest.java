package io.hermesbus.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentFormatTest {
    @TempDir
    Path folder;

    private Path segmentWith(byte[]... records) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(SegmentFormat.FILE_HEADER_BYTES);
        SegmentFormat.putFileHeader(header, SegmentFormat.LOG_MAGIC);
        Path file = folder.resolve(SegmentFormat.segmentFileName(7));
        Files.write(file, header.array());
        for (byte[] record : records) {
            TestBus.append(file, record);
        }
        return file;
    }

    @Test
    void aRecordReadsBackWithEveryField() throws IOException {
        byte[] record = TestBus.record(7, "catégorie", "{\"json\": \"é\"}");
        Path file = segmentWith(record);

        try (SegmentReader reader = new SegmentReader()) {
            reader.open(file, 7);
            assertThat(reader.read(16)).isEqualTo(RecordStatus.RECORD);
            RecordView view = reader.view();

            assertThat(view.offset).isEqualTo(7);
            assertThat(view.timestampMs).isCloseTo(System.currentTimeMillis(), within(60_000L));
            assertThat(view.category()).isEqualTo("catégorie");
            assertThat(view.categoryIs("catégorie".getBytes(StandardCharsets.UTF_8))).isTrue();
            assertThat(view.categoryIs("categorie".getBytes(StandardCharsets.UTF_8))).isFalse();
            assertThat(view.json()).isEqualTo("{\"json\": \"é\"}");
            assertThat(view.end()).isEqualTo(16 + record.length);
            assertThat(reader.read(view.end())).isEqualTo(RecordStatus.END);
        }
    }

    @Test
    void theLayoutIsTheDocumentedOne() {
        byte[] record = TestBus.record(0x0102030405060708L, "ab", "{}");
        ByteBuffer bytes = ByteBuffer.wrap(record);

        assertThat(record.length).isEqualTo(8 + 18 + 2 + 2);
        assertThat(bytes.getInt(0)).as("length: bytes after the crc").isEqualTo(record.length - 8);
        CRC32C crc = new CRC32C();
        crc.update(record, 8, record.length - 8);
        assertThat(bytes.getInt(4)).as("crc32c of those bytes").isEqualTo((int) crc.getValue());
        assertThat(bytes.getLong(8)).as("offset, big-endian").isEqualTo(0x0102030405060708L);
        assertThat(bytes.getShort(24)).as("category length").isEqualTo((short) 2);
        assertThat(new String(record, 26, 2, StandardCharsets.UTF_8)).isEqualTo("ab");
        assertThat(new String(record, 28, 2, StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void changingAnyByteOfARecordMakesItUnreadable() throws IOException {
        byte[] record = TestBus.record(0, "base", "{\"a\": 1}");
        for (int i = 0; i < record.length; i++) {
            byte[] damaged = record.clone();
            damaged[i] ^= 0x10;
            Path file = segmentWith(damaged);
            try (SegmentReader reader = new SegmentReader()) {
                reader.open(file, 0);
                assertThat(reader.read(16)).as("byte %d changed", i).isIn(RecordStatus.INVALID, RecordStatus.INCOMPLETE);
            }
        }
    }

    @Test
    void aRecordCutShortIsIncomplete() throws IOException {
        byte[] record = TestBus.record(0, "base", "{\"a\": 1}");
        for (int kept = 1; kept < record.length; kept++) {
            Path file = segmentWith(Arrays.copyOf(record, kept));
            try (SegmentReader reader = new SegmentReader()) {
                reader.open(file, 0);
                assertThat(reader.read(16)).as("%d bytes kept", kept).isEqualTo(RecordStatus.INCOMPLETE);
            }
        }
    }

    @Test
    void lengthsOutsideTheValidRangeAreInvalid() throws IOException {
        for (int length : new int[] {0, 17, -1, SegmentFormat.MAX_RECORD_LENGTH + 1}) {
            byte[] record = TestBus.record(0, "", "x".repeat(40));
            ByteBuffer.wrap(record).putInt(0, length);
            Path file = segmentWith(record);
            try (SegmentReader reader = new SegmentReader()) {
                reader.open(file, 0);
                assertThat(reader.read(16)).as("length %d", length).isEqualTo(RecordStatus.INVALID);
            }
        }
    }

    @Test
    void aCategoryLongerThanTheRecordIsInvalid() throws IOException {
        byte[] record = TestBus.record(0, "ab", "{}");
        ByteBuffer.wrap(record).putShort(24, (short) 5);
        CRC32C crc = new CRC32C();
        crc.update(record, 8, record.length - 8);
        ByteBuffer.wrap(record).putInt(4, (int) crc.getValue());

        try (SegmentReader reader = new SegmentReader()) {
            reader.open(segmentWith(record), 0);
            assertThat(reader.read(16)).isEqualTo(RecordStatus.INVALID);
        }
    }

    @Test
    void recordsLargerThanTheReadBufferAreRead() throws IOException {
        String big = "{\"big\": \"" + "x".repeat(1_000_000) + "\"}";
        Path file = segmentWith(TestBus.record(0, "a", "{}"), TestBus.record(1, "b", big), TestBus.record(2, "c", "{}"));

        try (SegmentReader reader = new SegmentReader()) {
            reader.open(file, 0);
            long at = 16;
            for (int i = 0; i < 3; i++) {
                assertThat(reader.read(at)).isEqualTo(RecordStatus.RECORD);
                assertThat(reader.view().offset).isEqualTo(i);
                at = reader.view().end();
            }
            assertThat(reader.read(at)).isEqualTo(RecordStatus.END);
            assertThat(reader.read(16 + TestBus.record(0, "a", "{}").length)).isEqualTo(RecordStatus.RECORD);
            assertThat(reader.view().json()).isEqualTo(big);
        }
    }

    @Test
    void segmentNamesAreTwentyDigits() {
        assertThat(SegmentFormat.segmentFileName(0)).isEqualTo("00000000000000000000.log");
        assertThat(SegmentFormat.indexFileName(1234)).isEqualTo("00000000000000001234.idx");
        assertThat(SegmentFormat.segmentFileName(Long.MAX_VALUE)).isEqualTo("09223372036854775807.log");
        assertThat(SegmentFormat.baseOffsetOf("00000000000000001234.log")).isEqualTo(1234);
        assertThat(SegmentFormat.baseOffsetOf("09223372036854775807.log")).isEqualTo(Long.MAX_VALUE);
        assertThat(SegmentFormat.baseOffsetOf("99999999999999999999.log")).isEqualTo(-1);
        assertThat(SegmentFormat.baseOffsetOf("1234.log")).isEqualTo(-1);
        assertThat(SegmentFormat.baseOffsetOf("0000000000000000123x.log")).isEqualTo(-1);
        assertThat(SegmentFormat.baseOffsetOf("00000000000000001234.idx")).isEqualTo(-1);
    }

    @Test
    void aRecordGetsAnIndexEntryWhenItCoversAMultipleOfTheInterval() {
        assertThat(SegmentFormat.getsIndexEntry(16, 100, 4096)).isFalse();
        assertThat(SegmentFormat.getsIndexEntry(4000, 100, 4096)).isTrue();
        assertThat(SegmentFormat.getsIndexEntry(4096, 10, 4096)).isTrue();
        assertThat(SegmentFormat.getsIndexEntry(4097, 10, 4096)).isFalse();
        assertThat(SegmentFormat.getsIndexEntry(12345, 26, 1)).isTrue();
    }

    @Test
    void foreignHeadersAreNamed() {
        ByteBuffer header = ByteBuffer.allocate(16);
        SegmentFormat.putFileHeader(header, SegmentFormat.LOG_MAGIC);
        assertThat(SegmentFormat.headerProblem(header.flip(), SegmentFormat.LOG_MAGIC)).isNull();
        assertThat(SegmentFormat.headerProblem(header, SegmentFormat.INDEX_MAGIC)).contains("HBUSIDX1", "HBUSLOG1");
        header.putInt(8, 2);
        assertThat(SegmentFormat.headerProblem(header, SegmentFormat.LOG_MAGIC)).contains("version is 2");
    }
}
