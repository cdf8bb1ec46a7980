package io.hermesbus.file;

import static io.hermesbus.file.TestBus.numbers;
import static io.hermesbus.file.TestBus.offsets;
import static io.hermesbus.file.TestBus.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hermesbus.api.Event;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A record cut short by a crash: never yielded, cut off by the next writer, and its offset given again. */
class TornTailTest {

    @Test
    void aLastRecordCutAtAnyLengthIsNeverYieldedAndTheNextProducerCutsIt() throws Exception {
        int recordBytes;
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer(), 0, 3);
            List<Long> positions = bus.recordPositions(0);
            recordBytes = (int) (positions.get(3) - positions.get(2));
        }
        for (int kept = 1; kept < recordBytes; kept++) {
            try (TestBus bus = new TestBus()) {
                FileBusProducer crashed = new FileBusProducer(bus.settings());
                crashed.open();
                TestBus.send(crashed, 0, 3);
                crashed.close();
                long lastRecord = bus.recordPositions(0).get(2);
                TestBus.truncate(bus.segment(0), lastRecord + kept);

                FileBusConsumer consumer = bus.consumer();
                assertThat(numbers(readAll(consumer))).as("%d bytes of the last record kept", kept).containsExactly(0L, 1L);
                assertThat(consumer.iterator().hasNext()).isFalse();

                FileBusProducer next = bus.producer();
                assertThat(Files.size(bus.segment(0))).as("cut back to the end of the last whole record").isEqualTo(lastRecord);
                next.send(TestBus.event(3));

                List<Event> read = readAll(consumer);
                assertThat(numbers(read)).containsExactly(3L);
                assertThat(offsets(read)).as("the cut record's offset is given again").containsExactly(2L);
            }
        }
    }

    @Test
    void garbageAfterTheLastRecordIsATornTail() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer(), 0, 2);
            long end = Files.size(bus.segment(0));
            byte[] garbage = new byte[300];
            new Random(42).nextBytes(garbage);
            TestBus.append(bus.segment(0), garbage);

            FileBusConsumer consumer = bus.consumer();
            consumer.setTimeout(50);
            assertThat(numbers(readAll(consumer))).containsExactly(0L, 1L);

            bus.producer().send(TestBus.event(2));
            assertThat(Files.size(bus.segment(0))).isGreaterThan(end);
            List<Event> read = readAll(consumer);
            assertThat(numbers(read)).containsExactly(2L);
            assertThat(offsets(read)).containsExactly(2L);
        }
    }

    @Test
    void zerosAfterTheLastRecordAreATornTail() throws Exception {
        try (TestBus bus = new TestBus()) {
            TestBus.send(bus.producer(), 0, 2);
            long end = Files.size(bus.segment(0));
            TestBus.append(bus.segment(0), new byte[4096]); // what a power loss can leave: a size without data

            FileBusProducer next = bus.producer();
            assertThat(Files.size(bus.segment(0))).isEqualTo(end);
            next.send(TestBus.event(2));
            assertThat(offsets(readAll(bus.consumer()))).containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    void aTornTailLeftByAnotherWriterIsCutByAnOpenProducerAtItsNextSend() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer();
            TestBus.send(producer, 0, 3);
            long end = Files.size(bus.segment(0));

            // another writer takes its turn: records its id (as every writer does before changing the folder) and
            // dies half-way through a record. No send is under way, so this JVM holds no lock that closing this
            // second channel on writer.lock could release.
            try (FileChannel lock = FileChannel.open(bus.folder.resolve("writer.lock"), StandardOpenOption.WRITE)) {
                lock.write(ByteBuffer.allocate(8).putLong(0, 12345).rewind(), 0);
            }
            byte[] record = TestBus.record(3, "base", TestBus.event(99).toJson());
            TestBus.append(bus.segment(0), Arrays.copyOf(record, record.length / 2));

            producer.send(TestBus.event(3));

            List<Event> read = readAll(bus.consumer());
            assertThat(numbers(read)).containsExactly(0L, 1L, 2L, 3L);
            assertThat(offsets(read)).containsExactly(0L, 1L, 2L, 3L);
            assertThat(bus.recordPositions(0)).as("no garbage left between records").hasSize(5).contains(end);
        }
    }
}
