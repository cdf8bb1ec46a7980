package com.example.dirbus;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Deadline;
import io.hermesbus.api.Event;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.OffsetOutOfRangeException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Reads the bus folder file by file; its position is the offset of the next file to read. A caught-up consumer
 * looks for the next file every {@code poll_interval_ms}. The base class does the rest: open checks, iteration,
 * timeouts, interrupts, {@code seekAfter}, category search.
 */
public final class DirBusConsumer extends AbstractMessageBusConsumerPlugin {
    private final DirBusFolder folder;
    private final int pollIntervalMs;
    private long position;

    /** @throws InvalidSettingsException naming a bad setting */
    public DirBusConsumer(Map<String, ?> settings) {
        super(settings);
        DirBusSettings checked = DirBusSettings.from(settings());
        this.folder = new DirBusFolder(checked.folder());
        this.pollIntervalMs = checked.pollIntervalMs();
    }

    @Override
    protected OffsetKind offsetKind() {
        return OffsetKind.INT;
    }

    /** @throws InvalidSettingsException on {@code path} when the folder does not exist (a producer creates it) */
    @Override
    protected void doOpen() {
        if (!Files.isDirectory(folder.path())) {
            throw new InvalidSettingsException(DirBusSettings.PATH, "no folder " + folder.path()
                    + "; open a producer first, or create it");
        }
        position = folder.oldest();
    }

    @Override
    protected void doSeekToBeginning() {
        position = folder.oldest();
    }

    @Override
    protected void doSeek(Offset offset) {
        long wanted = ((Offset.IntOffset) offset).value();
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
    protected Offset awaitRecord(Deadline deadline) throws InterruptedException {
        while (!folder.has(position)) {
            if (deadline.passed()) {
                return null;
            }
            deadline.sleep(pollIntervalMs);
        }
        return Offset.of(position);
    }

    @Override
    protected Event readRecord() {
        return folder.read(position);
    }

    @Override
    protected void advance() {
        position++;
    }

    @Override
    protected String describePosition() {
        return "offset " + position + " of dir bus " + folder.path();
    }
}
