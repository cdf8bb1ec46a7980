package io.hermesbus.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.hermesbus.api.ConsumerInterruptedException;
import io.hermesbus.api.Event;
import io.hermesbus.api.OffsetKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryBusWaitingTest {
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    private final TestBus testBus = TestBus.of(OffsetKind.INT);

    @AfterEach
    void dropBus() throws Exception {
        testBus.close();
    }

    /** Runs {@code body} on a new thread, completing the future with its result or error. */
    private static <T> CompletableFuture<T> onAnotherThread(Callable<T> body, Thread[] started) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(body.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "memory-bus-test-consumer");
        thread.setDaemon(true);
        started[0] = thread;
        thread.start();
        return result;
    }

    /** Returns once {@code thread} is parked waiting; no sleeping on a guess. */
    private static void awaitWaiting(Thread thread) throws InterruptedException {
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            Thread.sleep(1);
        }
    }

    @Test
    void withAZeroTimeoutAnIteratorThatFoundNothingStaysEnded() {
        MemoryBusConsumer consumer = testBus.openConsumer();
        Iterator<Event> ended = consumer.iterator();

        assertThat(ended.hasNext()).isFalse();
        testBus.publish(1);

        assertThat(ended.hasNext()).isFalse();
        assertThatThrownBy(ended::next).isInstanceOf(NoSuchElementException.class);
        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(0L);
    }

    @Test
    void aTimeoutEndsTheIterationAfterWaitingAtLeastThatLong() {
        MemoryBusConsumer consumer = testBus.openConsumer();
        consumer.setTimeout(50);

        long start = System.nanoTime();
        boolean found = assertTimeoutPreemptively(GENEROUS, () -> consumer.iterator().hasNext());

        assertThat(found).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(50);
    }

    @Test
    void aWaitWithoutTimeoutWakesOnAPublishFromAnotherThread() {
        MemoryBusConsumer consumer = testBus.openConsumer();
        consumer.setTimeout(null);
        MemoryBusProducer producer = testBus.openProducer();

        Event received = assertTimeoutPreemptively(GENEROUS, () -> {
            Thread[] consumerThread = new Thread[1];
            CompletableFuture<Event> next = onAnotherThread(() -> consumer.iterator().next(), consumerThread);
            awaitWaiting(consumerThread[0]);
            producer.send(TestBus.event("users", 9));
            return next.get();
        });

        assertThat(received.objpkey()).isEqualTo(9L);
    }

    @Test
    void theTimeoutStartsAgainForEachEvent() {
        MemoryBusConsumer consumer = testBus.openConsumer();
        consumer.setTimeout(1_500);
        MemoryBusProducer producer = testBus.openProducer();

        List<Object> received = assertTimeoutPreemptively(GENEROUS, () -> {
            Thread[] consumerThread = new Thread[1];
            CompletableFuture<List<Object>> all = onAnotherThread(
                    () -> TestBus.keys(TestBus.drain(consumer)), consumerThread);
            // each gap is well inside the timeout, but together they exceed it
            for (long key = 0; key < 5; key++) {
                awaitWaiting(consumerThread[0]);
                Thread.sleep(400);
                producer.send(TestBus.event("users", key));
            }
            return all.get();
        });

        assertThat(received).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void anInterruptDuringTheWaitThrowsKeepsTheInterruptStatusAndThePosition() {
        testBus.publish(1);
        MemoryBusConsumer consumer = testBus.openConsumer();
        consumer.setTimeout(null);

        assertTimeoutPreemptively(GENEROUS, () -> {
            Thread[] consumerThread = new Thread[1];
            CompletableFuture<Boolean> interruptStatus = onAnotherThread(() -> {
                Iterator<Event> events = consumer.iterator();
                events.next();
                try {
                    events.hasNext();
                    return null;
                } catch (ConsumerInterruptedException e) {
                    return Thread.currentThread().isInterrupted();
                }
            }, consumerThread);
            awaitWaiting(consumerThread[0]);
            consumerThread[0].interrupt();
            assertThat(interruptStatus.get()).isTrue();
        });

        testBus.publish(1, 2, "users");
        consumer.setTimeout(0);
        assertThat(TestBus.keys(TestBus.drain(consumer))).containsExactly(1L);
    }

    @Test
    void enteringAWaitWithTheInterruptStatusSetThrowsAtOnce() {
        MemoryBusConsumer consumer = testBus.openConsumer();
        consumer.setTimeout(null);
        List<Boolean> statusAfter = new ArrayList<>();

        assertTimeoutPreemptively(GENEROUS, () -> {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> consumer.iterator().hasNext())
                        .isInstanceOf(ConsumerInterruptedException.class)
                        .hasMessageContaining("offset 0");
                statusAfter.add(Thread.currentThread().isInterrupted());
            } finally {
                Thread.interrupted();
            }
        });

        assertThat(statusAfter).containsExactly(true);
    }

    @Test
    void anAvailableEventIsYieldedEvenWithTheInterruptStatusSet() {
        testBus.publish(1);
        MemoryBusConsumer consumer = testBus.openConsumer();
        consumer.setTimeout(null);

        Thread.currentThread().interrupt();
        try {
            assertThat(consumer.iterator().next().objpkey()).isEqualTo(0L);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void manyProducersOnManyThreadsLoseNothingAndKeepEachProducersOrder() throws Exception {
        int producers = 4;
        int perProducer = 500;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int first = p * perProducer;
            threads.add(new Thread(() -> testBus.publish(first, first + perProducer, "users")));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(GENEROUS.toMillis());
        }

        List<Event> read = TestBus.drain(testBus.openConsumer());

        assertThat(read).hasSize(producers * perProducer);
        for (int i = 1; i < read.size(); i++) {
            assertThat(read.get(i).offset()).isGreaterThan(read.get(i - 1).offset());
        }
        for (int p = 0; p < producers; p++) {
            long low = (long) p * perProducer;
            List<Object> ofProducer = TestBus.keys(read).stream()
                    .filter(key -> (Long) key >= low && (Long) key < low + perProducer).toList();
            assertThat(ofProducer).isSorted().hasSize(perProducer);
        }
    }
}
