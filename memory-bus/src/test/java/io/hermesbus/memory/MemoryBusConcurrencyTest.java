package io.hermesbus.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.OffsetOutOfRangeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Consumers reading without the lock while a publisher appends and retention deletes. Whatever the interleaving,
 * each consumer must see every event once and in order, except where an {@link OffsetOutOfRangeException} names
 * its position: never a skip, never a repeat, never another event than the one at its position.
 *
 * <p>No timing is asserted: waits are bounded only so that a hang fails instead of blocking the build.
 */
class MemoryBusConcurrencyTest {
    /** How long a consumer waits for one event, and a thread to finish, before the test fails as hung. */
    private static final int HANG_MS = 60_000;
    private static final Pattern NAMED_POSITION = Pattern.compile("offset (\\d+) \\(the consumer's position\\)");

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private TestBus testBus;

    @AfterEach
    void stop() {
        threads.shutdownNow();
        testBus.close();
    }

    /** What one consumer saw: each problem found, and how many deletions it was told of. */
    private record Seen(List<String> problems, int deletionsReported) {
    }

    /**
     * Reads from the oldest event until the one with key {@code last}. Keys are event numbers (one producer),
     * so an event must have the key (and offset) of the position it was read at. A reported deletion must name
     * that position; the consumer then goes on from the oldest retained event, which must lie beyond it.
     */
    private static Seen readUntil(MemoryBusConsumer consumer, long last, boolean lagging) {
        List<String> problems = new ArrayList<>();
        int deletions = 0;
        long position = 0; // the number of the event the consumer must yield next
        boolean afterDeletion = false;
        while (true) {
            try {
                for (Event event : consumer) {
                    long key = (Long) event.objpkey();
                    boolean expected = afterDeletion ? key > position : key == position;
                    if (!expected || !event.offset().equals(Offset.of(key))) {
                        problems.add("at #" + position + (afterDeletion ? " (deleted)" : "") + " read key " + key
                                + " with offset " + event.offset());
                        return new Seen(problems, deletions);
                    }
                    position = key + 1;
                    afterDeletion = false;
                    if (key == last) {
                        return new Seen(problems, deletions);
                    }
                    if (lagging && key % 256 == 0) {
                        LockSupport.parkNanos(100_000); // fall behind retention now and then
                    }
                }
                problems.add("no event within " + HANG_MS + " ms at #" + position);
                return new Seen(problems, deletions);
            } catch (OffsetOutOfRangeException e) {
                deletions++;
                Matcher named = NAMED_POSITION.matcher(e.getMessage());
                long deleted = named.find() ? Long.parseLong(named.group(1)) : -1;
                // after seekToBeginning() the new position may be deleted before anything is read there
                if (afterDeletion ? deleted <= position : deleted != position) {
                    problems.add("at #" + position + (afterDeletion ? " (deleted)" : "")
                            + ", a deletion reported as: " + e.getMessage());
                    return new Seen(problems, deletions);
                }
                position = deleted;
                afterDeletion = true;
                consumer.seekToBeginning();
            }
        }
    }

    private Future<Seen> startConsumer(long last, boolean lagging) {
        MemoryBusConsumer consumer = new MemoryBusConsumer(testBus.settings());
        consumer.open();
        consumer.setTimeout(HANG_MS);
        return threads.submit(() -> readUntil(consumer, last, lagging));
    }

    private Future<?> startPublisher(long from, long to) {
        MemoryBusProducer producer = testBus.openProducer();
        return threads.submit(() -> {
            for (long key = from; key < to; key++) {
                producer.send(TestBus.event("users", key));
            }
        });
    }

    private static <T> T await(Future<T> running) throws Exception {
        return running.get(HANG_MS, TimeUnit.MILLISECONDS);
    }

    @Test
    void consumersReadingWhileEventsArePublishedSeeEveryEventOnceInOrder() throws Exception {
        testBus = TestBus.of(OffsetKind.INT);
        testBus.openProducer(); // creates the bus
        int count = 100 * RetainedEvents.CHUNK_SIZE + 17; // many chunks, and several directory growths
        List<Future<Seen>> consumers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            consumers.add(startConsumer(count - 1, i == 0));
        }

        await(startPublisher(0, count));

        for (Future<Seen> consumer : consumers) {
            Seen seen = await(consumer);
            assertThat(seen.problems()).isEmpty();
            assertThat(seen.deletionsReported()).isZero();
        }
    }

    @Test
    void consumersRacingRetentionSeeEveryEventInOrderOrAreToldOfTheDeletion() throws Exception {
        testBus = TestBus.withMaxEvents(OffsetKind.INT, 700); // retention at every send, across chunk boundaries
        testBus.openProducer();
        MemoryBus bus = testBus.bus();
        int count = 300 * RetainedEvents.CHUNK_SIZE;
        List<Future<Seen>> consumers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            consumers.add(startConsumer(count, i % 2 == 0));
        }
        Future<?> publisher = startPublisher(0, count);
        Future<?> retention = threads.submit(() -> {
            Random random = new Random(42);
            while (!publisher.isDone()) {
                bus.retainNewest(random.nextInt(300));
                Thread.yield();
            }
        });

        await(publisher);
        await(retention);
        await(startPublisher(count, count + 1)); // the last event, which no retention deletes

        int deletionsReported = 0;
        for (Future<Seen> consumer : consumers) {
            Seen seen = await(consumer);
            assertThat(seen.problems()).isEmpty();
            deletionsReported += seen.deletionsReported();
        }
        // informative only: how often the race was lost; the checks above hold whatever the number
        System.out.println("MemoryBusConcurrencyTest: consumers were told of " + deletionsReported + " deletions");
        assertThat(bus.events().chunkCount()).isLessThanOrEqualTo(2);
    }
}
