package io.hermesbus.memory;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Deadline;
import io.hermesbus.api.Event;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.OffsetOutOfRangeException;
import java.util.Map;

/**
 * Reads a {@link MemoryBus}. Settings: {@code name}, {@code offset_kind}, {@code first_offset}, {@code offset_step},
 * {@code max_events} (see the README).
 *
 * <p>Follows {@link AbstractMessageBusConsumerPlugin}. {@code open()} joins the bus named by the settings, creating
 * it if no plugin has yet ({@link InvalidSettingsException} if it exists with other settings than the name), and
 * moves to its oldest retained event. {@code seek} also accepts an offset between the newest deleted and the oldest
 * retained one, and goes to the oldest retained event; on an empty bus it accepts only the {@code int} end. A
 * caught-up consumer waits on the bus's lock, woken by the next publish. A consumer whose position was deleted by
 * retention gets {@link OffsetOutOfRangeException} when it reads, never a silent skip.
 *
 * <p>Events that are there are read without the bus's lock ({@link RetainedEvents.Reader}).
 */
public final class MemoryBusConsumer extends AbstractMessageBusConsumerPlugin {
    private final MemoryBusSettings busSettings;
    /** The bus while open. */
    private MemoryBus bus;
    /** Reads the bus's events without its lock; kept at the position, so that reading on costs one slot read. */
    private RetainedEvents.Reader reader;
    /** The number of the next event to yield. */
    private long position;

    /**
     * Keeps and checks the settings; does not touch any bus.
     *
     * @param settings {@code name}, {@code offset_kind}, {@code first_offset}, {@code offset_step}, {@code max_events},
     *     as the module's README lists them; all optional (an empty map is the bus {@code "default"})
     * @throws InvalidSettingsException naming a setting that is unknown or holds a bad value
     */
    public MemoryBusConsumer(Map<String, ?> settings) {
        super(settings);
        this.busSettings = MemoryBusSettings.from(settings());
    }

    @Override
    protected OffsetKind offsetKind() {
        return busSettings.offsetKind();
    }

    @Override
    protected void doOpen() {
        MemoryBus joined = MemoryBus.openShared(busSettings);
        bus = joined;
        reader = new RetainedEvents.Reader(joined.events());
        position = joined.oldestNumber();
    }

    @Override
    protected void doClose() {
        bus = null;
        reader = null;
    }

    @Override
    protected void doSeekToBeginning() {
        position = bus.oldestNumber();
    }

    @Override
    protected void doSeek(Offset offset) {
        position = bus.numberToSeek(offset);
    }

    @Override
    protected Offset awaitRecord(Deadline deadline) throws InterruptedException {
        Event event = eventAtPosition();
        if (event == null) {
            // not published yet, or deleted: wait, or report the deletion, under the lock
            if (!bus.awaitEvent(position, deadline)) {
                return null;
            }
            event = readRecord();
        }
        return event.offset();
    }

    // readRecord and advance follow awaitRecord, which left the reader at the position; they stay small enough
    // for the JIT to inline them into the iteration loop

    @Override
    protected Event readRecord() {
        Event event = reader.peek();
        return event != null ? event : bus.eventAt(position); // under the lock: reports a deletion since
    }

    /** Reports a deletion since the event was found, as reading it would: no event is yielded once deleted. */
    @Override
    protected void advance() {
        if (reader.peek() == null) {
            bus.eventAt(position);
        }
        reader.advance();
        position++;
    }

    @Override
    protected String describePosition() {
        return "offset " + bus.describeOffsetOf(position) + " on memory bus '" + bus.name() + "'";
    }

    /**
     * The event at the position read without the lock, or null if it is not published yet or was deleted. Leaves the
     * reader at the position, where reading on costs one slot read and no volatile read.
     */
    private Event eventAtPosition() {
        Event known = reader.at() == position ? reader.peek() : null;
        return known != null ? known : reader.look(position);
    }
}
