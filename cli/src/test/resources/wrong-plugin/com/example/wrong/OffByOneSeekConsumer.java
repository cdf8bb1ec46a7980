package com.example.wrong;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/** A correct consumer but for one fault: seek(o) positions after o instead of at it (rule 3.3). */
final class OffByOneSeekConsumer extends AbstractMessageBusConsumerPlugin {
    private final AbstractMessageBusConsumerPlugin delegate;

    OffByOneSeekConsumer(AbstractMessageBusConsumerPlugin delegate) {
        super(Map.of());
        this.delegate = delegate;
    }

    /** The base class keeps the timeout; the delegate needs it at every call. */
    private AbstractMessageBusConsumerPlugin synced() {
        delegate.setTimeout(timeoutMs());
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
        synced().seekAfter(offset); // the fault
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
