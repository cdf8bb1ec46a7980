package io.hermesbus.tck;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.ConsumerInterruptedException;
import io.hermesbus.api.Event;
import io.hermesbus.api.InvalidEventException;
import io.hermesbus.api.NotOpenException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.OffsetOutOfRangeException;
import io.hermesbus.api.WrongOffsetKindException;
import io.hermesbus.tck.SpecRule.Level;
import io.hermesbus.tck.random.ModelBasedCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;

/**
 * The conformance kit for a Hermes message bus consumer plugin. Extend it, make {@link #createBus()} return a
 * fresh, empty bus, and run it as any JUnit Jupiter test:
 *
 * <pre>{@code
 * class MyBusConformanceTest extends MessageBusConsumerVerification {
 *     protected BusUnderTest createBus() { return new MyBusUnderTestFactory().create(Map.of()); }
 * }
 * }</pre>
 *
 * <p>One test per rule of {@code tck/SPEC.md}, named {@code required_<number>_...} or
 * {@code recommended_<number>_...} and shown under the rule's number and title. A failure message cites the
 * rule and says what was expected and what was observed; SPEC.md says, for each rule, what to look at. A rule
 * that needs a capability the bus does not declare (see {@link BusUnderTest}) is reported as not applicable,
 * naming the declaration. After the class, {@link ConformanceReport} writes and prints the report.
 *
 * <p>Every call into the plugin that can block runs with a deadline ({@link TckTimeouts}), so a wrong consumer
 * fails a rule instead of hanging the build.
 */
