package io.hermesbus.tck.selftest;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Deadline;
import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import java.util.Iterator;
import java.util.Map;

/**
 * A correct plugin over a correct consumer (the in-memory bus's), read through its public methods one event ahead:
 * the event at the position is taken from the delegate when first awaited and held until the position moves. Each
 * wrong consumer overrides the one plugin method it gets wrong, as a plugin author might.
 */
class ForwardingConsumer extends AbstractMessageBusConsumerPlugin {
    protected final AbstractMessageBusConsumerPlugin delegate;
    /** The event at the position, taken from the delegate; null when none is held. */
    protected Event held;

    ForwardingConsumer(AbstractMessageBusConsumerPlugin delegate) {
        super(Map.of());
        this.delegate = delegate;
    }

    /** The timeout the delegate waits with, for a wait that ends at {@code deadline}; wrong consumers misread it. */
    protected Integer delegateTimeout(Deadline deadline) {
        return deadline.isNever() ? null : (int) Math.min(Integer.MAX_VALUE, deadline.remainingMs());
    }

    @Override
    protected OffsetKind offsetKind() {
        return OffsetKind.INT;
    }

    @Override
    protected void doOpen() {
        delegate.open();
        held = null;
    }

    @Override
    protected void doClose() {
        delegate.close();
        held = null;
    }

    @Override
    protected void doSeekToBeginning() {
        delegate.seekToBeginning();
        held = null;
    }

    @Override
    protected void doSeek(Offset offset) {
        delegate.seek(offset);
        held = null;
    }

    @Override
    protected Offset awaitRecord(Deadline deadline) throws InterruptedException {
        if (held == null) {
            delegate.setTimeout(delegateTimeout(deadline));
            Iterator<Event> events = delegate.iterator();
            if (events.hasNext()) {
                held = events.next();
            }
        }
        return held == null ? null : held.offset();
    }

    @Override
    protected Event readRecord() {
        return held;
    }

    @Override
    protected void advance() {
        held = null;
    }

    @Override
    protected String describePosition() {
        return held == null ? "the position of a forwarding consumer" : "offset " + held.offset() + " of a forwarding consumer";
    }
}
