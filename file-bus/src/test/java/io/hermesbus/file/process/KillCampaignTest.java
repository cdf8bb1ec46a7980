package io.hermesbus.file.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.MessageBuses;
import io.hermesbus.file.FileBusProducer;
import io.hermesbus.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill campaign: producer and consumer processes of one file bus folder killed with SIGKILL at random moments,
 * over and over, in {@code sync} and {@code group} mode. Per folder, two producer processes (two sending threads
 * each, segments of 64 KiB so that the log rolls often, an event of 100 KB now and then so that kills fall inside
 * writes) and a consumer process tailing the log; each step kills one of them (mostly once it is open, sometimes at
 * any moment, start-up and recovery included), checks the folder, and starts a new one in its place, which must open
 * without manual steps. A folder ends by killing all three.
 *
 * <p>After each kill a fresh consumer in this JVM reads the whole log, and every event acknowledged before (a child
 * prints {@code ack} after each returned send, see {@link KillTargetMain}) must be there: in both modes, since a
 * process kill loses nothing a send acknowledged (the durability table). Checked: offsets consecutive from 0, each
 * sending thread's events once each and in order (so nothing lost or duplicated; an unacknowledged send in flight
 * may or may not be there), every event's content as sent (nothing torn or altered), the read never failing. The
 * consumer process, restarted each time with {@code seekAfter} its last reported offset, must report every offset
 * once, in order, with the log's event.
 *
 * <p>{@code mvn verify} runs 100 kills (about a minute on 2 cores); {@code -Dkills=1000} runs more, and
 * {@code -Dkills.seed=N} replays a campaign's random choices (the processes' timing is not replayable). The seed
 * and a summary per mode are printed.
 */
