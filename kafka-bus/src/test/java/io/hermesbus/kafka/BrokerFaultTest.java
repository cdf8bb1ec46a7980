package io.hermesbus.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.FailedToSendEventException;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.Offset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker stopped, killed and restarted under the plugins, and servers that are not there. Uses the shared
 * broker (test classes run one after the other) and leaves it running. Client timeouts are shortened through {@code properties} (the defaults are 10 s and
 * 30 s; see the README) so that each bound is checked in a few seconds; no wait is asserted except as a bound.
 */
class BrokerFaultTest {
    private static final int API_TIMEOUT_MS = 3_000;
    private static final Map<String, Object> SHORT_TIMEOUTS = Map.of(
            "default.api.timeout.ms", API_TIMEOUT_MS, "request.timeout.ms", 2_000,
            "max.block.ms", API_TIMEOUT_MS, "delivery.timeout.ms", 5_000, "reconnect.backoff.max.ms", 200);
    // the bound of any single wait in these tests: generous, so that a loaded machine passes, yet far below a hang
    private static final Duration BOUND = Duration.ofSeconds(40);

    private static KafkaBroker broker;
    private static ExecutorService threads;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private String topic;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.shared();
        threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "broker-fault-test");
            thread.setDaemon(true);
            return thread;
        });
    }

    @AfterAll
    static void stopThreads() {
        threads.shutdownNow();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        if (!broker.isRunning()) {
            broker.restart();
        }
        if (topic != null) {
            broker.deleteTopic(topic);
        }
    }

    private Map<String, Object> settings(String servers, String topicName) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("servers", servers);
        settings.put("topic", topicName);
        settings.put("group_id", "fault-test");
        settings.put("properties", SHORT_TIMEOUTS);
        return settings;
    }

    private Map<String, Object> settings() {
        if (topic == null) {
            topic = broker.createTopic("faults", 1);
        }
        return settings(broker.bootstrapServers(), topic);
    }

    private <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private AbstractMessageBusProducerPlugin producer() {
        AbstractMessageBusProducerPlugin producer = track(new KafkaBusProducer(settings()));
        producer.open();
        return producer;
    }

    private AbstractMessageBusConsumerPlugin consumer() {
        AbstractMessageBusConsumerPlugin consumer = track(new KafkaBusConsumer(settings()));
        consumer.open();
        return consumer;
    }

    private static Event numbered(long n) {
        return new Event("base", "added", "Users", n, Map.of("n", n), 0, false);
    }

    private static List<Long> numbersOf(List<Event> events) {
        return events.stream().map(event -> (Long) event.objpkey()).toList();
    }

    private static List<Event> read(AbstractMessageBusConsumerPlugin consumer, int count) {
        List<Event> events = new ArrayList<>();
        Iterator<Event> iterator = consumer.iterator();
        while (events.size() < count && iterator.hasNext()) {
            events.add(iterator.next());
        }
        return events;
    }

    private static <T> T within(Future<T> future, String what) throws Exception {
        try {
            return future.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            throw new AssertionError(what + " hung: no result within " + BOUND, e);
        }
    }

    @Test
    void whileTheBrokerIsStoppedEveryCallEndsClearlyAndAfterTheRestartNothingIsLostOrRepeated() throws Exception {
        AbstractMessageBusProducerPlugin producer = producer();
        for (long n = 0; n < 3; n++) {
            producer.send(numbered(n));
        }
        AbstractMessageBusConsumerPlugin consumer = consumer();
        consumer.setTimeout(2_000);
        assertThat(numbersOf(read(consumer, 2))).containsExactly(0L, 1L);
        assertThat(numbersOf(read(consumer, 1))).containsExactly(2L);

        // a consumer waiting when the broker stops: a clean end or a clear error, bounded
        Future<Object> waiting = threads.submit(() -> {
            try {
                return consumer.iterator().hasNext();
            } catch (HermesBusException e) {
                return e;
            }
        });
        broker.stop();
        long stoppedAt = System.nanoTime();
        Object outcome = within(waiting, "hasNext() with timeout 2000 ms while the broker is down");
        Duration took = Duration.ofNanos(System.nanoTime() - stoppedAt);
        if (outcome instanceof HermesBusException error) {
            assertThat(error).hasMessageContaining(broker.bootstrapServers()).hasMessageContaining("did not answer");
        } else {
            assertThat(outcome).as("a clean end: no event came").isEqualTo(false);
        }
        // the timeout, then at most default.api.timeout.ms to learn the end, with slack for a loaded machine
        assertThat(took).isLessThan(Duration.ofMillis(2_000 + API_TIMEOUT_MS + 10_000));

        // a seek needs the partition's bounds: a clear error within default.api.timeout.ms, position unchanged
        Future<Throwable> seeking = threads.submit(() -> {
            try {
                consumer.seek(Offset.of(0));
                return null;
            } catch (HermesBusException e) {
                return e;
            }
        });
        assertThat(within(seeking, "seek() while the broker is down")).isInstanceOf(HermesBusException.class)
                .hasMessageContaining("seeking to offset 0").hasMessageContaining("did not answer");

        // a send fails within max.block.ms plus delivery.timeout.ms, saying whether the event may yet be stored
        long sendStarted = System.nanoTime();
        Future<Throwable> sending = threads.submit(() -> {
            try {
                producer.send(numbered(3));
                return null;
            } catch (FailedToSendEventException e) {
                return e;
            }
        });
        Throwable failure = within(sending, "send() while the broker is down");
        assertThat(failure).isInstanceOf(FailedToSendEventException.class).hasMessageContaining(broker.bootstrapServers());
        // in doubt if Kafka took the event (then its client goes on delivering it); not stored if it never did (no metadata)
        boolean inDoubt = failure.getMessage().contains("may or may not be stored");
        if (!inDoubt) {
            assertThat(failure).hasMessageContaining("it is not stored");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - sendStarted)).isLessThan(Duration.ofMillis(5_000 + 10_000));

        broker.restart();
        producer.send(numbered(4));
        consumer.setTimeout(10_000);
        // an event in doubt is delivered by the producer once the broker is back, before the next one
        assertThat(numbersOf(read(consumer, inDoubt ? 2 : 1))).as("the consumer goes on from its position: nothing lost, nothing repeated")
                .containsExactly(inDoubt ? new Long[] {3L, 4L} : new Long[] {4L});
        consumer.setTimeout(0);
        assertThat(read(consumer, 5)).isEmpty();
    }

    @Test
    void aWaitWithoutTimeoutSurvivesABrokerCrashAndRestart() throws Exception {
        AbstractMessageBusProducerPlugin producer = producer();
        producer.send(numbered(0));
        AbstractMessageBusConsumerPlugin consumer = consumer();
        consumer.setTimeout(null);
        // the iterator's first hasNext() asks the broker whether retention deleted the position; after it, the
        // iterator only polls, and the poll is what must outlive the broker
        Iterator<Event> iterator = consumer.iterator();
        assertThat(iterator.hasNext()).isTrue();
        assertThat(numbersOf(List.of(iterator.next()))).containsExactly(0L);
        Future<Event> waiting = threads.submit(() -> iterator.hasNext() ? iterator.next() : null);
        broker.kill();
        Thread.sleep(500);
        assertThat(waiting).as("still waiting while the broker is gone").isNotDone();
        broker.restart();
        AbstractMessageBusProducerPlugin again = track(new KafkaBusProducer(settings()));
        again.open();
        again.send(numbered(1));
        Event next = within(waiting, "hasNext() with timeout null across a restart");
        assertThat(numbersOf(List.of(next))).containsExactly(1L);
        assertThat(next.offset()).isEqualTo(Offset.of(1));
    }

    @Test
    void aServerWhereNothingListensIsAClearErrorWithinTheApiTimeout() throws Exception {
        String nowhere = KafkaBroker.unreachableServer();
        long started = System.nanoTime();
        Future<Throwable> opening = threads.submit(() -> {
            try {
                track(new KafkaBusConsumer(settings(nowhere, "hermes"))).open();
                return null;
            } catch (HermesBusException e) {
                return e;
            }
        });
        assertThat(within(opening, "open() of a consumer on " + nowhere))
                .isInstanceOf(HermesBusException.class).hasMessageContaining(nowhere).hasMessageContaining("did not answer");
        Future<Throwable> producing = threads.submit(() -> {
            try {
                track(new KafkaBusProducer(settings(nowhere, "hermes"))).open();
                return null;
            } catch (HermesBusException e) {
                return e;
            }
        });
        assertThat(within(producing, "open() of a producer on " + nowhere))
                .isInstanceOf(HermesBusException.class).hasMessageContaining(nowhere).hasMessageContaining("did not answer");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2 * API_TIMEOUT_MS + 15_000));
    }
}
