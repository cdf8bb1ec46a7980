package io.hermesbus.memory;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.ConsumerInterruptedException;
import io.hermesbus.api.Event;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.NotOpenException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetOutOfRangeException;
import io.hermesbus.api.WrongOffsetKindException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a {@link MemoryBus}. Settings: {@code name}, {@code offset_kind}, {@code max_events} (see the README).
 *
 * <p>Follows {@link AbstractMessageBusConsumerPlugin} exactly. In short: after {@link #open()} the position is
 * the oldest retained event; every method but {@code setTimeout} and {@code close} (and those of an iterator
 * obtained earlier) throws {@link NotOpenException} while closed; a consumer whose position was deleted by
 * retention gets {@link OffsetOutOfRangeException} when it reads, never a silent skip.
 *
 * <p>One thread at a time per instance; each consumer has its own position.
 */
public final class MemoryBusConsumer extends AbstractMessageBusConsumerPlugin {
    private final MemoryBusSettings busSettings;
    /** The bus while open, null while closed. */
    private MemoryBus bus;
    /** The number of the next event to yield. */
    private long position;

    /**
     * Keeps and checks the settings; does not touch any bus.
     *
     * @throws InvalidSettingsException naming a setting that is unknown or holds a bad value
     */
    public MemoryBusConsumer(Map<String, ?> settings) {
        super(settings);
        this.busSettings = MemoryBusSettings.from(settings());
    }

    /**
     * Joins the bus named by the settings, creating it if no plugin has yet, and moves to its oldest retained
     * event (on an empty bus: to the first event published later). Opening an open consumer starts over.
     *
     * @throws InvalidSettingsException if the bus exists with another {@code offset_kind} or {@code max_events};
     *     the consumer stays closed
     */
    @Override
    public void open() {
        MemoryBus joined = MemoryBus.openShared(busSettings);
        position = joined.oldestNumber();
        bus = joined;
    }

    /** Leaves the bus. Does nothing when already closed. */
    @Override
    public void close() {
        bus = null;
    }

    /**
     * Moves to the oldest retained event; on an empty bus, to the first event published afterwards. This is how
     * a consumer recovers after retention deleted its position.
     *
     * @throws NotOpenException if not open
     */
    @Override
    public void seekToBeginning() {
        position = openBus("seekToBeginning").oldestNumber();
    }

    /**
     * Moves to the first event whose offset is {@code >= offset}. Accepted: the oldest to the newest retained
     * offset, and for {@code int} also the newest plus one (the end). On an empty bus only the {@code int} offset
     * of the next event to be published is accepted.
     *
     * @throws NotOpenException if not open
     * @throws WrongOffsetKindException if {@code offset} is not of the bus's kind; position unchanged
     * @throws OffsetOutOfRangeException naming {@code offset} and the accepted range; position unchanged
     */
    @Override
    public void seek(Offset offset) {
        Objects.requireNonNull(offset, "offset");
        position = openBus("seek").numberToSeek(offset);
    }

    /**
     * As {@link AbstractMessageBusConsumerPlugin#seekAfter}.
     *
     * @throws NotOpenException if not open
     * @throws WrongOffsetKindException if {@code offset} is not of the bus's kind; position unchanged
     * @throws OffsetOutOfRangeException as {@link #seek}; position unchanged
     */
    @Override
    public void seekAfter(Offset offset) {
        Objects.requireNonNull(offset, "offset");
        // checked first so that the kind error wins over the base class's int arithmetic on the offset
        offset.requireKind(openBus("seekAfter").offsetKind());
        super.seekAfter(offset);
    }

    /** As {@link AbstractMessageBusConsumerPlugin#findNextEventOfCategory}; throws {@link NotOpenException} if not open. */
    @Override
    public Optional<Event> findNextEventOfCategory(String category) {
        openBus("findNextEventOfCategory");
        return super.findNextEventOfCategory(category);
    }

    /**
     * Iterates from the position, waiting up to the timeout for each new event once caught up.
     *
     * <p>{@code hasNext()} returns true at once when an event is at the position, without looking at the
     * interrupt status. Otherwise it waits (not spinning) up to {@link #timeoutMs()}, afresh on every call, and
     * returns false on timeout; from then on this iterator is ended and {@code next()} throws
     * {@link NoSuchElementException}.
     *
     * @throws NotOpenException if not open, and from the iterator's methods whenever the consumer is not open
     * @throws OffsetOutOfRangeException (from {@code hasNext()}, {@code next()}) if retention deleted the
     *     event at the position; {@link #seekToBeginning()} recovers
     * @throws ConsumerInterruptedException (from {@code hasNext()}, {@code next()}) if the thread is interrupted
     *     before or while waiting; its interrupt status is set again and the position is unchanged
     */
    @Override
    public Iterator<Event> iterator() {
        return new EventIterator(openBus("iterator"));
    }

    private MemoryBus openBus(String operation) {
        MemoryBus open = bus;
        if (open == null) {
            throw NotOpenException.of(this, operation);
        }
        return open;
    }

    private final class EventIterator extends RetainedEvents.Reader implements Iterator<Event> {
        /** The bus this iterator reads without the lock: the consumer's when the iterator was made. */
        private final MemoryBus reading;
        private boolean ended;

        EventIterator(MemoryBus open) {
            super(open.events());
            reading = open;
        }

        /**
         * The event at the position if the reader already knows it is there, else null. Comparing the position
         * with the reader's rather than reading at the position keeps memory off the path from one event to the
         * next: the position is only stored.
         */
        private Event peekAtPosition() {
            return bus == reading && !ended && position == at() ? peek() : null;
        }

        @Override
        public boolean hasNext() {
            if (peekAtPosition() != null) {
                return true; // the common case: no lock, no volatile read
            }
            MemoryBus open = openBus("hasNext");
            if (ended) {
                return false;
            }
            if (open == reading && look(position) != null) {
                return true; // published since the reader last looked
            }
            // not published yet, or deleted: wait, or report the deletion, under the lock
            try {
                ended = !open.awaitEvent(position, timeoutMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConsumerInterruptedException("interrupted while waiting for the event at offset "
                        + open.offsetOf(position) + " on memory bus '" + open.name()
                        + "'; the position is unchanged", e);
            }
            return !ended;
        }

        @Override
        public Event next() {
            Event event = peekAtPosition();
            if (event == null) {
                MemoryBus open = openBus("next");
                if (!hasNext()) {
                    throw new NoSuchElementException("no event arrived at offset " + open.offsetOf(position)
                            + " on memory bus '" + open.name() + "' within the timeout of " + timeoutMs() + " ms");
                }
                event = peekAtPosition(); // hasNext() has looked again, unless it had to wait
                if (event == null) {
                    event = open.eventAt(position); // reports a deletion since, as the lock-free path does
                    position++;
                    return event;
                }
            }
            advance();
            position = at();
            return event;
        }
    }
}
