package io.hermesbus.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.ConsumerInterruptedException;
import io.hermesbus.api.Event;
import io.hermesbus.api.FailedToSendEventException;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.Offset;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker stopped, killed (also in the middle of a burst of sends), frozen and restarted under the plugins, and
 * servers that are not there. Uses the shared broker (test classes run one after the other) and leaves it running.
 * Client timeouts are shortened through {@code properties} (the defaults are 10 s and 30 s; see the README) so that
 * each bound is checked in a few seconds; no wait is asserted except as a bound.
 *
 * <p>{@code mvn verify} kills the broker once in a burst. The long run: {@code mvn -o -pl kafka-bus test
 * -Dtest='BrokerFaultTest#everyAcknowledged*' -Dhermesbus.kafka.kills=20}, which prints its figures. Each run prints
 * its seed; {@code -Dhermesbus.kafka.seed=S} replays its kill points (how far into each burst), not the timing.
 */
class BrokerFaultTest {
    private static final String SECRET = "PlantedS3cretKafka";
    private static final int API_TIMEOUT_MS = 3_000;
    // with a key password that Kafka ignores on a PLAINTEXT connection: there only to be looked for in messages
    private static final Map<String, Object> SHORT_TIMEOUTS = Map.of(
            "default.api.timeout.ms", API_TIMEOUT_MS, "request.timeout.ms", 2_000,
            "max.block.ms", API_TIMEOUT_MS, "delivery.timeout.ms", 5_000, "reconnect.backoff.max.ms", 200,
            "ssl.key.password", SECRET);
    // the bound of any single wait in these tests: generous, so that a loaded machine passes, yet far below a hang
    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final int THREADS = 3;
    private static final int BURST = 200; // events per sending thread between two kills

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

    private static Event event(int thread, long n) {
        return new Event("burst", "added", "thread-" + thread, n, Map.of("n", n), 0, false);
    }

    /** Every event on the bus, read from the beginning by a new consumer. */
    private List<Event> log() {
        try (KafkaBusConsumer consumer = new KafkaBusConsumer(settings())) {
            consumer.open();
            consumer.setTimeout(0);
            return read(consumer, Integer.MAX_VALUE);
        }
    }

