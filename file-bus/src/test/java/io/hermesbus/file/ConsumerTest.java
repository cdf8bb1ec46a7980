package io.hermesbus.file;

import static io.hermesbus.file.TestBus.numbers;
import static io.hermesbus.file.TestBus.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.ConsumerInterruptedException;
import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the conformance kit does not see: reads interrupted in the middle of I/O, timestamps, large logs. */
class ConsumerTest {
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    @Test
    void anInterruptedReadKeepsThePositionAndTheConsumerReadsOnAfterwards() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer();
            TestBus.send(producer, 0, 3);
            FileBusConsumer consumer = bus.consumer();
            // at the end, then appended to: the next read must read the file (a seek may leave its target buffered)
            consumer.seek(Offset.of(1L));
            consumer.seek(Offset.of(3L));
            TestBus.send(producer, 3, 5);

            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> consumer.iterator().hasNext()).isInstanceOf(ConsumerInterruptedException.class);
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }

            assertThat(numbers(readAll(consumer))).containsExactly(3L, 4L);
        }
    }

    @Test
    void aWaitingConsumerWakesForAnEventAppendedInThisJvm() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer();
            FileBusConsumer consumer = bus.consumer("poll_interval_ms", 1000);
            consumer.setTimeout(null);
            CompletableFuture<Event> waiting = CompletableFuture.supplyAsync(() -> consumer.iterator().next());

            producer.send(TestBus.event(0));

            assertThat(waiting.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS).objpkey()).isEqualTo(0L);
        }
    }

    @Test
    void aWaitingConsumerSeesAnAppendMadeBehindTheJvmsBackByPolling() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer();
            TestBus.send(producer, 0, 1);
            FileBusConsumer consumer = bus.consumer("poll_interval_ms", 2);
            assertThat(numbers(readAll(consumer))).containsExactly(0L);
            consumer.setTimeout(null);
            CompletableFuture<Event> waiting = CompletableFuture.supplyAsync(() -> consumer.iterator().next());

            // bytes appended without this JVM's signal, as another process's producer would
            TestBus.append(bus.segment(0), TestBus.record(1, "base", TestBus.event(1).toJson()));

            assertThat(waiting.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS).objpkey()).isEqualTo(1L);
        }
    }

    @Test
    void aWaitingConsumerFollowsTheLogIntoANewSegment() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer("segment_bytes", 1);
            TestBus.send(producer, 0, 1);
            FileBusConsumer consumer = bus.consumer();
            assertThat(numbers(readAll(consumer))).containsExactly(0L);
            consumer.setTimeout((int) GENEROUS.toMillis());
            CompletableFuture<List<Event>> waiting = CompletableFuture.supplyAsync(() -> {
                var events = consumer.iterator();
                return List.of(events.next(), events.next());
            });

            TestBus.send(producer, 1, 3);

            assertThat(numbers(waiting.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS))).containsExactly(1L, 2L);
        }
    }

    @Test
    void timestampsAreTheAppendTimeAndStayTheSameOnEveryRead() throws Exception {
        try (TestBus bus = new TestBus()) {
            Instant before = Instant.now().minusMillis(1);
            TestBus.send(bus.producer(), 0, 3);
            Instant after = Instant.now().plusMillis(1);
            FileBusConsumer consumer = bus.consumer();

            List<Event> first = readAll(consumer);
            consumer.seekToBeginning();
            List<Event> second = readAll(consumer);

            assertThat(first).isEqualTo(second);
            assertThat(first).allSatisfy(e -> assertThat(e.timestamp()).isBetween(before, after));
        }
    }

    @Test
    void aLogLargerThanTheReadBufferIsReadWhole() throws Exception {
        try (TestBus bus = new TestBus()) {
            FileBusProducer producer = bus.producer("durability", "os");
            for (long n = 0; n < 3000; n++) {
                producer.send(TestBus.event(n % 7 == 0 ? "big" : "base", n));
            }
            FileBusConsumer consumer = bus.consumer();
            assertThat(numbers(readAll(consumer))).isEqualTo(TestBus.range(0, 3000));
            consumer.seekToBeginning();
            int found = 0;
            while (consumer.findNextEventOfCategory("big").isPresent()) {
                found++;
            }
            assertThat(found).isEqualTo(429);
        }
    }
}