@ExtendWith(ConformanceReport.class)
@DisplayNameGeneration(SpecRuleDisplayNames.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class MessageBusConsumerVerification {
    private static final String BASE = "base";
    private static final String INITSYNC = "initsync";

    private final TckTimeouts timeouts = TckTimeouts.configured();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private BoundedCalls calls;
    private BusUnderTest bus;
    /** What the buses this instance made have in common, for the report; null before the first. Rule 10.1 makes its buses on worker threads. */
    private volatile BusDescription busesMade;
    private AbstractMessageBusProducerPlugin producer;
    private SpecRule rule;
    private long published;

    /**
     * A fresh, empty bus for one test. Called once before every rule; the kit closes it after the rule.
     * Rule 1.1 checks that it is indeed empty and working.
     *
     * @return a new bus, not null, shared with no other call (a unique name, folder or topic)
     */
    protected abstract BusUnderTest createBus();

    /**
     * How many operation sequences rule 10.1 runs (default 200), within its time budget ({@link TckTimeouts}).
     * Raise it in a nightly build; every sequence runs on a fresh bus from {@link #createBus()}.
     *
     * @return the count, at least 1; fewer run when the time budget runs out
     */
    protected int modelBasedSequences() {
        return 200;
    }

    /**
     * The buses this instance made (one per rule, and one per sequence of rule 10.1), described as one for the report
     * ({@link BusDescription#sharedWith}); null when {@link #createBus()} made none.
     */
    final BusDescription busesMade() {
        return busesMade;
    }

    private BusUnderTest freshBus() {
        BusUnderTest fresh = createBus();
        if (fresh != null) {
            BusDescription described = BusDescription.of(fresh);
            busesMade = busesMade == null ? described : busesMade.sharedWith(described);
        }
        return fresh;
    }

    @BeforeEach
    final void setUpBus(TestInfo info) {
        rule = info.getTestMethod().map(m -> m.getAnnotation(SpecRule.class)).orElse(null);
        calls = new BoundedCalls();
        bus = freshBus();
        if (bus == null) {
            throw new AssertionFailedError("createBus() returned null; return a new, empty BusUnderTest for every test");
        }
        published = 0;
    }

    @AfterEach
    final void tearDownBus() throws Exception {
        // close what the kit opened in reverse order, then the bus; a close that hangs must not hang the kit
        for (int i = toClose.size() - 1; i >= 0; i--) {
            AutoCloseable closeable = toClose.get(i);
            try {
                calls.call(timeouts.hang(), "close()", () -> {
                    closeable.close();
                    return null;
                });
            } catch (BoundedCalls.Hung | RuntimeException ignored) {
                // the rule under test has already reported what went wrong; closing is best effort
            }
        }
        toClose.clear();
        producer = null;
        try {
            bus.close();
        } finally {
            calls.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // 1. Set-up and lifecycle

    @Test
    @SpecRule(number = "1.1", title = "the bus under test starts empty and works")
    void required_1_1_freshBusIsEmptyAndWorks() {
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        List<Event> before = readAvailable(consumer, "reading a fresh bus");
        check(before.isEmpty(), "reading a bus just made by createBus()",
                "no events: createBus() must return a new, empty bus every time (use a unique name, folder or topic per call)",
                "events " + TckEvents.describe(before));
        Event sent = publish(BASE);
        List<Event> after = read(consumer, 1);
        check(after.size() == 1 && after.get(0).sameContentAs(sent), "publishing one event through newProducer() and reading it through newConsumer()",
                "the event " + TckEvents.describe(sent) + "; check that producer and consumer are on the same bus",
                after.isEmpty() ? "nothing, after waiting the declared delivery delay plus " + timeouts.quiet().toMillis() + " ms"
                        : TckEvents.describe(after));
    }

    @Test
    @SpecRule(number = "1.2", title = "a consumer that was never opened refuses to work with NotOpenException")
    void required_1_2_unopenedConsumerRefuses() {
        publish(3);
        AbstractMessageBusConsumerPlugin consumer = newConsumer();
        consumer.setTimeout(0);
        Offset any = Offset.of(0L);
        expectThrows(NotOpenException.class, "seekToBeginning() before open()", consumer::seekToBeginning);
        expectThrows(NotOpenException.class, "seek(" + any + ") before open()", () -> consumer.seek(any));
        expectThrows(NotOpenException.class, "iterator().hasNext() before open()", () -> consumer.iterator().hasNext());
        expectThrows(NotOpenException.class, "findNextEventOfCategory(\"base\") before open()", () -> consumer.findNextEventOfCategory(BASE));
    }

    @Test
    @SpecRule(number = "1.3", title = "close() is idempotent, also on a consumer never opened")
    void required_1_3_closeIsIdempotent() {
        AbstractMessageBusConsumerPlugin neverOpened = newConsumer();
        expectReturns("close() on a consumer never opened", neverOpened::close);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        expectReturns("close() on an open consumer", consumer::close);
        expectReturns("close() a second time", consumer::close);
    }

    @Test
    @SpecRule(number = "1.4", title = "one consumer can be opened and closed again and again")
    void required_1_4_openCloseRepeat() {
        List<Event> sent = publish(4);
        AbstractMessageBusConsumerPlugin consumer = newConsumer();
        for (int round = 1; round <= 3; round++) {
            int r = round;
            expectReturns("open() in round " + r, consumer::open);
            seekToBeginning(consumer);
            expectSameContent("reading all events after open() number " + r, sent, readAll(consumer, sent.size()));
            expectReturns("close() in round " + r, consumer::close);
        }
    }

    @Test
    @SpecRule(number = "1.5", title = "a closed consumer, and an iterator taken before closing, refuse to work with NotOpenException")
    void required_1_5_closedConsumerRefuses() {
        List<Event> sent = publish(3);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        Offset first = read(consumer, 1).get(0).offset();
        Iterator<Event> iterator = consumer.iterator();
        consumer.close();
        expectThrows(NotOpenException.class, "seekToBeginning() after close()", consumer::seekToBeginning);
        expectThrows(NotOpenException.class, "seek(" + first + ") after close()", () -> consumer.seek(first));
        expectThrows(NotOpenException.class, "findNextEventOfCategory(\"base\") after close()", () -> consumer.findNextEventOfCategory(BASE));
        expectThrows(NotOpenException.class, "iterator().hasNext() on a new iterator after close()", () -> consumer.iterator().hasNext());
        expectThrows(NotOpenException.class, "hasNext() on an iterator taken before close() (" + (sent.size() - 1) + " events were left to read)",
                iterator::hasNext);
    }

    @Test
    @SpecRule(number = "1.6", level = Level.RECOMMENDED, title = "after open(), before any seek, the next event is the oldest retained one")
    void recommended_1_6_openStartsAtOldest() {
        List<Event> sent = publish(3);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        expectSameContent("reading right after open(), without seeking", sent, readAll(consumer, sent.size()));
    }

    @Test
    @SpecRule(number = "1.7", title = "a producer that is not open refuses to send with NotOpenException, and sends nothing")
    void required_1_7_closedProducerRefuses() {
        AbstractMessageBusProducerPlugin fresh = bus.newProducer();
        toClose.add(fresh);
        expectThrows(NotOpenException.class, "send() before open()", () -> fresh.send(TckEvents.numbered(100, BASE)));
        AbstractMessageBusProducerPlugin closed = bus.newProducer();
        toClose.add(closed);
        closed.open();
        closed.close();
        expectThrows(NotOpenException.class, "send() after close()", () -> closed.send(TckEvents.numbered(101, BASE)));
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        List<Event> seen = readAvailable(consumer, "reading after the refused sends");
        check(seen.isEmpty(), "reading the bus after send() was refused twice", "no events", TckEvents.describe(seen));
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2. Iteration

    @Test
    @SpecRule(number = "2.1", title = "iteration yields every published event once, in publish order, content unchanged")
    void required_2_1_yieldsEveryEventInOrder() {
        List<Event> sent = publish(20);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        expectSameContent("reading 20 published events from the beginning", sent, readAll(consumer, sent.size()));
    }

    @Test
    @SpecRule(number = "2.2", title = "offsets are of the declared kind and strictly increase")
    void required_2_2_offsetsOfKindAndIncreasing() {
        publish(10);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        List<Event> seen = readAll(consumer, 10);
        Offset previous = null;
        for (Event event : seen) {
            Offset offset = event.offset();
            check(offset != null, "reading " + TckEvents.describe(event), "an offset", "null");
            check(offset.kind() == bus.offsetKind(), "the offset of " + TckEvents.describe(event),
                    "an offset of kind " + bus.offsetKind() + " (BusUnderTest.offsetKind())", offset + " of kind " + offset.kind());
            check(previous == null || offset.isAfter(previous), "offsets in the order read " + TckEvents.describe(seen),
                    "each offset greater than the one before", offset + " after " + previous);
            previous = offset;
        }
    }

    @Test
    @SpecRule(number = "2.3", title = "every yielded event has its offset and timestamp set")
    void required_2_3_offsetAndTimestampSet() {
        publish(5);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        for (Event event : readAll(consumer, 5)) {
            check(event.offset() != null && event.timestamp() != null, "reading " + TckEvents.describe(event),
                    "offset and timestamp set (Event.at(offset, timestamp))", "offset " + event.offset() + ", timestamp " + event.timestamp());
        }
    }

    @Test
    @SpecRule(number = "2.4", title = "a new iteration continues where the last one stopped")
    void required_2_4_iterationContinues() {
        List<Event> sent = publish(9);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        List<Event> seen = new ArrayList<>();
        seen.addAll(read(consumer, 2));
        seen.addAll(read(consumer, 3));
        seen.addAll(readAll(consumer, 4));
        expectSameContent("reading 2, then 3, then the rest, each with a new iterator", sent, seen);
    }

    @Test
    @SpecRule(number = "2.5", title = "hasNext() does not consume: only next() moves the position")
    void required_2_5_hasNextDoesNotConsume() {
        List<Event> sent = publish(3);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        consumer.setTimeout(millis(timeouts.eventWait()));
        Iterator<Event> first = consumer.iterator();
        boundedWait(consumer, "hasNext() three times", () -> first.hasNext() && first.hasNext() && first.hasNext());
        Event a = boundedWait(consumer, "next() after hasNext()", first::next);
        Iterator<Event> abandoned = consumer.iterator();
        boundedWait(consumer, "hasNext() on an iterator then dropped", abandoned::hasNext);
        Event b = boundedWait(consumer, "next() without hasNext() on a new iterator", () -> consumer.iterator().next());
        List<Event> rest = readAll(consumer, 1);
        List<Event> seen = new ArrayList<>(List.of(a, b));
        seen.addAll(rest);
        expectSameContent("next() after repeated hasNext(), then hasNext() on a dropped iterator, then next() alone", sent, seen);
    }

    @Test
    @SpecRule(number = "2.6", title = "an ended iterator stays ended; next() on it throws NoSuchElementException")
    void required_2_6_endedIteratorStaysEnded() {
        publish(1);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        read(consumer, 1);
        consumer.setTimeout(0);
        Iterator<Event> iterator = consumer.iterator();
        boolean more = boundedWait(consumer, "hasNext() when caught up, timeout 0", iterator::hasNext);
        check(!more, "hasNext() when caught up, with timeout 0", "false", "true");
        expectThrows(NoSuchElementException.class, "next() on an ended iterator", iterator::next);
        publish(1);
        consumer.setTimeout(millis(timeouts.quiet()));
        boolean revived = boundedWait(consumer, "hasNext() on the ended iterator after a new event", iterator::hasNext);
        check(!revived, "hasNext() on an iterator that already returned false, after a new event was published",
                "false: an ended iterator stays ended (a new iterator() sees the new event)", "true");
        check(read(consumer, 1).size() == 1, "a new iterator after the new event", "the new event", "nothing");
    }

    @Test
    @SpecRule(number = "2.7", title = "an event is readable within the declared delivery delay once send() returned")
    void required_2_7_readableAfterSend() {
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        for (int i = 0; i < 5; i++) {
            Event sent = publish(BASE);
            consumer.setTimeout(millis(timeouts.scaled(bus.deliveryDelay().toMillis())));
            List<Event> seen = readAvailable(consumer, "reading right after send()");
            check(seen.size() == 1 && seen.get(0).sameContentAs(sent),
                    "reading with timeout = the declared delivery delay (" + bus.deliveryDelay().toMillis() + " ms, scaled) after send() returned",
                    TckEvents.describe(sent) + " (or declare a longer delay with BusUnderTest.withDeliveryDelay)", TckEvents.describe(seen));
        }
    }

    @Test
    @SpecRule(number = "2.8", level = Level.RECOMMENDED, title = "an event's timestamp is the time it was published, within a minute")
    void recommended_2_8_timestampNearPublishTime() {
        Instant before = Instant.now();
        publish(3);
        Instant after = Instant.now();
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        for (Event event : readAll(consumer, 3)) {
            Instant ts = event.timestamp();
            check(ts != null && !ts.isBefore(before.minusSeconds(60)) && !ts.isAfter(after.plusSeconds(60)),
                    "the timestamp of " + TckEvents.describe(event), "between " + before + " and " + after + ", give or take a minute", String.valueOf(ts));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // 3. Seeking

    @Test
    @SpecRule(number = "3.1", title = "seekToBeginning() goes to the oldest event, also after reading to the end")
    void required_3_1_seekToBeginning() {
        List<Event> sent = publish(5);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        readAll(consumer, 5);
        seekToBeginning(consumer);
        expectSameContent("reading after seekToBeginning() at the end", sent, readAll(consumer, 5));
        seekToBeginning(consumer);
        read(consumer, 2);
        seekToBeginning(consumer);
        expectSameContent("reading after seekToBeginning() in the middle", sent, readAll(consumer, 5));
    }

    @Test
    @SpecRule(number = "3.2", title = "seekToBeginning() on an empty bus yields the first event published later")
    void required_3_2_seekToBeginningOnEmptyBus() {
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        List<Event> sent = publish(2);
        expectSameContent("reading after seekToBeginning() on an empty bus, then two publishes", sent, readAll(consumer, 2));
    }

    @Test
    @SpecRule(number = "3.3", title = "seek(o) to an event's offset makes that event the next one, backwards and forwards")
    void required_3_3_seekToEachOffset() {
        List<Event> sent = publish(6);
        List<Event> seen = readFromBeginning(6);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        for (int i : new int[] {3, 0, 5, 1, 4, 2}) {
            Offset target = seen.get(i).offset();
            expectReturns("seek(" + target + ")", () -> consumer.seek(target));
            expectSameContent("reading after seek(" + target + ")", sent.subList(i, 6), readAll(consumer, 6 - i));
        }
    }

    @Test
    @SpecRule(number = "3.4", title = "seek(o) to an offset between two events makes the later one the next")
    void required_3_4_seekBetweenEvents() {
        List<Event> sent = publish(4);
        List<Event> seen = readFromBeginning(4);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        boolean probed = false;
        for (int i = 0; i + 1 < seen.size(); i++) {
            Optional<Offset> between = Offsets.between(seen.get(i).offset(), seen.get(i + 1).offset());
            if (between.isPresent()) {
                probed = true;
                Offset target = between.get();
                expectReturns("seek(" + target + ") between " + seen.get(i).offset() + " and " + seen.get(i + 1).offset(), () -> consumer.seek(target));
                expectSameContent("reading after seek(" + target + ")", sent.subList(i + 1, 4), readAll(consumer, 3 - i));
            }
        }
        if (!probed) {
            notApplicable("the bus's offsets " + offsets(seen) + " leave no offset between two events");
        }
    }

    @Test
    @SpecRule(number = "3.5", title = "int offsets: seek(newest + 1) is the end; the next event is the next one published")
    void required_3_5_seekToEnd() {
        requireKind(OffsetKind.INT, "only int offsets have a known end (newest + 1); the other kinds use seekAfter(newest), rule 3.9");
        publish(3);
        Offset newest = readFromBeginning(3).get(2).offset();
        Offset end = Offsets.justAbove(newest);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        expectReturns("seek(" + end + "), one past the newest offset " + newest, () -> consumer.seek(end));
        List<Event> early = readAvailable(consumer, "reading at the end");
        check(early.isEmpty(), "reading after seek(" + end + ") before anything new is published", "no events", TckEvents.describe(early));
        Event next = publish(BASE);
        List<Event> seen = read(consumer, 1);
        check(seen.size() == 1 && seen.get(0).sameContentAs(next) && seen.get(0).offset().isAfter(newest),
                "reading after seek(" + end + ") and one publish", "the new event " + TckEvents.describe(next), TckEvents.describe(seen));
    }

    @Test
    @SpecRule(number = "3.6", title = "a seek that would skip a deleted event throws OffsetOutOfRangeException and leaves the position")
    void required_3_6_seekOverDeletedEvents() {
        requireRetention();
        publish(6);
        List<Event> seen = readFromBeginning(6);
        bus.retainNewest(3);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        read(consumer, 1);
        List<Offset> targets = new ArrayList<>();
        Offsets.below(seen.get(0).offset()).ifPresent(targets::add);
        for (int deleted = 0; deleted < 3; deleted++) {
            targets.add(seen.get(deleted).offset());
        }
        for (Offset target : targets) {
            expectThrows(OffsetOutOfRangeException.class, "seek(" + target + "), at or below offsets of events deleted by"
                    + " retainNewest(3) " + offsets(seen.subList(0, 3)), () -> consumer.seek(target));
        }
        expectIdentical("reading after the refused seeks (the position was after the oldest retained event)",
                seen.subList(4, 6), readAll(consumer, 2));
    }

    @Test
    @SpecRule(number = "3.7", title = "seek beyond the end throws OffsetOutOfRangeException and leaves the position")
    void required_3_7_seekBeyondEnd() {
        List<Event> sent = publish(3);
        Offset newest = readFromBeginning(3).get(2).offset();
        Offset beyond = Offsets.beyondEnd(newest);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        read(consumer, 1);
        expectThrows(OffsetOutOfRangeException.class, "seek(" + beyond + ") beyond the end (newest offset " + newest + ")", () -> consumer.seek(beyond));
        expectSameContent("reading after the refused seek (the position was after the first event)", sent.subList(1, 3), readAll(consumer, 2));
    }

    @Test
    @SpecRule(number = "3.8", title = "seek with an offset of another kind throws WrongOffsetKindException and leaves the position")
    void required_3_8_seekWrongKind() {
        List<Event> sent = publish(3);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        read(consumer, 1);
        Offset wrong = Offsets.ofAnotherKind(bus.offsetKind());
        expectThrows(WrongOffsetKindException.class, "seek(" + wrong + ") of kind " + wrong.kind() + " on a bus of " + bus.offsetKind() + " offsets",
                () -> consumer.seek(wrong));
        expectThrows(WrongOffsetKindException.class, "seekAfter(" + wrong + ") of kind " + wrong.kind(), () -> consumer.seekAfter(wrong));
        expectSameContent("reading after the refused seeks (the position was after the first event)", sent.subList(1, 3), readAll(consumer, 2));
    }

    @Test
    @SpecRule(number = "3.9", title = "seekAfter(o) makes the first event with an offset above o the next; seekAfter(newest) waits for new events")
    void required_3_9_seekAfter() {
        List<Event> sent = publish(4);
        List<Event> seen = readFromBeginning(4);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        for (int i : new int[] {1, 0, 2}) {
            Offset target = seen.get(i).offset();
            expectReturns("seekAfter(" + target + ")", () -> consumer.seekAfter(target));
            expectSameContent("reading after seekAfter(" + target + ")", sent.subList(i + 1, 4), readAll(consumer, 3 - i));
        }
        Offset newest = seen.get(3).offset();
        expectReturns("seekAfter(" + newest + "), the newest offset", () -> consumer.seekAfter(newest));
        List<Event> none = readAvailable(consumer, "reading after seekAfter(newest)");
        check(none.isEmpty(), "reading after seekAfter(" + newest + ") before anything new is published", "no events", TckEvents.describe(none));
        Event next = publish(BASE);
        expectSameContent("reading after seekAfter(" + newest + ") and one publish", List.of(next), readAll(consumer, 1));
    }

    @Test
    @SpecRule(number = "3.10", title = "an offset read back from Hermes' JSON cache seeks to the same event")
    void required_3_10_offsetSurvivesJsonCache() {
        List<Event> sent = publish(3);
        List<Event> seen = readFromBeginning(3);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        Offset original = seen.get(1).offset();
        String cached = original.toJson();
        Offset restored = Offset.fromJson(cached);
        check(restored.equals(original), "Offset.fromJson(" + cached + ")", original.toString(), restored.toString());
        expectReturns("seek(" + restored + ") with the offset read back from the cache", () -> consumer.seek(restored));
        expectSameContent("reading after seeking to the cached offset", sent.subList(1, 3), readAll(consumer, 2));
    }

    @Test
    @SpecRule(number = "3.11", level = Level.RECOMMENDED,
            title = "after retention, a seek into the gap below the oldest retained event lands on it, as seekAfter of the newest deleted offset does")
    void recommended_3_11_seekIntoTheGapLandsOnTheOldest() {
        requireRetention();
        publish(6);
        List<Event> seen = readFromBeginning(6);
        Offset newestDeleted = seen.get(2).offset();
        Offset oldest = seen.get(3).offset();
        Offset inGap = Offsets.between(newestDeleted, oldest).orElse(null);
        if (inGap == null) {
            notApplicable("no offset lies between the newest deleted offset " + newestDeleted + " and the oldest retained "
                    + oldest + " (consecutive offsets: rule 7.2 covers seekAfter there)");
        }
        bus.retainNewest(3);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        expectReturns("seek(" + inGap + "), above the newest deleted offset " + newestDeleted + " and below the oldest"
                + " retained " + oldest, () -> consumer.seek(inGap));
        expectIdentical("reading after seek(" + inGap + ")", seen.subList(3, 6), readAll(consumer, 3));
        expectReturns("seekAfter(" + newestDeleted + "), the newest deleted offset", () -> consumer.seekAfter(newestDeleted));
        expectIdentical("reading after seekAfter(" + newestDeleted + ")", seen.subList(3, 6), readAll(consumer, 3));
    }

    // ---------------------------------------------------------------------------------------------------------
    // 4. Waiting and timeouts

    @Test
    @SpecRule(number = "4.1", title = "when caught up, iteration waits for the timeout, then ends")
    void required_4_1_waitsForTimeoutThenEnds() {
        publish(1);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        read(consumer, 1);
        // two timeouts, so that a wait of its own (a poll interval, a default) cannot pass for the one asked
        for (long timeout : new long[] {millis(timeouts.quiet()), 4 * millis(timeouts.quiet())}) {
            consumer.setTimeout((int) timeout);
            Iterator<Event> iterator = consumer.iterator();
            long start = System.nanoTime();
            boolean more = boundedWait(consumer, "hasNext() when caught up with timeout " + timeout + " ms", iterator::hasNext);
            long waited = (System.nanoTime() - start) / 1_000_000;
            check(!more, "hasNext() when caught up, nothing published", "false after the timeout", "true");
            long earliest = timeout * 9 / 10;
            check(waited >= earliest, "how long hasNext() waited with timeout " + timeout + " ms",
                    "at least " + earliest + " ms (the timeout, less 10%): a consumer must wait for new events, as long as asked",
                    waited + " ms");
            long latest = timeout + millis(timeouts.eventWait());
            check(waited <= latest, "how long hasNext() waited with timeout " + timeout + " ms",
                    "at most " + latest + " ms (timeout + " + timeouts.eventWait().toMillis() + " ms of slack); is the timeout read as seconds?",
                    waited + " ms");
        }
    }

    @Test
    @SpecRule(number = "4.2", title = "with timeout 0, a caught-up iteration ends at once, and available events are still yielded")
    void required_4_2_zeroTimeout() {
        requireNoDeliveryDelay();
        List<Event> sent = publish(3);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        consumer.setTimeout(0);
        List<Event> seen = new ArrayList<>();
        long start = System.nanoTime();
        boundedWait(consumer, "iterating with timeout 0", () -> {
            for (Event event : consumer) {
                seen.add(event);
                if (seen.size() > sent.size()) {
                    break;
                }
            }
            return null;
        });
        long took = (System.nanoTime() - start) / 1_000_000;
        expectSameContent("iterating with timeout 0 over 3 available events", sent, seen);
        long limit = millis(timeouts.scaled(1_000));
        check(took <= limit, "how long iterating 3 available events took with timeout 0", "at most " + limit + " ms", took + " ms");
    }

    @Test
    @SpecRule(number = "4.3", title = "the wait starts again after each event")
    void required_4_3_waitRestartsAfterEachEvent() {
        requirePublishingWhileConsuming();
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        long timeout = millis(timeouts.scaled(1_500));
        consumer.setTimeout((int) timeout);
        long gap = timeout / 2;
        int count = 4;
        BoundedCalls.Running<List<Event>> reading = calls.start(() -> collect(consumer.iterator(), count));
        List<Event> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sleep(gap);
            sent.add(publish(BASE));
        }
        List<Event> seen = awaitWithin(reading, Duration.ofMillis(count * gap + timeout).plus(timeouts.eventWait()), "iterating with timeout " + timeout + " ms while " + count + " events are published " + gap + " ms apart");
        expectSameContent("one iteration with timeout " + timeout + " ms over " + count + " events published " + gap
                + " ms apart (" + (count * gap) + " ms in all): each event restarts the wait", sent, seen);
    }

    @Test
    @SpecRule(number = "4.4", title = "an event published during a wait is yielded at once, without waiting out the timeout")
    void required_4_4_wakesOnPublish() {
        requirePublishingWhileConsuming();
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        for (String state : new String[] {"", " after close() and open()"}) {
            if (!state.isEmpty()) {
                consumer.close();
                expectReturns("open() again after close()", consumer::open);
                seekToBeginning(consumer);
                read(consumer, 1); // the event of the first round: caught up again
            }
            long timeout = millis(timeouts.scaled(60_000));
            consumer.setTimeout((int) timeout);
            BoundedCalls.Running<Event> reading = calls.start(() -> consumer.iterator().next());
            sleep(millis(timeouts.scaled(200)));
            Event sent = publish(BASE);
            long start = System.nanoTime();
            Event seen = awaitWithin(reading, timeouts.eventWait(), "next() with timeout " + timeout + " ms" + state
                    + " after an event was published during the wait");
            long took = (System.nanoTime() - start) / 1_000_000;
            check(seen.sameContentAs(sent), "the event yielded after waking" + state, TckEvents.describe(sent),
                    TckEvents.describe(seen) + " after " + took + " ms");
        }
    }

    @Test
    @SpecRule(number = "4.5", title = "with timeout null, iteration waits until an event arrives")
    void required_4_5_nullTimeoutWaits() {
        requirePublishingWhileConsuming();
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        consumer.setTimeout(null);
        BoundedCalls.Running<Boolean> waiting = calls.start(() -> consumer.iterator().hasNext());
        // longer than a default a plugin might put in the place of "forever" (one second is common)
        long quietFor = millis(timeouts.scaled(1_500));
        sleep(quietFor);
        check(!waiting.isDone(), "hasNext() with timeout null on a caught-up consumer, " + quietFor + " ms later",
                "still waiting", "returned " + (waiting.isDone() ? resultOf(waiting) : ""));
        publish(BASE);
        Boolean more = awaitWithin(waiting, timeouts.eventWait(), "hasNext() with timeout null after an event was published");
        check(more, "hasNext() with timeout null after an event was published", "true", "false");
    }

    @Test
    @SpecRule(number = "4.6", title = "an interrupted wait throws ConsumerInterruptedException at once, keeps the interrupt status and the position")
    void required_4_6_interruptEndsWait() {
        List<Event> sent = publish(1);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        expectSameContent("reading the one event", sent, read(consumer, 1));
        consumer.setTimeout(null);
        AtomicReference<Thread> waiter = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        BoundedCalls.Running<String> waiting = calls.start(() -> {
            waiter.set(Thread.currentThread());
            started.countDown();
            try {
                boolean more = consumer.iterator().hasNext();
                return "returned " + more;
            } catch (ConsumerInterruptedException e) {
                return Thread.currentThread().isInterrupted() ? "ok" : "threw ConsumerInterruptedException but cleared the interrupt status";
            } catch (RuntimeException e) {
                return "threw " + e;
            }
        });
        await(started);
        sleep(millis(timeouts.scaled(200)));
        waiter.get().interrupt();
        String outcome = awaitWithin(waiting, timeouts.eventWait(), "hasNext() with timeout null after its thread was interrupted");
        check(outcome.equals("ok"), "interrupting a thread waiting in hasNext() with timeout null",
                "ConsumerInterruptedException with the thread's interrupt status set", outcome);
        Event next = publish(BASE);
        expectSameContent("reading after the interrupted wait (nothing may be lost or repeated)", List.of(next), readAll(consumer, 1));
    }

    @Test
    @SpecRule(number = "4.7", title = "waits that race with publishes on other threads never end empty while an event is there, and lose or repeat nothing")
    void required_4_7_racingWaitsMissNothing() {
        requirePublishingWhileConsuming();
        RacePlan plan = RacePlan.draw(ModelBasedCheck.configuredSeed().orElseGet(() -> new SplittableRandom().nextLong()), timeouts);
        long origin = System.nanoTime();
        RacingConsumer reader = racingConsumer("A", plan, null);
        RacingConsumer searcher = racingConsumer("B", plan, RacePlan.category(0));
        List<BoundedCalls.Running<RaceTrace>> reading = List.of(calls.start(reader), calls.start(searcher));
        List<BoundedCalls.Running<List<RaceCheck.Sent>>> sending = new ArrayList<>();
        long publishingEnds = System.nanoTime() + plan.publishing().toNanos();
        for (int p = 0; p < RacePlan.PRODUCERS; p++) {
            AbstractMessageBusProducerPlugin own = bus.newProducer();
            toClose.add(own);
            expectReturns("open() of producer " + p, own::open);
            String category = RacePlan.category(p);
            long[] pausesMs = plan.pausesMs(p);
            sending.add(calls.start(() -> sendAfterPauses(own, category, pausesMs, publishingEnds)));
        }
        List<RaceCheck.Sent> sent = new ArrayList<>();
        for (BoundedCalls.Running<List<RaceCheck.Sent>> running : sending) {
            sent.addAll(awaitWithin(running, plan.publishing().plus(timeouts.hang()), "sending events at random instants"));
        }
        // every event is readable by then: a consumer whose wait starts later and ends empty has read them all
        Duration delay = timeouts.scaled(bus.deliveryDelay().toMillis());
        long allSentReadable = sent.stream().mapToLong(RaceCheck.Sent::returnedNanos).max().orElse(origin) + delay.toNanos();
        Duration catchingUp = delay.plus(plan.longestTimeout().multipliedBy(2)).plus(timeouts.eventWait());
        reader.stopAfter(allSentReadable);
        searcher.stopAfter(allSentReadable);
        List<RaceTrace> traces = new ArrayList<>();
        for (BoundedCalls.Running<RaceTrace> running : reading) {
            traces.add(awaitWithin(running, catchingUp, "reading while the producers send, then catching up"));
        }
        new RaceCheck(sent, delay, timeouts.raceSlack(), origin).firstViolation(traces.get(0), traces.get(1)).ifPresent(found -> {
            throw violation(plan.describe() + ": " + found.what(), found.expected(), found.observed());
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // 5. Categories

    @Test
    @SpecRule(number = "5.1", title = "findNextEventOfCategory returns the first event of the category and leaves the position just after it")
    void required_5_1_findReturnsFirstMatch() {
        List<Event> sent = List.of(publish(INITSYNC), publish(INITSYNC), publish(BASE), publish(INITSYNC), publish(BASE), publish(INITSYNC));
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        consumer.setTimeout(millis(timeouts.quiet()));
        Optional<Event> found = boundedWait(consumer, "findNextEventOfCategory(\"base\")", () -> consumer.findNextEventOfCategory(BASE));
        check(found.isPresent() && found.get().sameContentAs(sent.get(2)), "findNextEventOfCategory(\"base\") from the beginning of "
                + TckEvents.describe(sent), TckEvents.describe(sent.get(2)), found.map(TckEvents::describe).orElse("empty"));
        check(found.get().offset() != null && found.get().timestamp() != null, "the found event", "offset and timestamp set",
                "offset " + found.get().offset() + ", timestamp " + found.get().timestamp());
        expectSameContent("reading after the found event", sent.subList(3, 6), readAll(consumer, 3));
        seekToBeginning(consumer);
        consumer.setTimeout(millis(timeouts.quiet()));
        Optional<Event> second = boundedWait(consumer, "findNextEventOfCategory(\"base\") twice", () -> {
            consumer.findNextEventOfCategory(BASE);
            return consumer.findNextEventOfCategory(BASE);
        });
        check(second.isPresent() && second.get().sameContentAs(sent.get(4)), "the second findNextEventOfCategory(\"base\") from the beginning",
                TckEvents.describe(sent.get(4)), second.map(TckEvents::describe).orElse("empty"));
    }

    @Test
    @SpecRule(number = "5.2", title = "findNextEventOfCategory with no match returns empty after the timeout, having consumed what it scanned")
    void required_5_2_findWithoutMatch() {
        publish(INITSYNC);
        publish(INITSYNC);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        long timeout = millis(timeouts.quiet());
        consumer.setTimeout((int) timeout);
        long start = System.nanoTime();
        Optional<Event> found = boundedWait(consumer, "findNextEventOfCategory(\"base\") with no such event", () -> consumer.findNextEventOfCategory(BASE));
        long waited = (System.nanoTime() - start) / 1_000_000;
        check(found.isEmpty(), "findNextEventOfCategory(\"base\") on a bus of initsync events", "empty", found.map(TckEvents::describe).orElse(""));
        check(waited >= timeout * 9 / 10, "how long findNextEventOfCategory waited for a match with timeout " + timeout + " ms",
                "at least " + timeout * 9 / 10 + " ms", waited + " ms");
        Event later = publish(INITSYNC);
        expectSameContent("reading after the fruitless search (the scanned events are consumed)", List.of(later), readAll(consumer, 1));
    }

    @Test
    @SpecRule(number = "5.3", title = "categories match exactly: case, prefix and suffix matter")
    void required_5_3_exactCategoryMatch() {
        List<Event> sent = List.of(publish("Base"), publish("bas"), publish("base2"), publish(" base"), publish(BASE));
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        consumer.setTimeout(millis(timeouts.quiet()));
        Optional<Event> found = boundedWait(consumer, "findNextEventOfCategory(\"base\")", () -> consumer.findNextEventOfCategory(BASE));
        check(found.isPresent() && found.get().sameContentAs(sent.get(4)), "findNextEventOfCategory(\"base\") over categories Base, bas, base2, \" base\", base",
                TckEvents.describe(sent.get(4)), found.map(TckEvents::describe).orElse("empty"));
    }

    @Test
    @SpecRule(number = "5.4", title = "findNextEventOfCategory finds a matching event published while it waits")
    void required_5_4_findWaitsForMatch() {
        requirePublishingWhileConsuming();
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        consumer.setTimeout(millis(timeouts.eventWait()));
        BoundedCalls.Running<Optional<Event>> finding = calls.start(() -> consumer.findNextEventOfCategory(BASE));
        sleep(millis(timeouts.scaled(100)));
        publish(INITSYNC);
        Event match = publish(BASE);
        Optional<Event> found = awaitWithin(finding, timeouts.eventWait().multipliedBy(2), "findNextEventOfCategory(\"base\") while events are published");
        check(found.isPresent() && found.get().sameContentAs(match), "findNextEventOfCategory(\"base\") while initsync then base are published",
                TckEvents.describe(match), found.map(TckEvents::describe).orElse("empty"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // 6. Re-consumption and independence

    @Test
    @SpecRule(number = "6.1", title = "events read again after seeking back have the same offsets, timestamps and content")
    void required_6_1_seekBackRereads() {
        publish(5);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        List<Event> first = readAll(consumer, 5);
        seekToBeginning(consumer);
        expectIdentical("reading again after seekToBeginning()", first, readAll(consumer, 5));
        expectReturns("seek(" + first.get(2).offset() + ")", () -> consumer.seek(first.get(2).offset()));
        expectIdentical("reading again after seek(" + first.get(2).offset() + ")", first.subList(2, 5), readAll(consumer, 3));
    }

    @Test
    @SpecRule(number = "6.2", title = "a second consumer reads the same events with the same offsets, timestamps and content")
    void required_6_2_secondConsumerSeesSame() {
        publish(5);
        List<Event> first = readFromBeginning(5);
        expectIdentical("reading with a second consumer", first, readFromBeginning(5));
    }

    @Test
    @SpecRule(number = "6.3", title = "consumers never share a position")
    void required_6_3_positionsAreIndependent() {
        List<Event> sent = publish(6);
        AbstractMessageBusConsumerPlugin a = openConsumer();
        AbstractMessageBusConsumerPlugin b = openConsumer();
        seekToBeginning(a);
        seekToBeginning(b);
        List<Event> seenA = new ArrayList<>(read(a, 2));
        List<Event> seenB = new ArrayList<>(read(b, 1));
        seenA.addAll(read(a, 3));
        seenB.addAll(read(b, 4));
        seenA.addAll(readAll(a, 1));
        seenB.addAll(readAll(b, 1));
        expectSameContent("consumer A reading 2, 3, 1 events while B reads in between", sent, seenA);
        expectSameContent("consumer B reading 1, 4, 1 events while A reads in between", sent, seenB);
    }

    @Test
    @SpecRule(number = "6.4", title = "events survive closing and reopening the consumer and the producer")
    void required_6_4_eventsSurviveReopen() {
        publish(3);
        List<Event> first = readFromBeginning(3);
        producer.close();
        producer.open();
        List<Event> more = publish(2);
        AbstractMessageBusConsumerPlugin consumer = newConsumer();
        consumer.open();
        consumer.close();
        consumer.open();
        seekToBeginning(consumer);
        List<Event> all = readAll(consumer, 5);
        expectIdentical("reading after producer and consumer were reopened", first, all.subList(0, Math.min(3, all.size())));
        expectSameContent("reading the events sent after the producer was reopened", more, all.subList(Math.min(3, all.size()), all.size()));
    }

    // ---------------------------------------------------------------------------------------------------------
    // 7. Retention

    @Test
    @SpecRule(number = "7.1", title = "after retention, seekToBeginning goes to the oldest remaining event")
    void required_7_1_beginningAfterRetention() {
        requireRetention();
        publish(6);
        List<Event> seen = readFromBeginning(6);
        bus.retainNewest(2);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        expectIdentical("reading from the beginning after retainNewest(2)", seen.subList(4, 6), readAll(consumer, 2));
    }

    @Test
    @SpecRule(number = "7.2", title = "after retention, the remaining offsets still work, and seekAfter of the newest deleted offset lands on the oldest retained event or is refused")
    void required_7_2_seekAfterRetention() {
        requireRetention();
        publish(6);
        List<Event> seen = readFromBeginning(6);
        bus.retainNewest(3);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        for (int kept = 3; kept < 6; kept++) {
            Offset target = seen.get(kept).offset();
            expectReturns("seek(" + target + ") to a retained event", () -> consumer.seek(target));
            expectIdentical("reading after seek(" + target + ")", seen.subList(kept, 6), readAll(consumer, 6 - kept));
        }
        Offset newestDeleted = seen.get(2).offset();
        Offset oldest = seen.get(3).offset();
        String what = "seekAfter(" + newestDeleted + "), the newest deleted offset";
        if (Offsets.between(newestDeleted, oldest).isEmpty()) {
            expectReturns(what + ", just below the oldest retained " + oldest + " (nothing missed)",
                    () -> consumer.seekAfter(newestDeleted));
            expectIdentical("reading after " + what, seen.subList(3, 6), readAll(consumer, 3));
            return;
        }
        seekToBeginning(consumer);
        read(consumer, 1);
        if (expectReturnsOrRefused(what + ", with room below the oldest retained " + oldest, () -> consumer.seekAfter(newestDeleted))) {
            expectIdentical("reading after " + what, seen.subList(3, 6), readAll(consumer, 3));
        } else {
            expectIdentical("reading after the refused " + what + " (the position was after the oldest retained event)",
                    seen.subList(4, 6), readAll(consumer, 2));
        }
    }

    @Test
    @SpecRule(number = "7.3", title = "a consumer whose next event was deleted gets OffsetOutOfRangeException, not a silent jump")
    void required_7_3_deletedPositionIsAnError() {
        requireRetention();
        publish(6);
        List<Event> seen = readFromBeginning(6);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        read(consumer, 1);
        bus.retainNewest(2);
        consumer.setTimeout(millis(timeouts.quiet()));
        expectThrows(OffsetOutOfRangeException.class, "reading at a position whose events (from " + seen.get(1).offset()
                + ") were deleted by retainNewest(2)", () -> consumer.iterator().hasNext());
        seekToBeginning(consumer);
        expectIdentical("reading after seekToBeginning() recovered", seen.subList(4, 6), readAll(consumer, 2));
    }

    @Test
    @SpecRule(number = "7.4", title = "a caught-up consumer stays caught up when retention deletes every event, and reads the next one published")
    void required_7_4_retentionOfEverythingLeavesTheEnd() {
        requireRetention();
        List<Event> seen = readFromBeginning(publish(3).size());
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        expectIdentical("reading the three events", seen, readAll(consumer, 3));
        bus.retainNewest(0);
        List<Event> none = readAvailable(consumer, "reading at the end after retainNewest(0) deleted every event");
        check(none.isEmpty(), "reading at the end after retainNewest(0)", "no events (and no error: nothing was missed)",
                TckEvents.describe(none));
        AbstractMessageBusConsumerPlugin fresh = openConsumer();
        seekToBeginning(fresh);
        Event next = publish(BASE);
        expectSameContent("reading, at the end, the event published after retainNewest(0)", List.of(next), readAll(consumer, 1));
        expectSameContent("reading after seekToBeginning() on the emptied bus and one publish", List.of(next), readAll(fresh, 1));
    }

    // ---------------------------------------------------------------------------------------------------------
    // 8. Events

    @Test
    @SpecRule(number = "8.1", title = "every kind of value Hermes writes crosses the bus unchanged")
    void required_8_1_hermesValuesCrossUnchanged() {
        List<Event> sent = TckEvents.hermesLike();
        for (Event event : sent) {
            send(event);
        }
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        List<Event> seen = readAll(consumer, sent.size());
        check(seen.size() == sent.size(), "reading " + sent.size() + " Hermes-like events", sent.size() + " events", seen.size() + " events");
        for (int i = 0; i < sent.size(); i++) {
            check(seen.get(i).sameContentAs(sent.get(i)), "event " + i + " of the Hermes-like events (bytes, datetimes, composite keys, non-ASCII, nulls, 256 KiB text, Python floats, NaN, lone surrogates, big ints, look-alike markers)",
                    sent.get(i).toJson().lines().limit(20).reduce("", (a, b) -> a + "\n" + b),
                    seen.get(i).toJson().lines().limit(20).reduce("", (a, b) -> a + "\n" + b));
        }
    }

    @Test
    @SpecRule(number = "8.2", title = "malformed JSON on the bus is an InvalidEventException naming its offset; seekAfter skips it deliberately")
    void required_8_2_malformedJsonIsReported() {
        if (!bus.supportsRawPublishing()) {
            notApplicable("the bus declares no raw publishing (BusUnderTest.withRawPublishing): it does not store events as JSON text");
        }
        Event before = publish(BASE);
        bus.publishRaw(BASE, "{\"evcategory\": \"base\", \"eventtype\": ");
        Event after = publish(BASE);
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        expectSameContent("reading the event before the malformed one", List.of(before), read(consumer, 1));
        InvalidEventException first = expectThrows(InvalidEventException.class, "reading the malformed event", () -> consumer.iterator().hasNext());
        check(first.offset().isPresent(), "the InvalidEventException for the malformed event", "offset() naming where it lies", "no offset");
        Offset bad = first.offset().get();
        expectThrows(InvalidEventException.class, "reading again at the malformed event (nothing is skipped silently)", () -> consumer.iterator().hasNext());
        expectReturns("seekAfter(" + bad + ") to skip the malformed event", () -> consumer.seekAfter(bad));
        expectSameContent("reading after skipping the malformed event", List.of(after), readAll(consumer, 1));
    }

    // ---------------------------------------------------------------------------------------------------------
    // 9. Producers

    @Test
    @SpecRule(number = "9.1", title = "events sent by several producers at once all arrive once, each producer's order kept")
    void required_9_1_concurrentProducers() {
        int producers = 4;
        int each = 50;
        List<BoundedCalls.Running<Void>> sending = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            AbstractMessageBusProducerPlugin own = bus.newProducer();
            toClose.add(own);
            own.open();
            String category = "producer-" + p;
            sending.add(calls.start(() -> {
                for (int i = 0; i < each; i++) {
                    own.send(TckEvents.numbered(i, category));
                }
                return null;
            }));
        }
        for (BoundedCalls.Running<Void> running : sending) {
            awaitWithin(running, timeouts.hang(), "sending " + each + " events");
        }
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        List<Event> seen = readAll(consumer, producers * each);
        for (int p = 0; p < producers; p++) {
            String category = "producer-" + p;
            List<Object> order = seen.stream().filter(e -> e.evcategory().equals(category)).map(TckEvents::seqOf).toList();
            List<Object> expected = java.util.stream.LongStream.range(0, each).boxed().map(Object.class::cast).toList();
            check(order.equals(expected), "the events of " + category + " among " + seen.size() + " read",
                    "numbers 0.." + (each - 1) + " once each, in order", String.valueOf(order));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // 10. Randomized model-based check

    @Test
    @SpecRule(number = "10.1", title = "random sequences of operations agree with the reference model")
    void required_10_1_modelBasedCheck(OutcomeNote note) {
        ModelBasedCheck check = ModelBasedCheck.forBuses(this::freshBus)
                .sequences(modelBasedSequences())
                .operationLimit(timeouts.hang())
                .timeBudget(timeouts.modelBasedBudget());
        // a passing run's seed and sequence count matter too: a budget stop must read as such, and be replayable
        note.set(check.run().describe());
    }

    // ---------------------------------------------------------------------------------------------------------
    // The kit's tools. Every call that can block goes through bounded(...).

    private AbstractMessageBusConsumerPlugin newConsumer() {
        AbstractMessageBusConsumerPlugin consumer = bus.newConsumer();
        toClose.add(consumer);
        return consumer;
    }

    private AbstractMessageBusConsumerPlugin openConsumer() {
        AbstractMessageBusConsumerPlugin consumer = newConsumer();
        expectReturns("open() of a new consumer", consumer::open);
        return consumer;
    }

    /** A consumer for rule 4.7, opened at the beginning of the bus; {@code searched} as in {@link RacingConsumer}. */
    private RacingConsumer racingConsumer(String name, RacePlan plan, String searched) {
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        return new RacingConsumer(name, consumer, plan, searched, 2 * plan.events());
    }

    /**
     * Sends numbered events of {@code category}, each after its pause, until the pauses or the time run out (a bus whose
     * sends are slow sends fewer); notes when each send returned.
     */
    private static List<RaceCheck.Sent> sendAfterPauses(AbstractMessageBusProducerPlugin producer, String category, long[] pausesMs,
            long endNanos) {
        List<RaceCheck.Sent> sent = new ArrayList<>();
        for (int i = 0; i < pausesMs.length; i++) {
            sleep(pausesMs[i]);
            if (System.nanoTime() > endNanos) {
                break;
            }
            Event event = TckEvents.numbered(i, category);
            producer.send(event);
            sent.add(new RaceCheck.Sent(event, System.nanoTime()));
        }
        return sent;
    }

    private AbstractMessageBusProducerPlugin producer() {
        if (producer == null) {
            producer = bus.newProducer();
            toClose.add(producer);
            expectReturns("open() of a new producer", producer::open);
        }
        return producer;
    }

    private void send(Event event) {
        expectReturns("send(" + TckEvents.describe(event) + ")", () -> producer().send(event));
    }

    private Event publish(String category) {
        Event event = TckEvents.numbered(published++, category);
        send(event);
        return event;
    }

    /** Publishes {@code count} events, alternating between two categories. */
    private List<Event> publish(int count) {
        List<Event> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(publish(i % 3 == 2 ? BASE : INITSYNC));
        }
        return sent;
    }

    private void seekToBeginning(AbstractMessageBusConsumerPlugin consumer) {
        expectReturns("seekToBeginning()", consumer::seekToBeginning);
    }

    /** Reads with a fresh consumer from the beginning: how the kit learns the offsets the bus gave. */
    private List<Event> readFromBeginning(int count) {
        AbstractMessageBusConsumerPlugin consumer = openConsumer();
        seekToBeginning(consumer);
        List<Event> seen = readAll(consumer, count);
        check(seen.size() == count, "reading the " + count + " published events from the beginning", count + " events", TckEvents.describe(seen));
        return seen;
    }

    /**
     * Up to {@code count} events with one iterator. The kit reads only events whose {@code send} has returned, so
     * each wait is the declared delivery delay plus the quiet time: a lost event costs little to find.
     */
    private List<Event> read(AbstractMessageBusConsumerPlugin consumer, int count) {
        consumer.setTimeout(millis(timeouts.scaled(bus.deliveryDelay().toMillis()).plus(timeouts.quiet())));
        return boundedWait(consumer, "reading " + count + " events", () -> collect(consumer.iterator(), count));
    }

    /** Exactly the next {@code count} events, then the end of the available events. */
    private List<Event> readAll(AbstractMessageBusConsumerPlugin consumer, int count) {
        List<Event> seen = new ArrayList<>(read(consumer, count));
        if (seen.size() == count) {
            seen.addAll(readAvailable(consumer, "reading after the " + count + " expected events"));
        }
        return seen;
    }

    /** What is readable now: iterates with timeout = the declared delivery delay until the iteration ends. */
    private List<Event> readAvailable(AbstractMessageBusConsumerPlugin consumer, String what) {
        consumer.setTimeout(millis(timeouts.scaled(bus.deliveryDelay().toMillis())));
        return boundedWait(consumer, what, () -> collect(consumer.iterator(), 1_000));
    }

    /** Up to {@code limit} events: the limit stops a consumer that repeats events forever. */
    private static List<Event> collect(Iterator<Event> iterator, int limit) {
        List<Event> seen = new ArrayList<>();
        while (seen.size() < limit && iterator.hasNext()) {
            seen.add(iterator.next());
        }
        return seen;
    }

    private <T> T bounded(String what, Callable<T> call) {
        return boundedBy(timeouts.hang(), what, "", call);
    }

    /**
     * A read that must return: within {@code consumer}'s timeout plus the event wait (so that a timeout read as
     * seconds fails fast instead of costing the whole hang limit), and without an exception, which fails the rule.
     */
    private <T> T boundedWait(AbstractMessageBusConsumerPlugin consumer, String what, Callable<T> call) {
        Integer timeout = consumer.timeoutMs();
        Duration limit = timeout == null ? timeouts.hang()
                : Duration.ofMillis(Math.min(timeouts.hang().toMillis(), timeout + timeouts.eventWait().toMillis()));
        String why = timeout == null ? "" : " (its timeout of " + timeout + " ms plus " + timeouts.eventWait().toMillis()
                + " ms of slack; is the timeout ignored, or read as seconds?)";
        try {
            return boundedBy(limit, what, why, call);
        } catch (AssertionError e) {
            throw e;
        } catch (RuntimeException e) {
            throw violation(what, "to return normally", "threw " + e, e);
        }
    }

    private <T> T boundedBy(Duration limit, String what, String why, Callable<T> call) {
        try {
            return calls.call(limit, what, call);
        } catch (BoundedCalls.Hung hung) {
            throw violation(what, "to return within " + limit.toMillis() + " ms" + why, hung.getMessage());
        }
    }

    /** What a call started on another thread returned; a hang or an exception there fails the rule. */
    private <T> T awaitWithin(BoundedCalls.Running<T> running, Duration limit, String what) {
        try {
            return running.await(limit, what);
        } catch (BoundedCalls.Hung hung) {
            throw violation(what, "to return within " + limit.toMillis() + " ms", hung.getMessage());
        } catch (AssertionError e) {
            throw e;
        } catch (RuntimeException e) {
            throw violation(what, "to return normally", "threw " + e, e);
        }
    }

    private void expectReturns(String what, Runnable action) {
        try {
            bounded(what, () -> {
                action.run();
                return null;
            });
        } catch (AssertionError e) {
            throw e;
        } catch (RuntimeException e) {
            throw violation(what, "to return normally", "threw " + e, e);
        }
    }

    /** Whether {@code action} returned (true) or threw OffsetOutOfRangeException (false): both are allowed. */
    private boolean expectReturnsOrRefused(String what, Runnable action) {
        try {
            bounded(what, () -> {
                action.run();
                return null;
            });
            return true;
        } catch (OffsetOutOfRangeException e) {
            return false;
        } catch (AssertionError e) {
            throw e;
        } catch (RuntimeException e) {
            throw violation(what, "to return, or to throw OffsetOutOfRangeException", "threw " + e, e);
        }
    }

    private <X extends Throwable> X expectThrows(Class<X> expected, String what, Runnable action) {
        Throwable thrown = null;
        try {
            bounded(what, () -> {
                action.run();
                return null;
            });
        } catch (AssertionError e) {
            throw e;
        } catch (RuntimeException e) {
            thrown = e;
        }
        if (thrown == null) {
            throw violation(what, expected.getSimpleName(), "returned normally");
        }
        if (!expected.isInstance(thrown)) {
            throw violation(what, expected.getSimpleName(), "threw " + thrown, thrown);
        }
        return expected.cast(thrown);
    }

    private void expectSameContent(String what, List<Event> expected, List<Event> observed) {
        boolean same = expected.size() == observed.size();
        for (int i = 0; same && i < expected.size(); i++) {
            same = expected.get(i).sameContentAs(observed.get(i));
        }
        check(same, what, TckEvents.describe(expected), TckEvents.describe(observed));
    }

    /** Same content, offsets and timestamps. */
    private void expectIdentical(String what, List<Event> expected, List<Event> observed) {
        check(expected.equals(observed), what, describeWithTimestamps(expected), describeWithTimestamps(observed));
    }

    private static String describeWithTimestamps(List<Event> events) {
        return events.stream().map(e -> TckEvents.describe(e) + " at " + e.timestamp()).toList().toString();
    }

    private static String offsets(List<Event> events) {
        return events.stream().map(e -> String.valueOf(e.offset())).toList().toString();
    }

    private void check(boolean condition, String what, String expected, String observed) {
        if (!condition) {
            throw violation(what, expected, observed);
        }
    }

    private AssertionFailedError violation(String what, String expected, String observed) {
        return violation(what, expected, observed, null);
    }

    private AssertionFailedError violation(String what, String expected, String observed, Throwable cause) {
        String cited = rule == null ? "A kit check" : "Rule " + rule.number() + " [" + rule.level() + "] (" + rule.title() + ")";
        String message = cited + " violated\n  while:    " + what + "\n  expected: " + expected + "\n  observed: " + observed
                + (rule == null ? "" : "\n  see tck/SPEC.md, rule " + rule.number() + ", for what to check");
        return new AssertionFailedError(message, expected, observed, cause);
    }

    private void notApplicable(String why) {
        throw new RuleNotApplicable("Rule " + rule.number() + " not applicable: " + why);
    }

    private void requireKind(OffsetKind kind, String why) {
        if (bus.offsetKind() != kind) {
            notApplicable("BusUnderTest.offsetKind() is " + bus.offsetKind() + "; " + why);
        }
    }

    private void requireRetention() {
        if (!bus.supportsRetention()) {
            notApplicable("the bus declares no retention (BusUnderTest.withRetention)");
        }
    }

    private void requirePublishingWhileConsuming() {
        if (!bus.supportsPublishingWhileConsuming()) {
            notApplicable("the bus declares BusUnderTest.withoutPublishingWhileConsuming()");
        }
    }

    private void requireNoDeliveryDelay() {
        if (!bus.deliveryDelay().isZero()) {
            notApplicable("the bus declares a delivery delay of " + bus.deliveryDelay().toMillis() + " ms (BusUnderTest.withDeliveryDelay), so timeout 0 may see nothing");
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the kit was interrupted", e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the kit was interrupted", e);
        }
    }

    private static String resultOf(Future<?> done) {
        try {
            return String.valueOf(done.get());
        } catch (Exception e) {
            return "threw " + e;
        }
    }
}
