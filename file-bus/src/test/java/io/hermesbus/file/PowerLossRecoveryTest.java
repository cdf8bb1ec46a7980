package io.hermesbus.file;

import static io.hermesbus.file.TestBus.numbers;
import static io.hermesbus.file.TestBus.offsets;
import static io.hermesbus.file.TestBus.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hermesbus.api.Event;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After a power loss the unforced end of the last segment may hold any of its pages, in any order: a hole before
 * valid records, an index entry past it. The next producer, when the segment was last changed before the machine
 * started, cuts everything from the hole on (none of it was forced); without a restart the same bytes are corruption,
 * refused as before. Found by {@link PowerLossTest}.
 */
class PowerLossRecoveryTest {
    private static final FileTime BEFORE_RESTART = FileTime.from(Instant.EPOCH);

    /** Six events in one segment, then a hole of zeros over events 2 and 3. */
    private static long holeOverTwoRecords(TestBus bus, int indexIntervalBytes) throws Exception {
        FileBusProducer crashed = new FileBusProducer(bus.settings("durability", "os", "index_interval_bytes",
                indexIntervalBytes));
        crashed.open();
        TestBus.send(crashed, 0, 6);
        crashed.close();
        List<Long> positions = bus.recordPositions(0);
        TestBus.overwrite(bus.segment(0), positions.get(2), new byte[(int) (positions.get(4) - positions.get(2))]);
        return positions.get(2);
    }

    @Test
    void afterARestartTheNextProducerCutsFromAHoleInTheLastSegmentEvenWithValidRecordsAndIndexEntriesAfterIt()
            throws Exception {
        try (TestBus bus = new TestBus()) {
            long hole = holeOverTwoRecords(bus, 1); // every record indexed: the last entry lies after the hole
            Files.setLastModifiedTime(bus.segment(0), BEFORE_RESTART);

            FileBusConsumer before = bus.consumer();
            assertThat(catchThrowableOfType(CorruptLogException.class, () -> readAll(before)).position())
                    .as("before the producer, a consumer stops at the hole by raising, not quietly").isEqualTo(hole);

            bus.producer().send(TestBus.event(6));
            assertThat(Files.size(bus.segment(0))).as("cut at the hole, then event 6 appended").isGreaterThan(hole);
            assertThat(FileBus.check(bus.folder).healthy()).isTrue();
            List<Event> read = readAll(bus.consumer());
            assertThat(numbers(read)).containsExactly(0L, 1L, 6L);
            assertThat(offsets(read)).as("the cut offsets are given again").containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    void withoutARestartTheSameHoleIsCorruptionAndTheProducerRefusesToCutValidRecords() throws Exception {
        try (TestBus bus = new TestBus()) {
            // no index entry after the hole: one there hides it from today's producer (the damage work of issue 14)
            long hole = holeOverTwoRecords(bus, 4096);
            long size = Files.size(bus.segment(0));

            FileBusProducer next = new FileBusProducer(bus.settings());
            assertThat(catchThrowableOfType(CorruptLogException.class, next::open).position()).isEqualTo(hole);
            assertThat(Files.size(bus.segment(0))).as("nothing cut").isEqualTo(size);
        }
    }
}
