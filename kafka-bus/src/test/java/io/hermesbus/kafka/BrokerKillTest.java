package io.hermesbus.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.ConsumerInterruptedException;
import io.hermesbus.api.Event;
import io.hermesbus.api.FailedToSendEventException;
import io.hermesbus.api.HermesBusException;
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
 * The broker killed (SIGKILL) in the middle of a burst of sends from several threads and restarted, and frozen
 * (SIGSTOP) under a send: Kafka's promise (no acknowledged record lost or duplicated across broker failures), kept
 * through the plugins, with consumers waiting through the outage and callers retrying the sends that failed.
 *
 * <p>{@code mvn verify} runs one kill. The long run: {@code mvn -o -pl kafka-bus test -Dtest=BrokerKillTest
 * -Dhermesbus.kafka.kills=50} (about 15 s a kill), which prints its figures. Each run prints its seed;
 * {@code -Dhermesbus.kafka.seed=S} replays its kill points (how far into each burst), not the machine's timing.
 * Uses the shared broker and leaves it running.
 */
class BrokerKillTest {
    private static final String SECRET = "PlantedS3cretKafka";
    private static final int SEND_WAIT_MS = 2_000;
    private static final int THREADS = 3;
    private static final int BURST = 200; // events per thread between two kills
    // a key password Kafka ignores on a PLAINTEXT connection: there only to be looked for in every message
    private static final Map<String, Object> PROPERTIES = Map.of("default.api.timeout.ms", 3_000,
            "request.timeout.ms", 2_000, "max.block.ms", 3_000, "delivery.timeout.ms", SEND_WAIT_MS,
            "reconnect.backoff.max.ms", 200, "ssl.key.password", SECRET);
    // the bound of any wait in these tests: far above a broker restart on a loaded machine, far below a hang
    private static final Duration BOUND = Duration.ofSeconds(120);

    private static KafkaBroker broker;
    private static ExecutorService threads;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private String topic;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.shared();
        threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "broker-kill-test");
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
        broker.deleteTopic(topic);
    }

    private Map<String, Object> settings() {
        if (topic == null) {
            topic = broker.createTopic("kills", 1);
        }
        Map<String, Object> settings = new HashMap<>();
        settings.put("servers", broker.bootstrapServers());
        settings.put("topic", topic);
        settings.put("group_id", "kill-test");
        settings.put("properties", PROPERTIES);
        return settings;
    }

    private AbstractMessageBusProducerPlugin producer() {
        KafkaBusProducer producer = new KafkaBusProducer(settings());
        opened.add(producer);
        producer.open();
        return producer;
    }

    private AbstractMessageBusConsumerPlugin consumer(Integer timeoutMs) {
        KafkaBusConsumer consumer = new KafkaBusConsumer(settings());
        opened.add(consumer);
        consumer.open();
        consumer.setTimeout(timeoutMs);
        return consumer;
    }

    private static Event event(int thread, long n) {
        return new Event("burst", "added", "thread-" + thread, n, Map.of("n", n), 0, false);
    }

    /** Every event on the bus, read from the beginning by a new consumer. */
    private List<Event> log() {
        try (KafkaBusConsumer consumer = new KafkaBusConsumer(settings())) {
            consumer.open();
            consumer.setTimeout(0);
            List<Event> events = new ArrayList<>();
            consumer.iterator().forEachRemaining(events::add);
            return events;
        }
    }

    @Test
    void everyAcknowledgedEventSurvivesAKillMidBurstOnceAndInOrderAndWaitingConsumersMissNothing() throws Exception {
        int kills = Integer.getInteger("hermesbus.kafka.kills", 1);
        long seed = Long.getLong("hermesbus.kafka.seed", new SecureRandom().nextLong());
        System.out.println("BrokerKillTest: " + kills + " kill(s), seed " + seed + " (-Dhermesbus.kafka.seed=" + seed
                + " replays the kill points)");
        Random random = new Random(seed);
        AbstractMessageBusProducerPlugin producer = producer();
        int total = THREADS * BURST * kills;
        // one consumer waits without a timeout, one with 1 s: both iterate through every outage
        Future<Reading> waiting = threads.submit(new Reader(consumer(null), total));
        Future<Reading> polling = threads.submit(new Reader(consumer(1_000), total));

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
            // the outage lasts until a send has failed (SEND_WAIT_MS), so that the failure and its retry are seen
            awaitTrue(() -> failures.size() > failedBefore, "a send to fail while the broker is dead");
            broker.restart();
            outage = outage.plusNanos(System.nanoTime() - killed);
            for (Future<?> sender : senders) {
                within(sender, "a sender's burst after the restart");
            }
        }

        List<Event> log = log();
        Figures figures = Figures.of(log, acknowledged, kills, failures.size());
        Reading waited = within(waiting, "the consumer without timeout");
        Reading polled = within(polling, "the consumer with timeout 1 s");
        System.out.println("BrokerKillTest: " + figures + "; consumer without timeout: " + waited
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
        producer.send(event(0, 0));
        // frozen, the broker receives the request but answers nothing: the send fails, the event lands at the thaw
        broker.freeze();
        try {
            assertThatThrownBy(() -> producer.send(event(0, 1))).isInstanceOf(FailedToSendEventException.class)
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
        producer.send(event(0, 1));
        producer.send(event(0, 2));
        assertThat(log()).extracting(Event::objpkey).containsExactly(0L, 1L, 2L);
    }

    /** Sends {@link #BURST} events of one thread, retrying each failed one until it is acknowledged. */
    private record Sender(AbstractMessageBusProducerPlugin producer, int thread, long first, List<Long> acknowledged,
            AtomicInteger acks, List<FailedToSendEventException> failures) implements java.util.concurrent.Callable<Void> {
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
    private record Reader(AbstractMessageBusConsumerPlugin consumer, int count) implements java.util.concurrent.Callable<Reading> {
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
}
