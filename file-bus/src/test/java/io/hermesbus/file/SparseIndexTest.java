package io.hermesbus.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The index is a hint: whatever state it is in, a seek lands on the right event. */
class SparseIndexTest {
    private static final int EVENTS = 40;

    /** A bus of {@value #EVENTS} events in one segment with an index entry for every record. */
    private static TestBus busWithFullIndex() {
        TestBus bus = new TestBus();
        FileBusProducer producer = bus.producer("index_interval_bytes", 1);
        TestBus.send(producer, 0, EVENTS);
        producer.close();
        return bus;
    }

    private static void assertEverySeekLandsRight(TestBus bus) {
        FileBusConsumer consumer = bus.consumer();
        for (long target = 0; target < EVENTS; target++) {
            consumer.seek(Offset.of(target));
            Iterator<Event> events = consumer.iterator();
            assertThat(events.hasNext()).isTrue();
            assertThat(events.next().offset()).as("seek(%d)", target).isEqualTo(Offset.of(target));
        }
        consumer.seek(Offset.of(EVENTS));
        assertThat(consumer.iterator().hasNext()).isFalse();
    }

    private static byte[] indexWith(long... offsetsAndPositions) {
        ByteBuffer index = ByteBuffer.allocate(16 + 8 * offsetsAndPositions.length);
        SegmentFormat.putFileHeader(index, SegmentFormat.INDEX_MAGIC);
        for (long value : offsetsAndPositions) {
            index.putLong(value);
        }
        return index.array();
    }

    @Test
    void anIntactIndexHasAnEntryPerIntervalAndSeeksLandRight() throws Exception {
        try (TestBus bus = busWithFullIndex()) {
            assertThat(Files.size(bus.index(0))).isEqualTo(16 + 16L * EVENTS);
            assertEverySeekLandsRight(bus);
        }
    }

    @Test
    void aMissingIndexIsIgnored() throws Exception {
        try (TestBus bus = busWithFullIndex()) {
            Files.delete(bus.index(0));
            assertEverySeekLandsRight(bus);
        }
    }

    @Test
    void aGarbageIndexIsIgnored() throws Exception {
        try (TestBus bus = busWithFullIndex()) {
            byte[] garbage = new byte[1000];
            new Random(7).nextBytes(garbage);
            Files.write(bus.index(0), garbage);
            assertEverySeekLandsRight(bus);
            System.arraycopy(indexWith(), 0, garbage, 0, 16); // a valid header over random entries
            Files.write(bus.index(0), garbage);
            assertEverySeekLandsRight(bus);
        }
    }

    @Test
    void entriesPointingAtWrongOffsetsOrPositionsAreIgnored() throws Exception {
        try (TestBus bus = busWithFullIndex()) {
            long third = bus.recordPositions(0).get(3);
            long tenth = bus.recordPositions(0).get(10);
            Files.write(bus.index(0), indexWith(2, third, 9, tenth + 3, 20, 1 << 30, 30, 16));
            assertEverySeekLandsRight(bus);
        }
    }

    @Test
    void aStaleIndexFromAnotherLogIsIgnored() throws Exception {
        try (TestBus bus = busWithFullIndex(); TestBus other = new TestBus()) {
            FileBusProducer producer = other.producer("index_interval_bytes", 1);
            for (int n = 0; n < EVENTS; n++) {
                producer.send(TestBus.event("longer-category-" + n, n)); // other sizes, so other positions
            }
            Files.copy(other.index(0), bus.index(0), StandardCopyOption.REPLACE_EXISTING);
            assertEverySeekLandsRight(bus);
        }
    }

    @Test
    void aTruncatedIndexIsUsedAsFarAsItGoes() throws Exception {
        try (TestBus bus = busWithFullIndex()) {
            TestBus.truncate(bus.index(0), 16 + 16 * 5 + 7);
            assertEverySeekLandsRight(bus);
        }
    }

    @Test
    void aProducerRebuildsTheBadIndexOfTheLastSegment() throws Exception {
        try (TestBus bus = busWithFullIndex()) {
            byte[] garbage = new byte[500];
            new Random(3).nextBytes(garbage);
            Files.write(bus.index(0), garbage);

            bus.producer("index_interval_bytes", 1);

            assertThat(Files.size(bus.index(0))).isEqualTo(16 + 16L * EVENTS);
            assertThat(IndexLookup.last(bus.index(0))).isEqualTo(new IndexEntry(EVENTS - 1, bus.recordPositions(0).get(EVENTS - 1)));
            assertEverySeekLandsRight(bus);
        }
    }

    @Test
    void aSparseIndexKeepsScansShort() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer("index_interval_bytes", 1024), 0, 200);
            long entries = (Files.size(bus.index(0)) - 16) / 16;
            long logBytes = Files.size(bus.segment(0));
            assertThat(entries).isBetween(logBytes / 1024 - 1, logBytes / 1024 + 1);
        }
    }
}