    @Test
    void everyAcknowledgedEventSurvivesAKillMidBurstOnceAndInOrderAndWaitingConsumersMissNothing() throws Exception {
        int kills = Integer.getInteger("hermesbus.kafka.kills", 1);
        long seed = Long.getLong("hermesbus.kafka.seed", new SecureRandom().nextLong());
        System.out.println("BrokerFaultTest: " + kills + " kill(s), seed " + seed + " (-Dhermesbus.kafka.seed=" + seed
                + " replays the kill points)");
        Random random = new Random(seed);
        AbstractMessageBusProducerPlugin producer = producer();
        int total = THREADS * BURST * kills;
        // one consumer waits without a timeout, one with 1 s: both iterate through every outage
        Future<Reading> waiting = threads.submit(new Reader(consumer(), total));
        AbstractMessageBusConsumerPlugin pollingConsumer = consumer();
        pollingConsumer.setTimeout(1_000);
        Future<Reading> polling = threads.submit(new Reader(pollingConsumer, total));

        List<List<Long>> acknowledged = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            acknowledged.add(Collections.synchronizedList(new ArrayList<>()));
        }
        AtomicInteger acks = new AtomicInteger();
        List<FailedToSendEventException> failures = Collections.synchronizedList(new ArrayList<>());
        Duration outage = Duration.ZERO;
        long started = System.nanoTime();
        for (int round = 0; round < kills; round++) {
            int roundStart = acks.get();
            // somewhere between a fifth and three fifths of the burst acknowledged: every thread is still sending
            int killAt = roundStart + THREADS * BURST / 5 + random.nextInt(THREADS * BURST * 2 / 5);
            List<Future<?>> senders = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                senders.add(threads.submit(new Sender(producer, thread, (long) round * BURST, acknowledged.get(thread),
                        acks, failures)));
            }
            awaitTrue(() -> acks.get() >= killAt, "acknowledgements to reach " + killAt);
            long killed = System.nanoTime();
            broker.kill();
            int failedBefore = failures.size();
            // the outage lasts until a send has failed (delivery.timeout.ms), so that the failure and its retry are seen
            awaitTrue(() -> failures.size() > failedBefore, "a send to fail while the broker is dead");
            broker.restart();
            Duration down = Duration.ofNanos(System.nanoTime() - killed);
            outage = outage.plus(down);
            System.out.println("BrokerFaultTest: kill " + (round + 1) + " of " + kills + " after " + (killAt - roundStart)
                    + " of " + THREADS * BURST + " events; back after " + down.toSeconds() + " s; " + failures.size()
                    + " failed sends so far");
            for (Future<?> sender : senders) {
                within(sender, "a sender's burst after the restart");
            }
        }

        List<Event> log = log();
        Figures figures = Figures.of(log, acknowledged, kills, failures.size());
        Reading waited = within(waiting, "the consumer without timeout");
        Reading polled = within(polling, "the consumer with timeout 1 s");
        System.out.println("BrokerFaultTest: " + figures + "; consumer without timeout: " + waited
                + "; consumer with timeout 1 s: " + polled + "; " + Duration.ofNanos(System.nanoTime() - started).toSeconds()
                + " s, of which " + outage.toSeconds() + " s with the broker dead or restarting");
        assertThat(figures.lost()).as("acknowledged events missing").isZero();
        assertThat(figures.duplicated()).as("events stored twice").isZero();
        assertThat(figures.outOfOrder()).as("events out of their thread's order").isZero();
        assertThat(figures.neverSent()).as("events on the bus that no thread sent").isZero();
        for (int thread = 0; thread < THREADS; thread++) {
            // every failed send was retried until acknowledged: each thread's whole sequence, once, in order
            assertThat(acknowledged.get(thread)).as("thread %d", thread).hasSize(BURST * kills)
                    .isSorted().doesNotHaveDuplicates();
        }
        assertThat(waited.events()).as("what the consumer without timeout read through the outages").isEqualTo(log);
        assertThat(polled.events()).as("what the consumer with timeout 1 s read through the outages").isEqualTo(log);

        // the sends in progress at the kill were in doubt; later ones may also have been refused (not stored)
        assertThat(failures).as("sends that failed while the broker was dead")
                .anySatisfy(failure -> assertThat(failure).hasMessageContaining("may or may not be stored")
                        .hasMessageContaining("send the same event again"));
        for (FailedToSendEventException failure : failures) {
            assertThat(failure).hasMessageContaining(broker.bootstrapServers());
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                assertThat(String.valueOf(cause)).doesNotContain(SECRET);
            }
        }
    }

    @Test
    void aSendThatFailedButReachedTheLogIsStoredOnceWhenTheCallerRetriesIt() throws Exception {
        AbstractMessageBusProducerPlugin producer = producer();
        producer.send(numbered(0));
        // frozen, the broker receives the request but answers nothing: the send fails, the event lands at the thaw
        broker.freeze();
        try {
            assertThatThrownBy(() -> producer.send(numbered(1))).isInstanceOf(FailedToSendEventException.class)
                    .hasMessageContaining("may or may not be stored");
        } finally {
            broker.thaw();
        }
        awaitTrue(() -> {
            try {
                return log().size() == 2;
            } catch (HermesBusException e) {
                return false; // the thawed broker is not answering yet
            }
        }, "the event whose send failed to reach the log after the thaw");
        // the caller's retry: with a plain second send it would be stored twice
        producer.send(numbered(1));
        producer.send(numbered(2));
        assertThat(log()).extracting(Event::objpkey).containsExactly(0L, 1L, 2L);
    }

    /** Sends {@link #BURST} events of one thread, retrying each failed one until it is acknowledged. */
    private record Sender(AbstractMessageBusProducerPlugin producer, int thread, long first, List<Long> acknowledged,
            AtomicInteger acks, List<FailedToSendEventException> failures) implements Callable<Void> {
        @Override
        public Void call() throws InterruptedException {
            long deadline = System.nanoTime() + BOUND.toNanos();
            for (long n = first; n < first + BURST; n++) {
                while (true) {
                    try {
                        producer.send(event(thread, n));
                        acknowledged.add(n);
                        acks.incrementAndGet();
                        break;
                    } catch (FailedToSendEventException e) {
                        failures.add(e);
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("thread " + thread + " could not send event " + n + " within " + BOUND, e);
                        }
                        Thread.sleep(20);
                    }
                }
            }
            return null;
        }
    }

    /** What a consumer read, and how often its iteration ended or failed on the way. */
    private record Reading(List<Event> events, int ends, int errors) {
        @Override
        public String toString() {
            return events.size() + " events read, " + ends + " iteration(s) ended, " + errors + " error(s) while the broker was away";
        }
    }

    /** Reads {@code count} events, starting a new iteration whenever one ends or fails, as a patient client would. */
    private record Reader(AbstractMessageBusConsumerPlugin consumer, int count) implements Callable<Reading> {
        @Override
        public Reading call() throws InterruptedException {
            List<Event> events = new ArrayList<>();
            int ends = 0;
            int errors = 0;
            while (events.size() < count) {
                try {
                    Iterator<Event> iterator = consumer.iterator();
                    while (events.size() < count && iterator.hasNext()) {
                        events.add(iterator.next());
                    }
                    ends += events.size() < count ? 1 : 0;
                } catch (ConsumerInterruptedException e) {
                    throw new AssertionError("interrupted after reading " + events.size() + " of " + count + " events", e);
                } catch (HermesBusException e) {
                    errors++;
                    Thread.sleep(100);
                }
            }
            return new Reading(events, ends, errors);
        }
    }

    /** The long run's figures, per sending thread then summed: the log against what each thread had acknowledged. */
    private record Figures(int kills, int acknowledged, int lost, int duplicated, int outOfOrder, int neverSent, int failedSends) {
        static Figures of(List<Event> log, List<List<Long>> acknowledgedByThread, int kills, int failedSends) {
            int acknowledged = 0;
            int lost = 0;
            int duplicated = 0;
            int outOfOrder = 0;
            int neverSent = 0;
            for (int thread = 0; thread < acknowledgedByThread.size(); thread++) {
                String objtype = "thread-" + thread;
                List<Long> stored = log.stream().filter(event -> event.objtype().equals(objtype))
                        .map(event -> (Long) event.objpkey()).toList();
                List<Long> acked = acknowledgedByThread.get(thread);
                Set<Long> storedOnce = new HashSet<>(stored);
                acknowledged += acked.size();
                lost += (int) acked.stream().filter(n -> !storedOnce.contains(n)).count();
                duplicated += stored.size() - storedOnce.size();
                for (int i = 1; i < stored.size(); i++) {
                    outOfOrder += stored.get(i) <= stored.get(i - 1) ? 1 : 0;
                }
                long sent = (long) BURST * kills; // every thread attempted exactly the events 0 to sent - 1
                neverSent += (int) stored.stream().filter(n -> n < 0 || n >= sent).count();
            }
            neverSent += (int) log.stream().filter(event -> !event.objtype().startsWith("thread-")).count();
            return new Figures(kills, acknowledged, lost, duplicated, outOfOrder, neverSent, failedSends);
        }

        @Override
        public String toString() {
            return kills + " kill(s), " + acknowledged + " events acknowledged, " + lost + " lost, " + duplicated
                    + " duplicated, " + outOfOrder + " out of order, " + neverSent + " never sent, " + failedSends
                    + " failed sends retried";
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + BOUND + " for " + what);
            }
            Thread.sleep(10);
        }
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
