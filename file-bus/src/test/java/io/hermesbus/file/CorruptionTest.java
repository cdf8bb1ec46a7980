package io.hermesbus.file;

import static io.hermesbus.file.TestBus.numbers;
import static io.hermesbus.file.TestBus.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Damage with valid records after it: reported with file and byte, never skipped, never cut. */
class CorruptionTest {

    @Test
    void aBitFlipInAMiddleRecordIsReportedByConsumersAtEveryReadAndStopsProducers() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer();
            TestBus.send(producer, 0, 10);
            producer.close();
            long damaged = bus.recordPositions(0).get(5);
            TestBus.flipByte(bus.segment(0), damaged + 40);
            long size = Files.size(bus.segment(0));

            FileBusConsumer consumer = bus.consumer();
            List<Event> before = new ArrayList<>();
            CorruptLogException error = catchThrowableOfType(CorruptLogException.class, () -> consumer.forEach(before::add));
            assertThat(numbers(before)).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(error.file()).isEqualTo(bus.segment(0).toRealPath());
            assertThat(error.position()).isEqualTo(damaged);
            assertThat(error).hasMessageContaining(bus.segment(0).getFileName().toString())
                    .hasMessageContaining("byte " + damaged);

            assertThatThrownBy(() -> consumer.iterator().hasNext()).as("again: nothing is skipped")
                    .isInstanceOf(CorruptLogException.class);
            consumer.seekAfter(Offset.of(4L));
            assertThatThrownBy(() -> consumer.iterator().hasNext()).as("seeking after the last good event does not help")
                    .isInstanceOf(CorruptLogException.class);
            assertThatThrownBy(() -> consumer.seek(Offset.of(7L))).as("nor does seeking beyond the damage")
                    .isInstanceOf(CorruptLogException.class);

            CorruptLogException refused = catchThrowableOfType(CorruptLogException.class,
                    () -> new FileBusProducer(bus.settings()).open());
            assertThat(refused.position()).isEqualTo(damaged);
            assertThat(Files.size(bus.segment(0))).as("valid records are never cut").isEqualTo(size);
        }
    }

    @Test
    void aDamagedLengthFieldWithValidRecordsAfterItIsCorruptionNotATornTail() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer(), 0, 6);
            long damaged = bus.recordPositions(0).get(2);
            TestBus.overwrite(bus.segment(0), damaged, new byte[] {0x7f, 0, 0, 0});

            assertThatThrownBy(() -> readAll(bus.consumer()))
                    .isInstanceOfSatisfying(CorruptLogException.class, e -> assertThat(e.position()).isEqualTo(damaged));
            assertThatThrownBy(() -> new FileBusProducer(bus.settings()).open())
                    .isInstanceOf(CorruptLogException.class);
        }
    }

    @Test
    void damageInASegmentThatIsNotTheLastIsCorruption() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer("segment_bytes", 600);
            TestBus.send(producer, 0, 12);
            assertThat(bus.segment(0)).exists();
            long damaged = bus.recordPositions(0).get(1);
            TestBus.flipByte(bus.segment(0), damaged + 30);

            FileBusConsumer consumer = bus.consumer();
            Iterator<Event> events = consumer.iterator();
            assertThat(numbers(List.of(events.next()))).containsExactly(0L);
            assertThatThrownBy(events::hasNext)
                    .isInstanceOfSatisfying(CorruptLogException.class, e -> assertThat(e.position()).isEqualTo(damaged));
        }
    }

    @Test
    void aSegmentThatIsNotTheLastMustEndWithAWholeRecord() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer("segment_bytes", 1);
            TestBus.send(producer, 0, 3);
            long end = Files.size(bus.segment(0));
            TestBus.append(bus.segment(0), new byte[] {0, 0, 0});

            FileBusConsumer consumer = bus.consumer();
            Iterator<Event> events = consumer.iterator();
            events.next();
            assertThatThrownBy(events::hasNext)
                    .isInstanceOfSatisfying(CorruptLogException.class, e -> assertThat(e.position()).isEqualTo(end));
        }
    }

    @Test
    void aSegmentDeletedFromTheMiddleIsReportedNotWaitedForForever() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer("segment_bytes", 1), 0, 3);
            Files.delete(bus.segment(1));

            FileBusConsumer consumer = bus.consumer();
            consumer.setTimeout(20_000); // the check runs about once a second while caught up; the timeout only bounds it
            List<Event> before = new ArrayList<>();
            assertThatThrownBy(() -> consumer.forEach(before::add)).isInstanceOf(CorruptLogException.class)
                    .hasMessageContaining("segments are missing");
            assertThat(numbers(before)).containsExactly(0L);
            assertThatThrownBy(() -> consumer.seek(Offset.of(1L))).isInstanceOf(CorruptLogException.class)
                    .hasMessageContaining("the next segment starts at offset 2");
        }
    }

    @Test
    void aValidRecordWithAnUnexpectedOffsetIsCorruption() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer(), 0, 2);
            long end = Files.size(bus.segment(0));
            TestBus.append(bus.segment(0), TestBus.record(5, "base", TestBus.event(5).toJson()));

            assertThatThrownBy(() -> readAll(bus.consumer()))
                    .isInstanceOfSatisfying(CorruptLogException.class, e -> assertThat(e.position()).isEqualTo(end))
                    .hasMessageContaining("offset 5").hasMessageContaining("offset 2");
            assertThatThrownBy(() -> new FileBusProducer(bus.settings()).open()).isInstanceOf(CorruptLogException.class);
        }
    }

    @Test
    void aConsumerWaitsAtARecordThatIsBeingWritten() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer(), 0, 1);
            byte[] record = TestBus.record(1, "base", TestBus.event(1).toJson());
            TestBus.append(bus.segment(0), Arrays.copyOf(record, 30));

            FileBusConsumer consumer = bus.consumer();
            consumer.setTimeout(100);
            assertThat(numbers(readAll(consumer))).containsExactly(0L);

            TestBus.append(bus.segment(0), Arrays.copyOfRange(record, 30, record.length));
            assertThat(numbers(readAll(consumer))).as("the rest of the record arrived").containsExactly(1L);
        }
    }

    @Test
    void aRecordWhoseCrcIsBadAtTheVeryEndIsWaitedFor() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer(), 0, 1);
            byte[] record = TestBus.record(1, "base", TestBus.event(1).toJson());
            byte[] unfinished = record.clone();
            Arrays.fill(unfinished, 40, unfinished.length, (byte) 0); // size reached, data not yet
            TestBus.append(bus.segment(0), unfinished);

            FileBusConsumer consumer = bus.consumer();
            assertThat(numbers(readAll(consumer))).containsExactly(0L);
            long at = Files.size(bus.segment(0)) - record.length;
            TestBus.overwrite(bus.segment(0), at, record);
            assertThat(numbers(readAll(consumer))).as("the writer finished the record").containsExactly(1L);
        }
    }
}
