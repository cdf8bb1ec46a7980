package io.hermesbus.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A test consumer over a fixed list of events, in offset order. It never waits: iteration ends at the end of the
 * list whatever the timeout (it records the timeout each iterator was made with, so tests can check it). It keeps
 * the default {@link AbstractMessageBusConsumerPlugin#seekAfter} and
 * {@link AbstractMessageBusConsumerPlugin#findNextEventOfCategory}, so they can be tested.
 */
final class ListConsumer extends AbstractMessageBusConsumerPlugin {
    static final Instant PUBLISHED = Instant.parse("2024-01-02T03:04:05Z");

    /** One slot on the list bus; {@code event == null} is an event that cannot be decoded. */
    private record Slot(Offset offset, Event event) {
    }

    private final List<Slot> slots = new ArrayList<>();
    private boolean open;
    private int position;
    final List<Offset> seeks = new ArrayList<>();
    final List<Integer> iteratorTimeouts = new ArrayList<>();

    ListConsumer(Map<String, ?> settings) {
        super(settings);
    }

    /** A consumer (not yet open) whose events have these offsets, each of category {@code base}. */
    static ListConsumer withOffsets(Offset... offsets) {
        ListConsumer consumer = new ListConsumer(Map.of());
        for (Offset offset : offsets) {
            consumer.add(offset, "base");
        }
        return consumer;
    }

    /** Appends an event of {@code category} at {@code offset}, which must follow the last one. */
    ListConsumer add(Offset offset, String category) {
        return addSlot(offset, new Event(category, "added").at(offset, PUBLISHED));
    }

    /** Appends an event at {@code offset} that cannot be decoded. */
    ListConsumer addUndecodable(Offset offset) {
        return addSlot(offset, null);
    }

    private ListConsumer addSlot(Offset offset, Event event) {
        if (!slots.isEmpty() && !offset.isAfter(slots.get(slots.size() - 1).offset())) {
            throw new IllegalArgumentException("offsets must increase: " + offset);
        }
        slots.add(new Slot(offset, event));
        return this;
    }

    boolean isOpen() {
        return open;
    }

    @Override
    public void open() {
        open = true;
        position = 0;
    }

    @Override
    public void close() {
        open = false;
    }

    private void requireOpen(String operation) {
        if (!open) {
            throw NotOpenException.of(this, operation);
        }
    }

    @Override
    public void seekToBeginning() {
        requireOpen("seekToBeginning()");
        position = 0;
    }

    @Override
    public void seek(Offset offset) {
        requireOpen("seek()");
        seeks.add(offset);
        if (slots.isEmpty()) {
            return;
        }
        Offset first = slots.get(0).offset();
        Offset last = slots.get(slots.size() - 1).offset();
        offset.requireKind(first.kind());
        boolean pastEnd = offset instanceof Offset.IntOffset i
                ? i.value() > ((Offset.IntOffset) last).value() + 1
                : offset.isAfter(last);
        if (offset.isBefore(first) || pastEnd) {
            throw new OffsetOutOfRangeException("offset " + offset + " is outside " + first + ".." + last);
        }
        int index = 0;
        while (index < slots.size() && slots.get(index).offset().isBefore(offset)) {
            index++;
        }
        position = index;
    }

    @Override
    public Iterator<Event> iterator() {
        iteratorTimeouts.add(timeoutMs());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                requireOpen("hasNext()");
                return position < slots.size();
            }

            @Override
            public Event next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Slot slot = slots.get(position);
                if (slot.event() == null) {
                    throw new InvalidEventException("cannot decode").at(slot.offset());
                }
                position++;
                return slot.event();
            }
        };
    }

    /** The offset of the next event iteration yields, or null at the end. Does not move the position. */
    Offset nextOffset() {
        return position < slots.size() ? slots.get(position).offset() : null;
    }
}
