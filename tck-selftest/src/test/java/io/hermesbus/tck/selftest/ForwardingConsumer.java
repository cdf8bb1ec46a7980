package io.hermesbus.tck.selftest;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A consumer that passes every call to a correct one. Each wrong consumer overrides the one behaviour it gets
 * wrong. The timeout set on this consumer is handed to the delegate at each call, since the base class keeps it.
 */
class ForwardingConsumer extends AbstractMessageBusConsumerPlugin {
    protected final AbstractMessageBusConsumerPlugin delegate;

    ForwardingConsumer(AbstractMessageBusConsumerPlugin delegate) {
        super(Map.of());
        this.delegate = delegate;
    }

    /** The timeout the delegate should use for this consumer's timeout; wrong consumers change it. */
    protected Integer delegateTimeout(Integer timeoutMs) {
        return timeoutMs;
    }

    protected final AbstractMessageBusConsumerPlugin synced() {
        delegate.setTimeout(delegateTimeout(timeoutMs()));
        return delegate;
    }

    @Override
    public void open() {
        delegate.open();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void seekToBeginning() {
        delegate.seekToBeginning();
    }

    @Override
    public void seek(Offset offset) {
        delegate.seek(offset);
    }

    @Override
    public void seekAfter(Offset offset) {
        synced().seekAfter(offset);
    }

    @Override
    public Optional<Event> findNextEventOfCategory(String category) {
        return synced().findNextEventOfCategory(category);
    }

    @Override
    public Iterator<Event> iterator() {
        Iterator<Event> events = synced().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                synced();
                return events.hasNext();
            }

            @Override
            public Event next() {
                return events.next();
            }
        };
    }
}
