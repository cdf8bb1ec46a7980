package io.hermesbus.tck;

import io.hermesbus.api.Event;
import io.hermesbus.tck.RaceTrace.EmptyWait;
import io.hermesbus.tck.RaceTrace.Read;
import io.hermesbus.tck.RaceTrace.Step;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Judges rule 4.7: what its consumers read, and which of their waits ended empty when, against what its producers
 * sent and when each {@code send} returned.
 *
 * <ul>
 *   <li>Each consumer reads only events the producers sent, each at most once, each producer's in the order sent.
 *   <li>The reader, which only iterates, reads every event: its reads are then the bus's order. The searcher reads in
 *       that order too, and each event it does not read is of another category than the one it searches for, with
 *       a search between its reads around the event (or before its first, after its last), which stepped over it.
 *   <li>No wait ends empty while an event is there. After a wait that ended empty, the event the consumer reads next
 *       was at or after its position then; had it been there, so would have been every event before it on the bus,
 *       and the wait would have yielded, found or stepped over one. So its {@code send} must not have returned more
 *       than the allowance before the wait's deadline: the declared delivery delay, scaled, which it may take to
 *       become readable, plus the race slack, for a correct consumer descheduled between its last look and its
 *       deadline. The deadline is taken at its earliest (the call's start plus the timeout, or the call's end if
 *       earlier), so that a consumer or a kit thread that runs late never makes a correct wait look wrong.
 * </ul>
 */
final class RaceCheck {
    /** An event a producer sent, and the instant its {@code send} returned. */
    record Sent(Event event, long returnedNanos) {
    }

    /** What a failure of the rule says: what the kit did, what it expected, what it observed. */
    record Violation(String what, String expected, String observed) {
    }

    private final Map<String, Sent> sent = new LinkedHashMap<>();
    private final long allowanceNanos;
    private final String allowance;
    private final long originNanos;

    /**
     * @param deliveryDelay the bus's declared delivery delay, scaled
     * @param originNanos the instant messages count from
     */
    RaceCheck(List<Sent> sent, Duration deliveryDelay, Duration slack, long originNanos) {
        sent.stream().sorted(Comparator.comparingLong(Sent::returnedNanos))
                .forEach(one -> this.sent.put(identity(one.event()), one));
        this.allowanceNanos = deliveryDelay.plus(slack).toNanos();
        this.allowance = deliveryDelay.plus(slack).toMillis() + " ms (the declared delivery delay, scaled, "
                + deliveryDelay.toMillis() + " ms, plus the race slack, " + slack.toMillis() + " ms)";
        this.originNanos = originNanos;
    }

