package com.example.wrong;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Deadline;
import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.OffsetOutOfRangeException;
import java.util.List;
import java.util.Map;

/** A correct consumer of a {@link WrongBusEvents} list but for one fault: seek(o) positions after o (rule 3.3). */
final class OffByOneSeekConsumer extends AbstractMessageBusConsumerPlugin {
    private final List<Event> events;
    private int position;

    OffByOneSeekConsumer(Map<String, ?> settings) {
        super(settings);
        this.events = WrongBusEvents.named(settings().requiredString("name"));
    }

    @Override
    protected OffsetKind offsetKind() {
        return OffsetKind.INT;
    }

    @Override
    protected void doOpen() {
        position = 0;
    }

    @Override
    protected void doSeekToBeginning() {
        position = 0;
    }

    @Override
    protected void doSeek(Offset offset) {
        long wanted = ((Offset.IntOffset) offset).value();
        synchronized (events) {
            if (wanted < 0 || wanted > events.size()) {
                throw new OffsetOutOfRangeException("offset " + wanted + " is outside 0.." + events.size());
            }
        }
        position = (int) wanted + 1; // the fault: one too far
    }

    @Override
    protected Offset awaitRecord(Deadline deadline) throws InterruptedException {
        synchronized (events) {
            while (position >= events.size()) {
                if (deadline.passed()) {
                    return null;
                }
                events.wait(deadline.isNever() ? 0 : deadline.remainingMs());
            }
        }
        return Offset.of(position);
    }

    @Override
    protected Event readRecord() {
        synchronized (events) {
            return events.get(position);
        }
    }

    @Override
    protected void advance() {
        position++;
    }

    @Override
    protected String describePosition() {
        return "offset " + position + " of the wrong bus";
    }
}
