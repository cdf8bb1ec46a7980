package com.example.dirbus;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.ConsumerInterruptedException;
import io.hermesbus.api.Event;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.NotOpenException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.OffsetOutOfRangeException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;

/**
 * Reads the bus folder file by file; its position is the offset of the next file to read. A caught-up consumer
 * looks for the next file every {@code poll_interval_ms}. Used by one thread at a time.
 */
public final class DirBusConsumer extends AbstractMessageBusConsumerPlugin {
    private final DirBusFolder folder;
    private final int pollIntervalMs;
    private boolean open;
    private long position;

    /** @throws InvalidSettingsException naming a bad setting */
    public DirBusConsumer(Map<String, ?> settings) {
        super(settings);
        DirBusSettings checked = DirBusSettings.from(settings());
        this.folder = new DirBusFolder(checked.folder());
        this.pollIntervalMs = checked.pollIntervalMs();
    }

    /** @throws InvalidSettingsException on {@code path} when the folder does not exist (a producer creates it) */
    @Override
    public void open() {
        if (!Files.isDirectory(folder.path())) {
            throw new InvalidSettingsException(DirBusSettings.PATH, "no folder " + folder.path()
                    + "; open a producer first, or create it");
        }
        open = true;
        position = folder.oldest();
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public void seekToBeginning() {
        requireOpen("seekToBeginning");
        position = folder.oldest();
    }

    @Override
    public void seek(Offset offset) {
        requireOpen("seek");
        long wanted = ((Offset.IntOffset) offset.requireKind(OffsetKind.INT)).value();
        long oldest = folder.oldest();
        long end = folder.next();
        if (wanted < oldest || wanted > end) {
            throw new OffsetOutOfRangeException("cannot seek to offset " + offset + " on dir bus " + folder.path()
                    + ": accepted offsets are " + (oldest < end ? oldest + " to " + (end - 1) + ", or " : "") + end
                    + " to wait for the next event");
        }
        position = wanted;
    }

    @Override
    public Iterator<Event> iterator() {
        return new Iterator<>() {
            private boolean ended;

            @Override
            public boolean hasNext() {
                return peek() != null;
            }

            @Override
            public Event next() {
                Event event = peek();
                if (event == null) {
                    throw new NoSuchElementException("no event arrived within the timeout");
                }
                position = event.offset() instanceof Offset.IntOffset i ? i.value() + 1 : position;
                return event;
            }

            /** The event at the position, waiting for it up to the timeout; null (and ended) when none came. */
            private Event peek() {
                requireOpen("iterate");
                if (ended) {
                    return null;
                }
                Integer timeout = timeoutMs();
                long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
                while (true) {
                    Event event = folder.read(position);
                    if (event != null) {
                        return event;
                    }
                    long leftMs = timeout == null ? pollIntervalMs : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (leftMs <= 0) {
                        ended = true;
                        return null;
                    }
                    try {
                        Thread.sleep(Math.min(pollIntervalMs, leftMs));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new ConsumerInterruptedException("interrupted while waiting for the event at offset "
                                + position + " of dir bus " + folder.path(), e);
                    }
                }
            }
        };
    }

    private void requireOpen(String operation) {
        if (!open) {
            throw NotOpenException.of(this, operation);
        }
    }
}
