package io.hermesbus.tck.selftest;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.ConsumerInterruptedException;
import io.hermesbus.api.Deadline;
import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetOutOfRangeException;
import io.hermesbus.memory.MemoryBusProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Deliberately wrong consumers, each with one fault a real plugin has been known to have, written where a plugin
 * author writes code: the plugin methods of {@link AbstractMessageBusConsumerPlugin} (and the category search, which
 * a plugin may override). Each wraps a correct consumer ({@link ForwardingConsumer}) and gets one thing wrong.
 *
 * <p>Faults of the protocol itself (an iterator that consumes in {@code hasNext()}, revives once ended, or works
 * after {@code close()}; an offset of another kind accepted) cannot be written any more: the base class's final
 * methods rule them out, which api's {@code ConsumerProtocolTest} shows.
 */
final class WrongConsumers {
    private WrongConsumers() {
    }

    /** {@code seek(o)} positions after o instead of at it. */
    static final class OffByOneSeek extends ForwardingConsumer {
        OffByOneSeek(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected void doSeek(Offset offset) {
            delegate.seekAfter(offset);
            held = null;
        }
    }

    /** Never waits: the timeout is taken as 0. */
    static final class IgnoresTimeout extends ForwardingConsumer {
        IgnoresTimeout(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected Integer delegateTimeout(Deadline deadline) {
            return 0;
        }
    }

    /** Reads the timeout as seconds. */
    static final class TimeoutInSeconds extends ForwardingConsumer {
        TimeoutInSeconds(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected Integer delegateTimeout(Deadline deadline) {
            return timeoutMs() == null ? null : (int) Math.min(Integer.MAX_VALUE, timeoutMs() * 1000L);
        }
    }

    /** Waits a time of its own (a poll interval, half a second) whatever the timeout, but for 0 and null. */
    static final class FixedWait extends ForwardingConsumer {
        FixedWait(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected Integer delegateTimeout(Deadline deadline) {
            return deadline.isNever() || deadline.passed() ? super.delegateTimeout(deadline) : 500;
        }
    }

    /** Takes "no timeout" (null) as a default of one second. */
    static final class NullTimeoutAsOneSecond extends ForwardingConsumer {
        NullTimeoutAsOneSecond(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected Integer delegateTimeout(Deadline deadline) {
            return deadline.isNever() ? 1000 : super.delegateTimeout(deadline);
        }
    }

    /**
     * Once closed, never wakes on a publish any more: what woke it was released by the first close and not taken
     * again by open, so a wait sleeps out its timeout before it looks.
     */
    static final class WakeUpLostAfterReopen extends ForwardingConsumer {
        private boolean closedOnce;

        WakeUpLostAfterReopen(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected void doClose() {
            closedOnce = true;
            super.doClose();
        }

        @Override
        protected Offset awaitRecord(Deadline deadline) throws InterruptedException {
            if (!closedOnce) {
                return super.awaitRecord(deadline);
            }
            Offset there = super.awaitRecord(Deadline.after(0));
            if (there != null || deadline.isNever()) {
                return there != null ? there : super.awaitRecord(deadline);
            }
            deadline.sleep(Long.MAX_VALUE);
            return super.awaitRecord(Deadline.after(0));
        }
    }

    /**
     * Once it has read an event, takes an empty bus for a deleted position, as a plugin does that compares its
     * position with the oldest offset when SQL's {@code min()} of no rows is NULL.
     */
    static final class EndDeletedByRetention extends ForwardingConsumer {
        private boolean hasRead;

        EndDeletedByRetention(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected void advance() {
            hasRead = true;
            super.advance();
        }

        @Override
        protected Offset awaitRecord(Deadline deadline) throws InterruptedException {
            Offset there = super.awaitRecord(Deadline.after(0));
            if (there == null && hasRead && busIsEmpty()) {
                throw new OffsetOutOfRangeException("the position was deleted by retention: the bus retains no event");
            }
            return there != null ? there : super.awaitRecord(deadline);
        }

        private boolean busIsEmpty() {
            try (AbstractMessageBusConsumerPlugin probe = new MemoryBusProvider().consumer(delegate.settings().asMap())) {
                probe.open();
                probe.setTimeout(0);
                return !probe.iterator().hasNext();
            }
        }
    }

