package io.hermesbus.tck;

import io.hermesbus.tck.random.ModelBasedCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The random instants of rule 4.7, drawn from one seed: the pause before each send of each producer, and for each
 * consumer a source of random timeouts and choices. The same seed and time scale give the same plan; only the
 * threads' timing differs from run to run.
 *
 * <p>A pause is short (0-15 ms, so that publishes crowd a wait and each other) or long (0-200 ms, so that waits end
 * empty), equally often; with three producers, an event comes about every 18 ms on average, and a wait of 20-60 ms
 * (scaled) both ends empty and has publishes land at any moment of it, often enough over a run.
 */
final class RacePlan {
    static final int PRODUCERS = 3;
    private static final long PUBLISHING_MS = 2_000;
    private static final int SHORT_PAUSE_MS = 15;
    private static final int LONG_PAUSE_MS = 200;
    private static final int SHORTEST_WAIT_MS = 20;
    private static final int LONGEST_WAIT_MS = 60;

    private final long seed;
    private final TckTimeouts timeouts;
    private final List<long[]> pausesMs;
    private final SplittableRandom consumers;

    private RacePlan(long seed, TckTimeouts timeouts, List<long[]> pausesMs, SplittableRandom consumers) {
        this.seed = seed;
        this.timeouts = timeouts;
        this.pausesMs = pausesMs;
        this.consumers = consumers;
    }

    /** A plan drawn from {@code seed}, its durations scaled by {@code timeouts}. */
    static RacePlan draw(long seed, TckTimeouts timeouts) {
        SplittableRandom root = new SplittableRandom(seed);
        long publishingMs = timeouts.scaled(PUBLISHING_MS).toMillis();
        List<long[]> pauses = new ArrayList<>();
        for (int producer = 0; producer < PRODUCERS; producer++) {
            SplittableRandom random = root.split();
            List<Long> drawn = new ArrayList<>();
            long total = 0;
            while (true) {
                long pause = timeouts.scaled(random.nextInt(random.nextBoolean() ? SHORT_PAUSE_MS + 1 : LONG_PAUSE_MS + 1)).toMillis();
                total += pause;
                if (total > publishingMs) {
                    break;
                }
                drawn.add(pause);
            }
            pauses.add(drawn.stream().mapToLong(Long::longValue).toArray());
        }
        return new RacePlan(seed, timeouts, pauses, root.split());
    }

    long seed() {
        return seed;
    }

    /** The category of producer {@code producer}'s events, by which the kit knows who sent what. */
    static String category(int producer) {
        return "race-" + producer;
    }

    /** The pauses of producer {@code producer}, in milliseconds: one before each of its sends. */
    long[] pausesMs(int producer) {
        return pausesMs.get(producer).clone();
    }

    /** How many events the producers send in all, if their sends take no time. */
    int events() {
        return pausesMs.stream().mapToInt(pauses -> pauses.length).sum();
    }

    /** How long the producers publish: their pauses add up to at most that, and they stop sending then. */
    Duration publishing() {
        return timeouts.scaled(PUBLISHING_MS);
    }

    /** A source of random choices for the next consumer; each consumer asks once, in the same order every run. */
    SplittableRandom nextConsumer() {
        return consumers.split();
    }

    /** A consumer's timeout for one wait, in milliseconds. */
    int timeoutMs(SplittableRandom random) {
        return (int) timeouts.scaled(random.nextInt(SHORTEST_WAIT_MS, LONGEST_WAIT_MS + 1)).toMillis();
    }

    /** The range of timeouts {@link #timeoutMs} gives, for messages. */
    String describeTimeouts() {
        return timeouts.scaled(SHORTEST_WAIT_MS).toMillis() + "-" + longestTimeout().toMillis() + " ms";
    }

    /** The longest timeout {@link #timeoutMs} gives. */
    Duration longestTimeout() {
        return timeouts.scaled(LONGEST_WAIT_MS);
    }

    /** The plan in words, for failure messages. */
    String describe() {
        return PRODUCERS + " producers (categories " + category(0) + " to " + category(PRODUCERS - 1) + ") sending at"
                + " random instants for " + publishing().toMillis() + " ms, seed " + seed
                + " (-D" + ModelBasedCheck.SEED_PROPERTY + "=" + seed + " replays the same instants)";
    }
}
