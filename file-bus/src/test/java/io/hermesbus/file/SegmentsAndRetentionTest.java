package io.hermesbus.file;

import static io.hermesbus.file.TestBus.numbers;
import static io.hermesbus.file.TestBus.offsets;
import static io.hermesbus.file.TestBus.range;
import static io.hermesbus.file.TestBus.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetOutOfRangeException;
import java.nio.file.Files;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

/** Segments roll at segment_bytes; retention deletes whole segments, oldest first, never the last one. */
class SegmentsAndRetentionTest {

    @Test
    void segmentsRollAtSegmentBytesAndAreNamedAfterTheirFirstOffset() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer("segment_bytes", 600), 0, 20);

            FileBusDescription description = FileBus.describe(bus.folder);
            assertThat(description.segments()).hasSizeGreaterThan(3);
            assertThat(description.totalEvents()).isEqualTo(20);
            assertThat(description.nextOffset()).isEqualTo(20);
            long expectedBase = 0;
            for (SegmentDescription segment : description.segments()) {
                assertThat(segment.baseOffset()).isEqualTo(expectedBase);
                assertThat(segment.file().getFileName().toString()).isEqualTo(SegmentFormat.segmentFileName(expectedBase));
                assertThat(segment.bytes()).isEqualTo(Files.size(segment.file()));
                assertThat(segment.newestTimestamp()).isPresent();
                expectedBase = segment.lastOffset().getAsLong() + 1;
            }
            SegmentDescription first = description.segments().get(0);
            assertThat(first.bytes() - first.bytes() / first.events()).as("full once past segment_bytes").isLessThan(600);
            assertThat(offsets(readAll(bus.consumer()))).isEqualTo(range(0, 20));
        }
    }

    @Test
    void seekLandsRightAtEveryOffsetAroundSegmentBoundaries() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer("segment_bytes", 600), 0, 20);
            FileBusConsumer consumer = bus.consumer();

            for (long target = 0; target < 20; target++) {
                consumer.seek(Offset.of(target));
                Iterator<Event> events = consumer.iterator();
                assertThat(events.next().offset()).as("seek(%d)", target).isEqualTo(Offset.of(target));
                if (target < 19) {
                    assertThat(events.next().offset()).as("after seek(%d)", target).isEqualTo(Offset.of(target + 1));
                }
            }
            consumer.seek(Offset.of(20L));
            assertThat(consumer.iterator().hasNext()).isFalse();
            assertThatThrownBy(() -> consumer.seek(Offset.of(21L))).isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("accepted offsets are 0 to 19, or 20 to wait");
            assertThatThrownBy(() -> consumer.seek(Offset.of(-1L))).isInstanceOf(OffsetOutOfRangeException.class);
        }
    }

    @Test
    void retentionByBytesKeepsTheNewestSegmentsWithinTheLimit() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer("segment_bytes", 600, "retention_bytes", 1500);
            TestBus.send(producer, 0, 50);

            FileBusDescription description = FileBus.describe(bus.folder);
            assertThat(description.totalBytes()).isLessThanOrEqualTo(1500 + 600 + 300);
            assertThat(description.nextOffset()).isEqualTo(50);
            long oldest = description.oldestOffset().getAsLong();
            assertThat(oldest).isGreaterThan(0);
            assertThat(Files.list(bus.folder).filter(f -> f.toString().endsWith(".idx"))
                    .allMatch(idx -> Files.exists(bus.folder.resolve(idx.getFileName().toString().replace(".idx", ".log")))))
                    .as("indexes go with their segments").isTrue();

            FileBusConsumer consumer = bus.consumer();
            assertThat(numbers(readAll(consumer))).isEqualTo(range(oldest, 50));
            assertThatThrownBy(() -> consumer.seek(Offset.of(oldest - 1))).isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("below the oldest retained offset " + oldest);
        }
    }

    @Test
    void retentionNeverDeletesTheLastSegment() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer("segment_bytes", 1, "retention_bytes", 1), 0, 5);

            FileBusDescription description = FileBus.describe(bus.folder);
            assertThat(description.segments()).hasSize(1);
            assertThat(numbers(readAll(bus.consumer()))).containsExactly(4L);
        }
    }

    @Test
    void retentionByAgeDeletesSegmentsWhoseNewestEventIsOlder() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer("segment_bytes", 600);
            TestBus.send(producer, 0, 20);
            int segments = FileBus.describe(bus.folder).segments().size();

            bus.producer("retention_ms", 3_600_000);
            assertThat(FileBus.describe(bus.folder).segments()).as("nothing an hour old").hasSize(segments);

            long newest = FileBus.describe(bus.folder).segments().get(segments - 1).newestTimestamp().get().toEpochMilli();
            while (System.currentTimeMillis() <= newest + 1) {
                Thread.sleep(5);
            }
            bus.producer("retention_ms", 1);
            FileBusDescription description = FileBus.describe(bus.folder);
            assertThat(description.segments()).as("all but the last, which is never deleted").hasSize(1);
            assertThat(description.nextOffset()).isEqualTo(20);
        }
    }

    @Test
    void retainNewestKeepsAtLeastThatManyEventsInWholeSegments() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer("segment_bytes", 600), 0, 20);
            int perSegment = (int) FileBus.describe(bus.folder).segments().get(0).events();

            FileBus.retainNewest(bus.folder, 5);

            long kept = FileBus.describe(bus.folder).totalEvents();
            assertThat(kept).isGreaterThanOrEqualTo(5).isLessThan(5 + perSegment);
            assertThat(numbers(readAll(bus.consumer()))).isEqualTo(range(20 - kept, 20));
        }
    }

    @Test
    void retainNewestZeroDeletesEveryEventAndOffsetsAreNotReused() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer();
            TestBus.send(producer, 0, 5);
            FileBusConsumer consumer = bus.consumer();

            FileBus.retainNewest(bus.folder, 0);

            assertThat(FileBus.describe(bus.folder).totalEvents()).isZero();
            assertThatThrownBy(() -> consumer.iterator().hasNext()).isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("offset 0").hasMessageContaining("oldest retained offset is 5");
            consumer.seekToBeginning();
            assertThat(consumer.iterator().hasNext()).isFalse();
            assertThatThrownBy(() -> consumer.seek(Offset.of(4L))).isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("the only accepted offset is 5");

            producer.send(TestBus.event(5));
            assertThat(offsets(readAll(consumer))).containsExactly(5L);
        }
    }

    @Test
    void aConsumerWhosePositionWasDeletedIsToldSoAndRecoversFromTheBeginning() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer("segment_bytes", 600), 0, 20);
            FileBusConsumer consumer = bus.consumer();
            consumer.seek(Offset.of(2L));

            FileBus.retainNewest(bus.folder, 3);

            long oldest = FileBus.describe(bus.folder).oldestOffset().getAsLong();
            assertThatThrownBy(() -> consumer.iterator().hasNext()).isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("deleted by retention");
            consumer.seekToBeginning();
            assertThat(numbers(readAll(consumer))).isEqualTo(range(oldest, 20));
        }
    }

    @Test
    void describeAnEmptyBus() throws Exception {
        try (TestBus bus = new TestBus()) {
            assertThat(FileBus.describe(bus.folder).segments()).isEmpty();
            bus.producer();
            FileBusDescription description = FileBus.describe(bus.folder);
            assertThat(description.segments()).hasSize(1);
            assertThat(description.segments().get(0).lastOffset()).isEmpty();
            assertThat(description.totalEvents()).isZero();
            assertThat(description.oldestOffset()).isEmpty();
            assertThat(description.nextOffset()).isZero();
        }
    }
}