    /** Takes "no timeout" (null) as "do not wait". */
    static final class NullTimeoutAsZero extends ForwardingConsumer {
        NullTimeoutAsZero(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected Integer delegateTimeout(Deadline deadline) {
            return deadline.isNever() ? 0 : super.delegateTimeout(deadline);
        }
    }

    /** The timeout is one deadline from the first wait after a seek, not the wait before each event. */
    static final class TimeoutIsADeadline extends ForwardingConsumer {
        private Deadline whole;

        TimeoutIsADeadline(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected Integer delegateTimeout(Deadline deadline) {
            if (whole == null) {
                whole = deadline;
            }
            return super.delegateTimeout(whole);
        }

        @Override
        protected void doSeekToBeginning() {
            whole = null;
            super.doSeekToBeginning();
        }

        @Override
        protected void doSeek(Offset offset) {
            whole = null;
            super.doSeek(offset);
        }
    }

    /** Swallows the interrupt: the wait ends as if timed out, and the interrupt status is cleared. */
    static final class SwallowsInterrupt extends ForwardingConsumer {
        SwallowsInterrupt(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected Offset awaitRecord(Deadline deadline) throws InterruptedException {
            try {
                return super.awaitRecord(deadline);
            } catch (ConsumerInterruptedException e) {
                Thread.interrupted();
                return null;
            }
        }
    }

    /** Matches categories by prefix, ignoring case. */
    static final class LooseCategoryMatch extends ForwardingConsumer {
        LooseCategoryMatch(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        public Optional<Event> findNextEventOfCategory(String category) {
            for (Event event : this) {
                if (event.evcategory().toLowerCase(Locale.ROOT).startsWith(category.toLowerCase(Locale.ROOT))) {
                    return Optional.of(event);
                }
            }
            return Optional.empty();
        }
    }

    /** Returns the match but leaves the position at it. */
    static final class FindKeepsPosition extends ForwardingConsumer {
        FindKeepsPosition(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        public Optional<Event> findNextEventOfCategory(String category) {
            Optional<Event> found = super.findNextEventOfCategory(category);
            found.ifPresent(event -> seek(event.offset()));
            return found;
        }
    }

    /** A search that looks only at what is there and never waits. */
    static final class FindNeverWaits extends ForwardingConsumer {
        FindNeverWaits(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        public Optional<Event> findNextEventOfCategory(String category) {
            Integer timeout = timeoutMs();
            setTimeout(0);
            try {
                return super.findNextEventOfCategory(category);
            } finally {
                setTimeout(timeout);
            }
        }
    }

    /** Every fourth step over an event does not move: that event is yielded twice. */
    static final class DuplicatesEvents extends ForwardingConsumer {
        private int count;

        DuplicatesEvents(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected void advance() {
            if (++count % 4 != 0) {
                super.advance();
            }
        }
    }

    /** Every fourth step over an event steps over the next one too. */
    static final class LosesEvents extends ForwardingConsumer {
        private int count;

        LosesEvents(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected void advance() {
            super.advance();
            if (++count % 4 == 0) {
                delegate.setTimeout(0);
                Iterator<Event> events = delegate.iterator();
                if (events.hasNext()) {
                    events.next();
                }
            }
        }
    }

    /** Gives every event the offset of the first event it ever yielded. */
    static final class RepeatsOffsets extends ForwardingConsumer {
        private Offset first;

        RepeatsOffsets(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected Event readRecord() {
            Event event = super.readRecord();
            if (first == null) {
                first = event.offset();
            }
            return event.at(first, event.timestamp());
        }
    }

    /** Yields events as decoded from the bus, without offset and timestamp. */
    static final class UnsetPosition extends ForwardingConsumer {
        UnsetPosition(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected Event readRecord() {
            return Event.fromJson(super.readRecord().toJson());
        }
    }

    /** Stamps events with the time they are read, not published. */
    static final class TimestampIsReadTime extends ForwardingConsumer {
        TimestampIsReadTime(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected Event readRecord() {
            Event event = super.readRecord();
            return event.at(event.offset(), Instant.now());
        }
    }

