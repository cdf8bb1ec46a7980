package ${package};

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Deadline;
import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.OffsetOutOfRangeException;
import java.util.Map;

/**
 * A cursor over the bus: its position is the offset of the next event to read. The base class holds the protocol
 * every consumer shares (open checks, iteration, timeouts, interrupts, {@code seekAfter}, category search); REPLACE
 * the store calls with your bus's reads, keeping each method's contract (its Javadoc in the base class).
 */
public final class ${busClass}Consumer extends AbstractMessageBusConsumerPlugin {
    private final String busName;
    private ${busClass}Store store;
    private long position;

    /** Checks the settings; does no I/O. @throws io.hermesbus.api.InvalidSettingsException naming a bad setting */
    public ${busClass}Consumer(Map<String, ?> settings) {
        super(settings);
        settings().rejectUnknown(${busClass}Provider.SETTINGS);
        this.busName = settings().requiredString(${busClass}Provider.NAME);
    }

    @Override
    protected OffsetKind offsetKind() {
        return OffsetKind.INT;
    }

    @Override
    protected void doOpen() {
        store = ${busClass}Store.named(busName);
        position = store.oldest();
    }

    @Override
    protected void doSeekToBeginning() {
        position = store.oldest();
    }

    /** Accepts the retained offsets and the end (where the next event will be); anything else leaves the position. */
    @Override
    protected void doSeek(Offset offset) {
        long wanted = ((Offset.IntOffset) offset).value();
        long oldest = store.oldest();
        long end = store.end();
        if (wanted < oldest || wanted > end) {
            throw new OffsetOutOfRangeException("cannot seek to offset " + offset + " on " + describeBus()
                    + ": accepted offsets are " + oldest + " to " + end + " (the end: the next event)");
        }
        position = wanted;
    }

    @Override
    protected Offset awaitRecord(Deadline deadline) throws InterruptedException {
        return store.await(position, deadline) ? Offset.of(position) : null;
    }

    @Override
    protected Event readRecord() {
        return store.read(position);
    }

    @Override
    protected void advance() {
        position++;
    }

    @Override
    protected String describePosition() {
        return "offset " + position + " on " + describeBus();
    }

    private String describeBus() {
        return "${busName} bus '" + busName + "'";
    }
}
