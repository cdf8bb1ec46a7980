package io.hermesbus.file;

import static io.hermesbus.file.TestBus.numbers;
import static io.hermesbus.file.TestBus.offsets;
import static io.hermesbus.file.TestBus.range;
import static io.hermesbus.file.TestBus.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.FailedToSendEventException;
import io.hermesbus.api.NotOpenException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several writers on one folder, and writers that fail half-way. */
class WritersTest {

    @Test
    void writersWithDifferentSegmentSizesInterleaveWithoutGapsOrRepeats() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer large = bus.producer();
            FileBusProducer tiny = bus.producer("segment_bytes", 1, "index_interval_bytes", 1);
            List<Long> sent = new ArrayList<>();
            for (long n = 0; n < 30; n++) {
                (n % 3 == 0 ? tiny : large).send(TestBus.event(n));
                sent.add(n);
            }

            assertThat(numbers(readAll(bus.consumer()))).isEqualTo(sent);
            assertThat(FileBus.describe(bus.folder).segments()).hasSizeGreaterThan(5);
            assertThat(offsets(readAll(bus.consumer()))).isEqualTo(range(0, 30));
        }
    }

    @Test
    void aSendFromAnInterruptedThreadFailsAndTheProducerKeepsWorking() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer();
            TestBus.send(producer, 0, 2);

            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> producer.send(TestBus.event(99))).isInstanceOf(FailedToSendEventException.class);
                assertThat(Thread.currentThread().isInterrupted()).as("the interrupt status is kept").isTrue();
            } finally {
                Thread.interrupted();
            }
            TestBus.send(producer, 2, 4);

            FileBusConsumer consumer = bus.consumer();
            assertThat(numbers(readAll(consumer))).containsExactly(0L, 1L, 2L, 3L);
        }
    }

    @Test
    void aClosedProducerRefusesToSendAndSendsNothing() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer();
            producer.close();
            producer.close();

            assertThatThrownBy(() -> producer.send(TestBus.event(0))).isInstanceOf(NotOpenException.class);
            producer.open();
            producer.send(TestBus.event(1));
            assertThat(numbers(readAll(bus.consumer()))).containsExactly(1L);
        }
    }

    @Test
    void groupCommitEventsAreReadableAtOnceAndKeptAfterClose() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer("durability", "group", "sync_events", 3, "sync_interval_ms", 1);
            FileBusConsumer consumer = bus.consumer();
            for (long n = 0; n < 10; n++) {
                producer.send(TestBus.event(n));
                assertThat(numbers(readAll(consumer))).as("readable as soon as send returned").containsExactly(n);
            }
            producer.close();

            FileBusProducer reopened = bus.producer("durability", "group");
            reopened.send(TestBus.event(10));
            assertThat(offsets(readAll(bus.consumer()))).isEqualTo(range(0, 11));
        }
    }

    @Test
    void osDurabilityEventsAreReadableAtOnce() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer("durability", "os", "segment_bytes", 1000);
            FileBusConsumer consumer = bus.consumer();
            for (long n = 0; n < 10; n++) {
                producer.send(TestBus.event(n));
                assertThat(numbers(readAll(consumer))).containsExactly(n);
            }
        }
    }

    @Test
    void anEventTooLargeForARecordIsRefusedAndNothingIsWritten() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer();
            assertThatThrownBy(() -> producer.send(TestBus.event("x".repeat(70_000), 0)))
                    .isInstanceOf(FailedToSendEventException.class).hasMessageContaining("65535");
            producer.send(TestBus.event(1));
            assertThat(offsets(readAll(bus.consumer()))).containsExactly(0L);
        }
    }
}