    /** Clamps a seek outside the retained range to the beginning instead of refusing it. */
    static final class SeekClamps extends ForwardingConsumer {
        SeekClamps(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected void doSeek(Offset offset) {
            try {
                super.doSeek(offset);
            } catch (OffsetOutOfRangeException e) {
                doSeekToBeginning();
            }
        }
    }

    /** When retention deleted its position, jumps silently to the oldest remaining event. */
    static final class SilentRetentionJump extends ForwardingConsumer {
        SilentRetentionJump(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected Offset awaitRecord(Deadline deadline) throws InterruptedException {
            try {
                return super.awaitRecord(deadline);
            } catch (OffsetOutOfRangeException e) {
                doSeekToBeginning();
                return super.awaitRecord(deadline);
            }
        }
    }

    /** All consumers of one bus read through one connection, and so share one position. */
    static final class SharedPosition extends ForwardingConsumer {
        private final int[] openCount;

        private SharedPosition(AbstractMessageBusConsumerPlugin shared, int[] openCount) {
            super(shared);
            this.openCount = openCount;
        }

        /** A new sharing for one bus: the first consumer's connection serves every later consumer. */
        static UnaryOperator<AbstractMessageBusConsumerPlugin> newSharing() {
            AbstractMessageBusConsumerPlugin[] shared = new AbstractMessageBusConsumerPlugin[1];
            int[] openCount = new int[1];
            return fresh -> {
                if (shared[0] == null) {
                    shared[0] = fresh;
                }
                return new SharedPosition(shared[0], openCount);
            };
        }

        @Override
        protected void doOpen() {
            if (openCount[0]++ == 0) {
                delegate.open();
            }
            held = null;
        }

        @Override
        protected void doClose() {
            if (--openCount[0] == 0) {
                delegate.close();
            }
            held = null;
        }
    }

    /** After open(), starts at the end (Kafka's auto.offset.reset=latest): breaks only a recommended rule. */
    static final class StartsAtEnd extends ForwardingConsumer {
        StartsAtEnd(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected void doOpen() {
            super.doOpen();
            delegate.setTimeout(0);
            delegate.iterator().forEachRemaining(skipped -> { });
        }
    }

    /**
     * A lost wake-up: it waits in slices of a second, a backup poll, and in each it looks, arms its wake-up only 25 ms
     * later, and sleeps until woken or the slice ends; an event published before the wake-up is armed wakes nothing.
     * At a slice's end it looks again, but at the deadline it returns null without looking: so a long wait finds the
     * event late, while a wait that ends within the slice ends empty with an event there. (It stands for a plugin that
     * arms its wake-up after looking, or signals outside the lock it looks under, where the window is much smaller.)
     */
    static final class LostWakeUp extends ForwardingConsumer {
        private static final long UNARMED_MS = 25;
        private static final int SLICE_MS = 1_000;

        LostWakeUp(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected Offset awaitRecord(Deadline deadline) throws InterruptedException {
            while (true) {
                Offset found = super.awaitRecord(Deadline.after(0));
                if (found != null || deadline.passed()) {
                    return found;
                }
                Deadline slice = Deadline.after((int) Math.min(SLICE_MS, deadline.remainingMs()));
                if (awaitArmedLate(slice)) {
                    return held.offset();
                }
                if (deadline.passed()) {
                    return null;
                }
            }
        }

        /** Whether an event published once the wake-up is armed came by {@code slice}; then {@code held} is the next. */
        private boolean awaitArmedLate(Deadline slice) throws InterruptedException {
            slice.sleep(UNARMED_MS);
            // armed: only an event published from now on wakes the wait, which then sees those published before too
            List<Event> unnoticed = new ArrayList<>();
            delegate.setTimeout(0);
            delegate.forEach(unnoticed::add);
            boolean woken = false;
            try {
                woken = !slice.passed() && super.awaitRecord(slice) != null;
            } finally {
                if (!unnoticed.isEmpty()) {
                    held = woken ? unnoticed.get(0) : null;
                    if (woken) {
                        delegate.seekAfter(held.offset());
                    } else {
                        delegate.seek(unnoticed.get(0).offset());
                    }
                }
            }
            return woken;
        }
    }
}
