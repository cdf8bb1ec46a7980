package io.hermesbus.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.file.FileBusCheck.BadRecord;
import io.hermesbus.file.FileBusCheck.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@link FileBus#check}: a full read of every record, reporting damage instead of throwing it. */
class FileBusCheckTest {

    @Test
    void aHealthyFolderHasSegmentsCategoriesAndRetentionAndNoBadRecord() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer("segment_bytes", 1);
            producer.send(TestBus.event("users", 0));
            producer.send(TestBus.event("users", 1));
            producer.send(TestBus.event("groups", 2));
            producer.send(TestBus.event("users", 3));
            producer.close();
            FileBus.retainNewest(bus.folder, 2);
            byte[] before = Files.readAllBytes(bus.segment(2));

            FileBusCheck check = FileBus.check(bus.folder);

            assertThat(check.healthy()).as(check.toString()).isTrue();
            assertThat(check.tail()).isEmpty();
            assertThat(check.records()).isEqualTo(2);
            assertThat(check.oldestRetainedOffset()).isEqualTo(OptionalLong.of(2));
            assertThat(check.nextOffset()).isEqualTo(4);
            assertThat(check.segments()).extracting(SegmentDescription::baseOffset).containsExactly(2L, 3L);
            assertThat(check.segments().get(0).lastOffset()).isEqualTo(OptionalLong.of(2));
            assertThat(check.segments().get(0).events()).isEqualTo(1);
            assertThat(check.segments().get(0).newestTimestamp()).isPresent();
            assertThat(check.segments().get(0).bytes()).isEqualTo(Files.size(bus.segment(2)));
            assertThat(check.categories()).containsOnlyKeys("groups", "users");
            assertThat(check.categories().get("users").events()).isEqualTo(1);
            assertThat(check.categories().get("users").bytes()).isEqualTo(bus.recordPositions(3).get(1) - 16);
            assertThat(Files.readAllBytes(bus.segment(2))).as("read-only").isEqualTo(before);
        }
    }

    @Test
    void aFlippedByteInAMiddleRecordIsNamedByFileAndPositionAndTheCheckGoesOn() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer(), 0, 10);
            long damaged = bus.recordPositions(0).get(5);
            TestBus.flipByte(bus.segment(0), damaged + 40);

            FileBusCheck check = FileBus.check(bus.folder);

            assertThat(check.badRecords()).hasSize(1);
            BadRecord bad = check.badRecords().get(0);
            assertThat(bad.file()).isEqualTo(bus.segment(0).toRealPath());
            assertThat(bad.position()).isEqualTo(damaged);
            assertThat(bad.problem()).isEqualTo(Problem.CHECKSUM_MISMATCH);
            assertThat(bad.what()).contains("offset 5 is lost");
            assertThat(check.records()).isEqualTo(9);
            assertThat(check.nextOffset()).isEqualTo(10);
            assertThat(check.tail()).isEmpty();
        }
    }

    @Test
    void anUndecodableJsonIsABadRecordAtItsOffset() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer(), 0, 2);
            FileBus.appendRaw(bus.folder, "base", "{not json".getBytes(StandardCharsets.UTF_8));
            TestBus.send(bus.producer(), 3, 4);

            FileBusCheck check = FileBus.check(bus.folder);

            assertThat(check.badRecords()).hasSize(1);
            BadRecord bad = check.badRecords().get(0);
            assertThat(bad.problem()).isEqualTo(Problem.UNDECODABLE_JSON);
            assertThat(bad.offset()).isEqualTo(OptionalLong.of(2));
            assertThat(bad.position()).isEqualTo(bus.recordPositions(0).get(2));
            assertThat(check.records()).isEqualTo(4);
        }
    }

    @Test
    void aTornTailIsReportedAsATailNotABadRecord() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer(), 0, 3);
            List<Long> positions = bus.recordPositions(0);
            TestBus.truncate(bus.segment(0), positions.get(3) - 5);

            FileBusCheck check = FileBus.check(bus.folder);

            assertThat(check.healthy()).as(check.toString()).isTrue();
            assertThat(check.tail()).hasValueSatisfying(tail -> {
                assertThat(tail.position()).isEqualTo(positions.get(2));
                assertThat(tail.bytes()).isEqualTo(positions.get(3) - 5 - positions.get(2));
            });
            assertThat(check.records()).isEqualTo(2);
            assertThat(check.nextOffset()).isEqualTo(2);
            assertThat(Files.size(bus.segment(0))).as("nothing cut").isEqualTo(positions.get(3) - 5);
        }
    }

    @Test
    void aMissingMiddleSegmentIsABadRecordNamingTheMissingFile() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer("segment_bytes", 1), 0, 3);
            Files.delete(bus.segment(1));

            FileBusCheck check = FileBus.check(bus.folder);

            assertThat(check.badRecords()).hasSize(1);
            BadRecord bad = check.badRecords().get(0);
            assertThat(bad.problem()).isEqualTo(Problem.MISSING_SEGMENT);
            assertThat(bad.file().getFileName()).isEqualTo(bus.segment(1).getFileName());
            assertThat(bad.offset()).isEqualTo(OptionalLong.of(1));
            assertThat(bad.what()).contains("offset 1");
            assertThat(check.segments()).extracting(SegmentDescription::baseOffset).containsExactly(0L, 2L);
            assertThat(check.records()).isEqualTo(2);
        }
    }
}
