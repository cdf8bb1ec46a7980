package io.hermesbus.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test consumer over a list of records, in offset order, that tests may append to while it is open. It never
 * waits: a record not there yet is "none by the deadline" whatever the deadline (it records each deadline it was
 * given, and what it was asked, so tests can check what the base class did). It implements only the plugin's part
 * of {@link AbstractMessageBusConsumerPlugin}, so the protocol under test is the base class's.
 */
final class ListConsumer extends AbstractMessageBusConsumerPlugin {
    static final Instant PUBLISHED = Instant.parse("2024-01-02T03:04:05Z");

    /** One record on the list bus, with its category kept apart; {@code event == null} is one that cannot be decoded. */
    private record Slot(Offset offset, String category, Event event) {
    }

    private final List<Slot> slots = new ArrayList<>();
    private boolean open;
    private int position;
    final List<Offset> seeks = new ArrayList<>();
    final List<Deadline> deadlines = new ArrayList<>();
    int reads;
    int positionChecks;
    int closes;
    /** Whether a category search may step over records by the category kept apart, as a Kafka key allows. */
    boolean skipsByCategory;
    /** Whether waits are interrupted: {@link #awaitRecord} throws as a wait would. */
    boolean interruptWaits;
    /** Whether {@link #doOpen} fails, as it does when the bus cannot be reached. */
    boolean failOpen;
    /**
     * The newest offset retention deleted before the list, or null: a seek at or below it is refused, one above it
     * and below the first record lands on the first (the gap), as tck/SPEC.md's seek range lets a bus do.
     */
    Offset newestDeleted;

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
        return addSlot(offset, category, new Event(category, "added").at(offset, PUBLISHED));
    }

    /** Appends an event at {@code offset} that cannot be decoded, whose category is kept apart as {@code other}. */
    ListConsumer addUndecodable(Offset offset) {
        return addSlot(offset, "other", null);
    }

    private ListConsumer addSlot(Offset offset, String category, Event event) {
        if (!slots.isEmpty() && !offset.isAfter(slots.get(slots.size() - 1).offset())) {
            throw new IllegalArgumentException("offsets must increase: " + offset);
        }
        slots.add(new Slot(offset, category, event));
        return this;
    }

    boolean isOpen() {
        return open;
    }

    /** The offset of the record at the position, or null at the end. */
    Offset nextOffset() {
        return position < slots.size() ? slots.get(position).offset() : null;
    }

    @Override
    protected OffsetKind offsetKind() {
        return slots.isEmpty() ? OffsetKind.INT : slots.get(0).offset().kind();
    }

    @Override
    protected void doOpen() {
        if (failOpen) {
            throw new HermesBusException("bus unreachable");
        }
        open = true;
        position = 0;
    }

    @Override
    protected void doClose() {
        open = false;
        closes++;
    }

    @Override
    protected void doSeekToBeginning() {
        position = 0;
    }

    @Override
    protected void doSeek(Offset offset) {
        seeks.add(offset);
        if (slots.isEmpty()) {
            return;
        }
        Offset first = slots.get(0).offset();
        Offset last = slots.get(slots.size() - 1).offset();
        boolean pastEnd = offset instanceof Offset.IntOffset i
                ? i.value() > ((Offset.IntOffset) last).value() + 1
                : offset.isAfter(last);
        if (newestDeleted != null && offset.isAfter(newestDeleted) && offset.isBefore(first)) {
            position = 0;
            return;
        }
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
    protected Offset awaitRecord(Deadline deadline) throws InterruptedException {
        deadlines.add(deadline);
        if (interruptWaits) {
            throw new InterruptedException("a test interrupt");
        }
        return nextOffset();
    }

    @Override
    protected Event readRecord() {
        reads++;
        Slot slot = slots.get(position);
        if (slot.event() == null) {
            throw new InvalidEventException("cannot decode");
        }
        return slot.event();
    }

    @Override
    protected void advance() {
        position++;
    }

    @Override
    protected String describePosition() {
        return "offset " + nextOffset() + " of a list";
    }

    @Override
    protected boolean skipOtherCategories(String category) {
        int from = position;
        while (skipsByCategory && position < slots.size() && !slots.get(position).category().equals(category)) {
            position++;
        }
        return position != from;
    }

    @Override
    protected void checkPosition() {
        positionChecks++;
    }
}
