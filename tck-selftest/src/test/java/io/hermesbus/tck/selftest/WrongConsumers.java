package io.hermesbus.tck.selftest;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.ConsumerInterruptedException;
import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetOutOfRangeException;
import io.hermesbus.api.WrongOffsetKindException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Deliberately wrong consumers, each with one fault a real plugin has been known to have. Each wraps a correct
 * consumer (the in-memory bus's) and gets one behaviour wrong.
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
        public void seek(Offset offset) {
            synced().seekAfter(offset);
        }
    }

    /** Never waits: the timeout is taken as 0. */
    static final class IgnoresTimeout extends ForwardingConsumer {
        IgnoresTimeout(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected Integer delegateTimeout(Integer timeoutMs) {
            return 0;
        }
    }

    /** Reads the timeout as seconds. */
    static final class TimeoutInSeconds extends ForwardingConsumer {
        TimeoutInSeconds(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected Integer delegateTimeout(Integer timeoutMs) {
            return timeoutMs == null ? null : (int) Math.min(Integer.MAX_VALUE, timeoutMs * 1000L);
        }
    }

    /** Takes "no timeout" (null) as "do not wait". */
    static final class NullTimeoutAsZero extends ForwardingConsumer {
        NullTimeoutAsZero(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        protected Integer delegateTimeout(Integer timeoutMs) {
            return timeoutMs == null ? 0 : timeoutMs;
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

    /** Returns the match but leaves the position where the search started. */
    static final class FindKeepsPosition extends ForwardingConsumer {
        FindKeepsPosition(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        public Optional<Event> findNextEventOfCategory(String category) {
            Optional<Event> found = synced().findNextEventOfCategory(category);
            found.ifPresent(event -> delegate.seek(event.offset()));
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
            delegate.setTimeout(0);
            return delegate.findNextEventOfCategory(category);
        }
    }

    /** Yields every fourth event twice. */
    static final class DuplicatesEvents extends ForwardingConsumer {
        private int count;

        DuplicatesEvents(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        public Iterator<Event> iterator() {
            Iterator<Event> events = super.iterator();
            return new Iterator<>() {
                private Event repeat;

                @Override
                public boolean hasNext() {
                    return repeat != null || events.hasNext();
                }

                @Override
                public Event next() {
                    if (repeat != null) {
                        Event again = repeat;
                        repeat = null;
                        return again;
                    }
                    Event event = events.next();
                    if (++count % 4 == 0) {
                        repeat = event;
                    }
                    return event;
                }
            };
        }
    }

    /** Drops every fourth event. */
    static final class LosesEvents extends ForwardingConsumer {
        private int count;

        LosesEvents(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        public Iterator<Event> iterator() {
            Iterator<Event> events = super.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    if (!events.hasNext()) {
                        return false;
                    }
                    if ((count + 1) % 4 == 0) {
                        count++;
                        events.next();
                        return events.hasNext();
                    }
                    return true;
                }

                @Override
                public Event next() {
                    count++;
                    return events.next();
                }
            };
        }
    }

    /** Gives every event the offset of the first event it ever yielded. */
    static final class RepeatsOffsets extends ForwardingConsumer {
        private Offset first;

        RepeatsOffsets(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        public Iterator<Event> iterator() {
            return mapped(super.iterator(), event -> {
                if (first == null) {
                    first = event.offset();
                }
                return event.at(first, event.timestamp());
            });
        }
    }

    /** Yields events as decoded from the bus, without offset and timestamp. */
    static final class UnsetPosition extends ForwardingConsumer {
        UnsetPosition(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        public Iterator<Event> iterator() {
            return mapped(super.iterator(), event -> Event.fromJson(event.toJson()));
        }
    }

    /** Stamps events with the time they are read, not published. */
    static final class TimestampIsReadTime extends ForwardingConsumer {
        TimestampIsReadTime(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        public Iterator<Event> iterator() {
            return mapped(super.iterator(), event -> event.at(event.offset(), Instant.now()));
        }
    }

    /** hasNext() takes the event from the bus into the iterator, which loses it when dropped. */
    static final class HasNextConsumes extends ForwardingConsumer {
        HasNextConsumes(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        public Iterator<Event> iterator() {
            Iterator<Event> events = super.iterator();
            return new Iterator<>() {
                private Event taken;

                @Override
                public boolean hasNext() {
                    if (taken == null && events.hasNext()) {
                        taken = events.next();
                    }
                    return taken != null;
                }

                @Override
                public Event next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Event event = taken;
                    taken = null;
                    return event;
                }
            };
        }
    }

    /** Clamps a seek outside the retained range to the nearest end instead of refusing it. */
    static final class SeekClamps extends ForwardingConsumer {
        SeekClamps(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        public void seek(Offset offset) {
            try {
                delegate.seek(offset);
            } catch (OffsetOutOfRangeException e) {
                delegate.seekToBeginning();
            }
        }
    }

    /** Takes any offset: one of another kind is treated as the beginning. */
    static final class AcceptsWrongKind extends ForwardingConsumer {
        AcceptsWrongKind(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        public void seek(Offset offset) {
            try {
                delegate.seek(offset);
            } catch (WrongOffsetKindException e) {
                delegate.seekToBeginning();
            }
        }
    }

    /** The timeout is a deadline for the whole iteration, not for the wait before each event. */
    static final class TimeoutIsADeadline extends ForwardingConsumer {
        TimeoutIsADeadline(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        public Iterator<Event> iterator() {
            Integer timeout = timeoutMs();
            long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout * 1_000_000L;
            Iterator<Event> events = delegate.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    if (timeout != null) {
                        delegate.setTimeout((int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
                    } else {
                        delegate.setTimeout(null);
                    }
                    return events.hasNext();
                }

                @Override
                public Event next() {
                    return events.next();
                }
            };
        }
    }

    /** Swallows the interrupt: the wait ends as if timed out, and the interrupt status is cleared. */
    static final class SwallowsInterrupt extends ForwardingConsumer {
        SwallowsInterrupt(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        public Iterator<Event> iterator() {
            Iterator<Event> events = super.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    try {
                        return events.hasNext();
                    } catch (ConsumerInterruptedException e) {
                        Thread.interrupted();
                        return false;
                    }
                }

                @Override
                public Event next() {
                    return events.next();
                }
            };
        }
    }

    /** Works while closed: reopens its connection behind the caller's back. */
    static final class WorksWhenClosed extends ForwardingConsumer {
        private boolean open;

        WorksWhenClosed(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        private void ensureOpen() {
            if (!open) {
                delegate.open();
                open = true;
            }
        }

        @Override
        public void open() {
            ensureOpen();
        }

        @Override
        public void close() {
            delegate.close();
            open = false;
        }

        @Override
        public void seekToBeginning() {
            ensureOpen();
            super.seekToBeginning();
        }

        @Override
        public void seek(Offset offset) {
            ensureOpen();
            super.seek(offset);
        }

        @Override
        public Optional<Event> findNextEventOfCategory(String category) {
            ensureOpen();
            return super.findNextEventOfCategory(category);
        }

        @Override
        public Iterator<Event> iterator() {
            ensureOpen();
            return super.iterator();
        }
    }

    /** After open(), starts at the end (Kafka's auto.offset.reset=latest): breaks only a recommended rule. */
    static final class StartsAtEnd extends ForwardingConsumer {
        StartsAtEnd(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        public void open() {
            delegate.open();
            delegate.setTimeout(0);
            List<Event> skipped = new ArrayList<>();
            delegate.iterator().forEachRemaining(skipped::add);
        }
    }

    /** When retention deleted its position, jumps silently to the oldest remaining event. */
    static final class SilentRetentionJump extends ForwardingConsumer {
        SilentRetentionJump(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        public Iterator<Event> iterator() {
            Iterator<Event> events = super.iterator();
            return new Iterator<>() {
                private Iterator<Event> current = events;

                @Override
                public boolean hasNext() {
                    try {
                        return current.hasNext();
                    } catch (OffsetOutOfRangeException e) {
                        delegate.seekToBeginning();
                        current = delegate.iterator();
                        return current.hasNext();
                    }
                }

                @Override
                public Event next() {
                    return current.next();
                }
            };
        }
    }

    /** An ended iterator comes back to life when a new event arrives. */
    static final class IteratorRevives extends ForwardingConsumer {
        IteratorRevives(AbstractMessageBusConsumerPlugin d) {
            super(d);
        }

        @Override
        public Iterator<Event> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return synced().iterator().hasNext();
                }

                @Override
                public Event next() {
                    return delegate.iterator().next();
                }
            };
        }
    }

    /** All consumers of one bus read through one connection, and so share one position. */
    static final class SharedPosition extends ForwardingConsumer {
        private final int[] openCount;
        private boolean open;

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
        public void open() {
            if (!open && openCount[0]++ == 0) {
                delegate.open();
            }
            open = true;
        }

        @Override
        public void close() {
            if (open && --openCount[0] == 0) {
                delegate.close();
            }
            open = false;
        }
    }

    private static Iterator<Event> mapped(Iterator<Event> events, Function<Event, Event> change) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return events.hasNext();
            }

            @Override
            public Event next() {
                return change.apply(events.next());
            }
        };
    }
}