class KillCampaignTest {
    private static final int KILLS = Integer.getInteger("kills", 100);
    private static final long SEED = Long.getLong("kills.seed", System.nanoTime());
    /** Steps per folder: a fresh folder now and then keeps each check's full read short. */
    private static final int STEPS_PER_FOLDER = 12;
    private static final String SEGMENT_BYTES = "65536";
    private static final int THREADS = 2;
    private static final Duration GENEROUS = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void killedProducersAndConsumersLoseDuplicateAndTearNothing() throws Exception {
        System.out.println("KillCampaignTest: " + KILLS + " kills, seed " + SEED + " (replay with -Dkills.seed=" + SEED + ")");
        Random random = new Random(SEED);
        Map<String, Tally> tallies = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        long started = System.nanoTime();
        int kills = 0;
        for (int n = 0; kills < KILLS; n++) {
            String mode = n % 2 == 0 ? "sync" : "group";
            Tally tally = tallies.computeIfAbsent(mode, Tally::new);
            Folder folder = new Folder(work.resolve("bus" + n), mode, random, tally, problems);
            try {
                kills += folder.run(Math.max(1, Math.min(STEPS_PER_FOLDER, KILLS - kills - 3)));
            } finally {
                folder.killAll();
            }
            if (problems.size() > 20) {
                break; // enough to go on
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("KillCampaignTest: %d kills in %.1f s (seed %d)%n", kills, seconds, SEED);
        tallies.values().forEach(tally -> System.out.println("  " + tally));
        assertThat(problems).as("kill campaign, seed %d; %s", SEED, tallies.values()).isEmpty();
        assertThat(kills).isGreaterThanOrEqualTo(KILLS);
        for (Tally tally : tallies.values()) {
            assertThat(tally.acknowledged).as("events acknowledged in %s mode", tally.mode).isGreaterThan(tally.producerKills);
            assertThat(tally.lost + tally.duplicated + tally.torn).as("%s", tally).isZero();
        }
    }

    /** What one mode's part of the campaign did and found. */
    private static final class Tally {
        final String mode;
        int producerKills;
        int consumerKills;
        long acknowledged;
        long consumerResumes;
        long lost;
        long duplicated;
        long torn;
        long eventsOnLogs;

        Tally(String mode) {
            this.mode = mode;
        }

        @Override
        public String toString() {
            return String.format("%-5s kills %d (producers %d, consumers %d), events acknowledged %d, on the logs %d,"
                            + " lost %d, duplicated %d, torn %d; consumer restarts resumed %d times without loss or repeat",
                    mode, producerKills + consumerKills, producerKills, consumerKills, acknowledged, eventsOnLogs, lost,
                    duplicated, torn, consumerResumes);
        }
    }

    /** One bus folder under attack: its processes, what they acknowledged and reported, and the checks. */
    private final class Folder {
        private final Path path;
        private final String mode;
        private final Random random;
        private final Tally tally;
        private final List<String> problems;
        private final ChildJvm[] producers = new ChildJvm[2];
        private ChildJvm consumer;
        /** The name of each producer process, its categories' prefix. */
        private final Map<ChildJvm, String> names = new HashMap<>();
        /** How many lines of each child were taken in already. */
        private final Map<ChildJvm, Integer> taken = new HashMap<>();
        /** Per sending thread (category): its last acknowledged seq; -1 before the first. */
        private final Map<String, Long> lastAck = new HashMap<>();
        /** The categories of producer processes that were killed: nothing more comes from them. */
        private final List<String> ended = new ArrayList<>();
        /** What the consumer processes reported, in order: "category seq" at index = offset, if all went well. */
        private final List<String> consumed = new ArrayList<>();
        private int incarnations;
        private int step;

        Folder(Path path, String mode, Random random, Tally tally, List<String> problems) throws Exception {
            this.path = Files.createDirectories(path);
            this.mode = mode;
            this.random = random;
            this.tally = tally;
            this.problems = problems;
        }

        /** Runs {@code steps} kills, then kills every process; returns how many kills that made. */
        int run(int steps) throws Exception {
            producers[0] = startProducer();
            producers[1] = startProducer();
            consumer = startConsumer();
            int kills = 0;
            for (step = 0; step < steps; step++) {
                int victim = random.nextInt(5); // 0, 1: a producer; 2: the consumer; 3, 4: a producer again
                int slot = victim == 2 ? -1 : victim % 2;
                ChildJvm child = slot < 0 ? consumer : producers[slot];
                if (random.nextInt(4) == 0) {
                    Thread.sleep(random.nextInt(400)); // any moment: start-up, opening (cutting a torn tail), sending
                } else {
                    awaitOpen(child);
                    Thread.sleep(random.nextInt(250));
                }
                kill(child, slot < 0);
                verify(false);
                if (slot < 0) {
                    consumer = startConsumer();
                } else {
                    producers[slot] = startProducer();
                }
                kills++;
            }
            // the last producers must open without manual steps after all that; then the end: kill everything
            for (int slot = 0; slot < 2; slot++) {
                awaitOpen(producers[slot]);
            }
            Thread.sleep(random.nextInt(100));
            kill(producers[0], false);
            kill(producers[1], false);
            List<String> log = verify(false);
            awaitConsumerAt(log.size());
            kill(consumer, true);
            verify(true);
            return kills + 3;
        }

        private ChildJvm startProducer() throws Exception {
            String name = "p" + incarnations++;
            ChildJvm child = ChildJvm.startLean(KillTargetMain.class, List.of(FileBusProducer.class, Event.class),
                    path.resolveSibling(path.getFileName() + "-" + name + ".err"), "producer", path.toString(), mode,
                    SEGMENT_BYTES, name, String.valueOf(THREADS), String.valueOf(random.nextLong()));
            for (int t = 0; t < THREADS; t++) {
                lastAck.put(name + "." + t, -1L);
            }
            taken.put(child, 0);
            names.put(child, name);
            return child;
        }

        private ChildJvm startConsumer() throws Exception {
            ChildJvm child = ChildJvm.startLean(KillTargetMain.class, List.of(FileBusProducer.class, Event.class),
                    path.resolveSibling(path.getFileName() + "-c" + incarnations++ + ".err"), "consumer",
                    path.toString(), String.valueOf(consumed.size() - 1));
            if (!consumed.isEmpty()) {
                tally.consumerResumes++;
            }
            taken.put(child, 0);
            return child;
        }

        private void awaitOpen(ChildJvm child) throws InterruptedException {
            if (!child.drain().contains("open")) {
                child.awaitLine("open"::equals, GENEROUS, "'open' (in " + mode + " mode, step " + step + ")");
            }
        }

        private void kill(ChildJvm child, boolean isConsumer) throws InterruptedException {
            if (!child.isAlive()) {
                problems.add(mode + " step " + step + ": a " + (isConsumer ? "consumer" : "producer")
                        + " process ended by itself; stderr: " + child.errorText());
            }
            child.kill();
            take(child);
            if (isConsumer) {
                tally.consumerKills++;
            } else {
                tally.producerKills++;
                for (int t = 0; t < THREADS; t++) {
                    ended.add(names.get(child) + "." + t);
                }
            }
            taken.remove(child);
        }

        /** Takes in the lines a child printed since the last time. */
        private void take(ChildJvm child) {
            List<String> lines = child.drain();
            for (int i = taken.get(child); i < lines.size(); i++) {
                String[] words = lines.get(i).split(" ");
                if (words[0].equals("ack")) {
                    lastAck.put(words[1], Long.parseLong(words[2]));
                    tally.acknowledged++;
                } else if (words[0].equals("got")) {
                    long offset = Long.parseLong(words[1]);
                    if (offset != consumed.size()) {
                        problems.add(mode + " step " + step + ": the consumer process reported offset " + offset
                                + " where offset " + consumed.size() + " was next (resumed after its last report)");
                    }
                    consumed.add(words[2] + " " + words[3]);
                }
            }
            taken.put(child, lines.size());
        }

        /**
         * Reads the whole log with a fresh consumer and checks it against what was acknowledged; returns its events.
         *
         * @param last whether this is the folder's last check, whose counts go to the summary
         */
        private List<String> verify(boolean last) {
            taken.keySet().forEach(this::take); // acknowledged before the read starts: must be on the log
            List<String> log = new ArrayList<>();
            Map<String, Long> next = new HashMap<>();
            long lost = 0;
            long duplicated = 0;
            long torn = 0;
            try (AbstractMessageBusConsumerPlugin reader = MessageBuses.consumer("file", Map.of("path", path.toString()))) {
                reader.open();
                reader.seekToBeginning();
                reader.setTimeout(0);
                for (Event event : reader) {
                    if (!event.offset().toString().equals(String.valueOf(log.size()))) {
                        problems.add(mode + " step " + step + ": offset " + event.offset() + " where " + log.size()
                                + " was next");
                    }
                    String category = event.evcategory();
                    long seq = ((Number) event.objattrs().get("seq")).longValue();
                    String filler = (String) event.objattrs().get("filler");
                    if (!filler.equals(KillTargetMain.filler(category, seq, filler.length()))) {
                        torn++;
                    }
                    long expected = next.getOrDefault(category, 0L);
                    if (seq < expected) {
                        duplicated++;
                    } else {
                        lost += seq - expected; // a gap in one thread's sequence: acknowledged events missing
                        next.put(category, seq + 1);
                    }
                    log.add(category + " " + seq);
                }
            } catch (HermesBusException e) {
                torn++;
                problems.add(mode + " step " + step + ": reading the log failed after " + log.size() + " events: " + e);
            }
            for (Map.Entry<String, Long> acked : lastAck.entrySet()) {
                long present = next.getOrDefault(acked.getKey(), 0L);
                lost += Math.max(0, acked.getValue() + 1 - present);
                if (ended.contains(acked.getKey()) && present > acked.getValue() + 2) {
                    problems.add(mode + " step " + step + ": " + acked.getKey() + " has events up to seq " + (present - 1)
                            + " on the log, but its process was killed after acknowledging seq " + acked.getValue());
                }
            }
            if (lost + duplicated + torn > 0) {
                problems.add(String.format("%s step %d: lost %d, duplicated %d, torn %d", mode, step, lost, duplicated, torn));
            }
            check(log, last);
            if (last) { // the log only grows: its last check counts every event once
                tally.lost += lost;
                tally.duplicated += duplicated;
                tally.torn += torn;
            }
            return log;
        }

        /** The consumer processes' reports agree with the log, as far as both go (to its end at the last check). */
        private void check(List<String> log, boolean last) {
            for (int i = 0; i < Math.min(log.size(), consumed.size()); i++) {
                if (!log.get(i).equals(consumed.get(i))) {
                    problems.add(mode + " step " + step + ": the consumer process reported " + consumed.get(i)
                            + " at offset " + i + ", where the log holds " + log.get(i));
                    return;
                }
            }
            if (last) {
                tally.eventsOnLogs += log.size();
                if (consumed.size() != log.size()) {
                    problems.add(mode + ": the consumer processes reported " + consumed.size() + " events of the log's "
                            + log.size());
                }
            }
        }

        /** Waits until the consumer process reported every event up to {@code events}. */
        private void awaitConsumerAt(int events) throws InterruptedException {
            long deadline = System.nanoTime() + GENEROUS.toNanos();
            take(consumer);
            while (consumed.size() < events && System.nanoTime() < deadline && consumer.isAlive()) {
                Thread.sleep(5);
                take(consumer);
            }
        }

        /** Ends whatever still runs (after a failure). */
        void killAll() throws InterruptedException {
            for (ChildJvm child : new ArrayList<>(taken.keySet())) {
                child.close();
            }
        }
    }
}
