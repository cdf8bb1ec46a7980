package io.hermesbus.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import io.hermesbus.tck.RaceCheck.Sent;
import io.hermesbus.tck.RaceTrace.EmptyWait;
import io.hermesbus.tck.RaceTrace.Read;
import io.hermesbus.tck.RaceTrace.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Rule 4.7's judgement, on traces written by hand: instants in milliseconds from 0. */
class RaceCheckTest {
    private static final Duration SLACK = Duration.ofMillis(20);
    // #0 race-1 then #0 race-0 on the bus; the searcher searches race-0
    private static final Event OTHER = TckEvents.numbered(0, "race-1");
    private static final Event SEARCHED = TckEvents.numbered(0, "race-0");
    private static final List<Sent> SENT = List.of(new Sent(OTHER, ms(10)), new Sent(SEARCHED, ms(12)));
    private static final RaceTrace READER_OF_BOTH = trace("A", null, read(OTHER, 11, false), read(SEARCHED, 13, false));
    private static final RaceTrace SEARCHER_OF_BOTH = trace("B", "race-0", read(OTHER, 11, false), read(SEARCHED, 13, false));

    @Test
    void aWaitThatEndsEmptyAfterTheNextEventWasSentIsAMissUnlessTheAllowanceCoversIt() {
        // the wait from 0 ms with timeout 40 ms ended empty; #0 race-1 had been sent at 10 ms, 30 ms before its deadline
        RaceTrace missing = trace("A", null, new EmptyWait("hasNext()", 40, 0, ms(41), false), read(OTHER, 42, false),
                read(SEARCHED, 43, false));

        assertThat(check(Duration.ZERO).firstViolation(missing, SEARCHER_OF_BOTH).map(RaceCheck.Violation::observed))
                .hasValueSatisfying(observed -> assertThat(observed).contains("hasNext() with timeout 40 ms", "ended empty at +41.0 ms",
                        "#0 race-1 @0", "send() return at +10.0 ms, 30.0 ms before that deadline"));
        assertThat(check(Duration.ofMillis(15)).firstViolation(missing, SEARCHER_OF_BOTH))
                .as("sent 30 ms before the deadline, within a declared delay of 15 ms plus the slack").isEmpty();
    }

    @Test
    void aWaitThatEndsEarlyIsJudgedAtItsEnd() {
        // timeout 40 ms, but the call returned at 15 ms: #0 race-1 was sent only 5 ms before, within the slack
        RaceTrace early = trace("A", null, new EmptyWait("hasNext()", 40, 0, ms(15), false), read(OTHER, 16, false),
                read(SEARCHED, 17, false));

        assertThat(check(Duration.ZERO).firstViolation(early, SEARCHER_OF_BOTH)).isEmpty();
    }

    @Test
    void theSearcherMayLeaveUnreadOnlyOtherCategoriesThatASearchSteppedOver() {
        RaceTrace stepped = trace("B", "race-0", read(SEARCHED, 14, true));
        RaceTrace skipped = trace("B", "race-0", read(SEARCHED, 14, false));
        RaceTrace lostMatch = trace("B", "race-0", read(OTHER, 11, false), new EmptyWait("findNextEventOfCategory(\"race-0\")", 40, ms(11), ms(52), true));

        assertThat(check(Duration.ZERO).firstViolation(READER_OF_BOTH, stepped)).isEmpty();
        assertThat(check(Duration.ZERO).firstViolation(READER_OF_BOTH, skipped).map(RaceCheck.Violation::observed))
                .hasValueSatisfying(observed -> assertThat(observed).startsWith("#0 race-1 never read, though no search ran"));
        assertThat(check(Duration.ZERO).firstViolation(READER_OF_BOTH, lostMatch).map(RaceCheck.Violation::observed))
                .hasValueSatisfying(observed -> assertThat(observed).startsWith("#0 race-0 never read, though a search for its category"));
    }

    @Test
    void theReaderReadsEveryEventOnce() {
        RaceTrace twice = trace("A", null, read(OTHER, 11, false), read(OTHER, 12, false), read(SEARCHED, 13, false));
        RaceTrace lost = trace("A", null, read(SEARCHED, 13, false));

        assertThat(check(Duration.ZERO).firstViolation(twice, SEARCHER_OF_BOTH).map(RaceCheck.Violation::observed))
                .hasValueSatisfying(observed -> assertThat(observed).startsWith("#0 race-1 twice"));
        assertThat(check(Duration.ZERO).firstViolation(lost, SEARCHER_OF_BOTH).map(RaceCheck.Violation::observed))
                .hasValueSatisfying(observed -> assertThat(observed).startsWith("1 never read, the first #0 race-1"));
    }

    private static RaceCheck check(Duration deliveryDelay) {
        return new RaceCheck(SENT, deliveryDelay, SLACK, 0);
    }

    private static RaceTrace trace(String name, String searched, Step... steps) {
        return new RaceTrace(name, "consumer " + name, Optional.ofNullable(searched), List.of(steps));
    }

    /** {@code event} read at {@code atMs}, with the offset the bus gave it: its place in {@link #SENT}. */
    private static Read read(Event event, long atMs, boolean bySearch) {
        long offset = SENT.stream().map(Sent::event).toList().indexOf(event);
        return new Read(event.at(Offset.of(offset), Instant.EPOCH), ms(atMs), bySearch);
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
