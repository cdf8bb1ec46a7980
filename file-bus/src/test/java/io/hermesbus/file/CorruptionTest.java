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
    void aSegmentDeletedFromTheMiddleIsReportedEvenWithTimeoutZero() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer("segment_bytes", 1), 0, 3);
            Files.delete(bus.segment(1));

            FileBusConsumer consumer = bus.consumer(); // timeout 0: it looks for later segments before it ends
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

    @Test
    void aLengthPointingPastTheEndOfTheFileInTheMiddleOfASegmentIsCorruptionForConsumersProducersAndTheCheck()
            throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer("index_interval_bytes", 256), 0, 300);
            long damaged = bus.recordPositions(0).get(283);
            TestBus.overwrite(bus.segment(0), damaged, new byte[] {0, (byte) 0x80, 0, 0}); // 8 MiB: past the end
            long size = Files.size(bus.segment(0));

            for (int timeoutMs : new int[] {0, 300}) {
                FileBusConsumer consumer = bus.consumer();
                consumer.setTimeout(timeoutMs);
                List<Event> before = new ArrayList<>();
                CorruptLogException error = catchThrowableOfType(CorruptLogException.class,
                        () -> consumer.forEach(before::add));
                assertThat(before).as("timeout " + timeoutMs).hasSize(283);
                assertThat(error.file()).isEqualTo(bus.segment(0).toRealPath());
                assertThat(error.position()).isEqualTo(damaged);
                assertThat(error).hasMessageContaining("incomplete record").hasMessageContaining("valid record follows")
                        .hasMessageContaining("Recovery and corruption");
            }
            CorruptLogException refused = catchThrowableOfType(CorruptLogException.class,
                    () -> new FileBusProducer(bus.settings()).open());
            assertThat(refused.position()).isEqualTo(damaged);
            assertThat(Files.size(bus.segment(0))).as("nothing cut, nothing appended").isEqualTo(size);

            FileBusCheck check = FileBus.check(bus.folder);
            assertThat(check.badRecords()).extracting(FileBusCheck.BadRecord::position).containsExactly(damaged);
            assertThat(check.tail()).isEmpty();
        }
    }

    @Test
    void aDamagedLengthInTheLastRecordIsCorruptionNotATornTail() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer(), 0, 5);
            long damaged = bus.recordPositions(0).get(4);
            TestBus.overwrite(bus.segment(0), damaged, new byte[] {0, 0, 0x10, 0}); // 4 KiB: past the end
            long size = Files.size(bus.segment(0));

            List<Event> before = new ArrayList<>();
            assertThatThrownBy(() -> bus.consumer().forEach(before::add)).isInstanceOf(CorruptLogException.class)
                    .hasMessageContaining("its length field is damaged");
            assertThat(numbers(before)).containsExactly(0L, 1L, 2L, 3L);
            assertThatThrownBy(() -> new FileBusProducer(bus.settings()).open()).isInstanceOf(CorruptLogException.class);
            assertThat(Files.size(bus.segment(0))).as("an acknowledged record is never cut as a torn tail").isEqualTo(size);
            assertThat(FileBus.check(bus.folder).badRecords()).extracting(FileBusCheck.BadRecord::position)
                    .containsExactly(damaged);
        }
    }

    @Test
    void aSegmentCutBelowItsHeaderIsDamageThatConsumersProducersAndTheCheckReport() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer("segment_bytes", 1), 0, 3);
            for (long cut : new long[] {2, 1}) { // the last segment, then one in the middle
                TestBus.truncate(bus.segment(cut), 3);

                CorruptLogException error = catchThrowableOfType(CorruptLogException.class, () -> readAll(bus.consumer()));
                assertThat(error.file()).isEqualTo(bus.segment(cut).toRealPath());
                assertThat(error).hasMessageContaining("shorter than its 16-byte header").hasMessageContaining("Restore it");
                assertThatThrownBy(() -> new FileBusProducer(bus.settings()).open()).isInstanceOf(CorruptLogException.class);
                assertThat(Files.size(bus.segment(cut))).isEqualTo(3);
                assertThat(FileBus.check(bus.folder).badRecords()).extracting(FileBusCheck.BadRecord::problem)
                        .contains(FileBusCheck.Problem.DAMAGED_HEADER);
            }
        }
    }

    @Test
    void aDamagedMagicNumberIsADamagedSegmentWithAdviceToRepairItNotAForeignFile() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer("segment_bytes", 1), 0, 3);
            TestBus.flipByte(bus.segment(1), 0);

            CorruptLogException error = catchThrowableOfType(CorruptLogException.class, () -> readAll(bus.consumer()));
            assertThat(error.file()).isEqualTo(bus.segment(1).toRealPath());
            assertThat(error).hasMessageContaining("damaged segment").hasMessageContaining("restore it from a copy")
                    .hasMessageContaining("dd of=" + bus.segment(1).toRealPath()).hasMessageNotContaining("move it out");
            FileBusCheck.BadRecord bad = FileBus.check(bus.folder).badRecords().get(0);
            assertThat(bad.problem()).isEqualTo(FileBusCheck.Problem.DAMAGED_HEADER);

            TestBus.flipByte(bus.segment(1), 0); // the repair the message gives, done by hand
            assertThat(numbers(readAll(bus.consumer()))).containsExactly(0L, 1L, 2L);
        }
    }
}
