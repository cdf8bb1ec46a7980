package io.hermesbus.tck;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Event;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * One consumer of rule 4.7: reads from its position, each wait with a new random timeout, until told to stop, and
 * returns what it did, a {@link RaceTrace}. A searching consumer also calls {@code findNextEventOfCategory} for one
 * category, one read in three. {@link #call()} runs on one thread, once.
 */
final class RacingConsumer implements Callable<RaceTrace> {
    private static final int SEARCH_ONE_IN = 3;

    private final String name;
    private final AbstractMessageBusConsumerPlugin plugin;
    private final RacePlan plan;
    private final SplittableRandom random;
    private final String searched;
    private final int readLimit;
    private final List<RaceTrace.Step> steps = new ArrayList<>();
    private volatile long stopAfterNanos = Long.MAX_VALUE;

    /**
     * @param searched the category it also searches for, or null for a consumer that only iterates
     * @param readLimit the most events it reads, so that a consumer repeating events forever stops
     */
    RacingConsumer(String name, AbstractMessageBusConsumerPlugin plugin, RacePlan plan, String searched, int readLimit) {
        this.name = name;
        this.plugin = plugin;
        this.plan = plan;
        this.random = plan.nextConsumer();
        this.searched = searched;
        this.readLimit = readLimit;
    }

    /** Makes it stop at the first wait that starts after {@code nanos} and ends empty: it has caught up then. */
    void stopAfter(long nanos) {
        stopAfterNanos = nanos;
    }

    @Override
    public RaceTrace call() {
        Iterator<Event> events = plugin.iterator();
        int reads = 0;
        while (reads < readLimit) {
            int timeoutMs = plan.timeoutMs(random);
            plugin.setTimeout(timeoutMs);
            boolean search = searched != null && random.nextInt(SEARCH_ONE_IN) == 0;
            long start = System.nanoTime();
            Event read;
            if (search) {
                read = plugin.findNextEventOfCategory(searched).orElse(null);
            } else {
                read = events.hasNext() ? events.next() : null;
            }
            long end = System.nanoTime();
            if (read != null) {
                steps.add(new RaceTrace.Read(read, end, search));
                reads++;
                continue;
            }
            steps.add(new RaceTrace.EmptyWait(search ? "findNextEventOfCategory(\"" + searched + "\")" : "hasNext()", timeoutMs, start, end, search));
            if (!search) {
                events = plugin.iterator(); // an ended iterator stays ended
            }
            if (start > stopAfterNanos) {
                break;
            }
        }
        return new RaceTrace(name, describe(), Optional.ofNullable(searched), steps);
    }

    private String describe() {
        return "consumer " + name + " (hasNext()" + (searched == null ? "" : ", and findNextEventOfCategory(\"" + searched
                + "\") one read in " + SEARCH_ONE_IN) + ", timeouts of " + plan.describeTimeouts() + ")";
    }
}