    /** The first way in which the consumers went wrong, checked in the order of the class's description. */
    Optional<Violation> firstViolation(RaceTrace reader, RaceTrace searcher) {
        String searched = searcher.searched().orElseThrow();
        return Stream.<Supplier<Optional<Violation>>>of(
                        () -> readOnceInOrder(reader),
                        () -> readOnceInOrder(searcher),
                        () -> readEverything(reader),
                        () -> readInOrderOf(searcher, reader),
                        () -> steppedOverOnlyBySearches(searcher, searched, reader),
                        () -> noWaitEndedEmptyWithAnEventThere(reader),
                        () -> noWaitEndedEmptyWithAnEventThere(searcher))
                .map(Supplier::get)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private Optional<Violation> readOnceInOrder(RaceTrace consumer) {
        String what = "the events " + consumer.description() + " read";
        Map<String, Read> seen = new HashMap<>();
        Map<String, Read> lastOfProducer = new HashMap<>();
        for (Read read : consumer.reads()) {
            String identity = identity(read.event());
            if (!sent.containsKey(identity)) {
                return violation(what, "only events the producers sent", describe(read) + ", which no producer sent");
            }
            Read earlier = seen.putIfAbsent(identity, read);
            if (earlier != null) {
                return violation(what, "each event once", identity + " twice: " + describe(earlier) + " and " + describe(read));
            }
            Read previous = lastOfProducer.put(read.event().evcategory(), read);
            if (previous != null && number(previous) > number(read)) {
                return violation(what, "each producer's events in the order it sent them",
                        describe(previous) + ", then " + describe(read));
            }
        }
        return Optional.empty();
    }

    private Optional<Violation> readEverything(RaceTrace reader) {
        List<Read> reads = reader.reads();
        Map<String, Sent> unread = new LinkedHashMap<>(sent);
        reads.forEach(read -> unread.remove(identity(read.event())));
        if (unread.isEmpty()) {
            return Optional.empty();
        }
        Sent first = unread.values().iterator().next();
        return violation("the events " + reader.description() + " read", "every event sent, " + sent.size() + " in all",
                unread.size() + " never read, the first " + identity(first.event()) + " (its send() returned at "
                        + at(first.returnedNanos()) + "); " + reads.size() + " read"
                        + (reads.isEmpty() ? "" : ", the last " + describe(reads.get(reads.size() - 1))));
    }

    private Optional<Violation> readInOrderOf(RaceTrace searcher, RaceTrace reader) {
        Map<String, Integer> busOrder = busOrder(reader);
        Read previous = null;
        for (Read read : searcher.reads()) {
            if (previous != null && busOrder.get(identity(read.event())) < busOrder.get(identity(previous.event()))) {
                return violation("the events " + searcher.description() + " read",
                        "the bus's order, in which consumer " + reader.name() + " read them",
                        describe(previous) + ", then " + describe(read) + ", which " + reader.name() + " read first");
            }
            previous = read;
        }
        return Optional.empty();
    }

    private Optional<Violation> steppedOverOnlyBySearches(RaceTrace searcher, String searched, RaceTrace reader) {
        List<Read> bus = reader.reads();
        Map<String, Integer> busOrder = busOrder(reader);
        int next = 0;
        Read previous = null;
        boolean searchedSince = false;
        for (Step step : searcher.steps()) {
            if (step instanceof EmptyWait wait) {
                searchedSince |= wait.search();
            } else if (step instanceof Read read) {
                searchedSince |= read.bySearch();
                int at = busOrder.get(identity(read.event()));
                Optional<Violation> lost = steppedOver(searcher, searched, bus.subList(next, at), searchedSince, previous, read);
                if (lost.isPresent()) {
                    return lost;
                }
                next = at + 1;
                previous = read;
                searchedSince = false;
            }
        }
        return steppedOver(searcher, searched, bus.subList(next, bus.size()), searchedSince, previous, null);
    }

    /** Whether the events the searcher did not read between two of its reads were stepped over by a search. */
    private Optional<Violation> steppedOver(RaceTrace searcher, String searched, List<Read> unread, boolean searchedSince,
            Read before, Read after) {
        for (Read missed : unread) {
            boolean ofSearchedCategory = missed.event().evcategory().equals(searched);
            if (ofSearchedCategory || !searchedSince) {
                String where = "between " + (before == null ? "the start" : describe(before)) + " and "
                        + (after == null ? "the end" : describe(after));
                return violation("the events " + searcher.description() + " read",
                        "every event, but for those of other categories than \"" + searched + "\" that its searches stepped over",
                        identity(missed.event()) + " never read, " + (ofSearchedCategory
                                ? "though a search for its category returns it rather than stepping over it"
                                : "though no search ran " + where + ", where the bus has it"));
            }
        }
        return Optional.empty();
    }

    private Optional<Violation> noWaitEndedEmptyWithAnEventThere(RaceTrace consumer) {
        List<Step> steps = consumer.steps();
        for (int i = 0; i < steps.size(); i++) {
            if (!(steps.get(i) instanceof EmptyWait wait)) {
                continue;
            }
            Optional<Read> next = steps.subList(i + 1, steps.size()).stream()
                    .filter(Read.class::isInstance).map(Read.class::cast).findFirst();
            if (next.isEmpty()) {
                continue;
            }
            Sent nextSent = sent.get(identity(next.get().event()));
            long deadline = wait.earliestDeadlineNanos();
            if (nextSent.returnedNanos() + allowanceNanos < deadline) {
                return violation("a wait of " + consumer.description(),
                        "a wait ends empty only when no event is readable at the position; an event whose send() returned"
                                + " more than " + allowance + " before the wait's deadline is readable before it",
                        wait.call() + " with timeout " + wait.timeoutMs() + " ms, called at " + at(wait.startNanos())
                                + ", ended empty at " + at(wait.endNanos()) + " (its deadline at " + at(deadline)
                                + " at the earliest); yet the next event " + consumer.name() + " read, " + describe(next.get())
                                + ", had its send() return at " + at(nextSent.returnedNanos()) + ", "
                                + millis(deadline - nextSent.returnedNanos()) + " before that deadline: it was there,"
                                + " and so was every event before it on the bus");
            }
        }
        return Optional.empty();
    }

    private static Map<String, Integer> busOrder(RaceTrace reader) {
        Map<String, Integer> order = new HashMap<>();
        List<Read> reads = reader.reads();
        for (int i = 0; i < reads.size(); i++) {
            order.put(identity(reads.get(i).event()), i);
        }
        return order;
    }

    /** An event the kit sent, by its producer's category and its number: {@code #12 race-1}. */
    private static String identity(Event event) {
        return "#" + TckEvents.seqOf(event) + " " + event.evcategory();
    }

    private static long number(Read read) {
        return ((Number) TckEvents.seqOf(read.event())).longValue();
    }

    private String describe(Read read) {
        return TckEvents.describe(read.event()) + " read at " + at(read.atNanos()) + (read.bySearch() ? " by a search" : "");
    }

    /** An instant, counted from the origin. */
    private String at(long nanos) {
        return "+" + millis(nanos - originNanos);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static Optional<Violation> violation(String what, String expected, String observed) {
        return Optional.of(new Violation(what, expected, observed));
    }
}
