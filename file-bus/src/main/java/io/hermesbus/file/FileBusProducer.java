package io.hermesbus.file;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.FailedToSendEventException;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.NotOpenException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Appends events to a file bus folder. Several producers, in this and other processes, may append to one folder:
 * each send takes the writers' lock, so their events interleave whole, each producer's in its order (in
 * {@code group} and {@code os} mode a JVM keeps the lock's OS part across sends for about {@code sync_interval_ms}).
 * Settings: see the file-bus README ({@code path}, {@code durability}, segment, index and retention settings).
 *
 * <p>When {@code send} returns, every consumer can read the event, and it is as durable as {@code durability}
 * says: {@code sync} (default) forced to the device, {@code group} forced within {@code sync_interval_ms} or
 * {@code sync_events}, {@code os} left to the operating system. Concurrent sends are written together (group
 * commit: one write, and in {@code sync} one force, for all of them). A send that fails with
 * {@link FailedToSendEventException} may still have left the event in the log when the failure came after the
 * write (a failed force, for instance).
 *
 * <p>With {@code write_behind = true} ({@code group} and {@code os} only), {@code send} returns once the event is
 * in this JVM's buffer; consumers see it once the buffer is written (within {@code sync_interval_ms}, or at
 * {@link #flush()} or {@code close()}), and a process kill loses what was not written yet. A failed write is
 * reported by the next {@code send}, {@link #flush()} or {@code close()}, naming how many acknowledged events it lost.
 *
 * <p>May be used from several threads at once.
 */
public final class FileBusProducer extends AbstractMessageBusProducerPlugin {
    private final FileBusSettings busSettings;
    /** The writer while open, null while closed; volatile because several threads may send. */
    private volatile LogWriter writer;
    /** The last category sent and its UTF-8 bytes, so that a run of one category encodes it once. */
    private volatile EncodedCategory lastCategory = new EncodedCategory("", new byte[0]);

    private record EncodedCategory(String text, byte[] bytes) {
    }

    /**
     * Keeps and checks the settings; does no I/O.
     *
     * @param settings {@code path} (required), {@code durability}, {@code segment_bytes}, the retention settings and
     *     the others the module's README lists for producers
     * @throws InvalidSettingsException naming a setting that is unknown, missing or out of range
     */
    public FileBusProducer(Map<String, ?> settings) {
        super(settings);
        this.busSettings = FileBusSettings.from(settings());
    }

    /**
     * Creates the folder if missing (with its parents), then, under the writers' lock, recovers the log's tail
     * (cuts a torn last record left by a crash) and applies retention.
     *
     * @throws InvalidSettingsException naming {@code path} if it is a file, cannot be created or is not writable
     * @throws CorruptLogException if the last segment holds damage rather than a torn tail (anywhere in it: bad bytes
     *     with valid records after them, a damaged header), or a {@code *.log} file in the folder is not a segment;
     *     nothing is changed then
     */
    @Override
    protected void doOpen() {
        try {
            writer = LogWriter.open(BusFolder.writable(busSettings.path()), busSettings);
        } catch (IOException e) {
            throw new HermesBusException("opening file bus " + busSettings.path() + " for writing failed: " + e, e);
        }
    }

    /**
     * Closes the files; with {@code durability = group}, forces what is not forced yet first.
     *
     * @throws HermesBusException if that last force fails
     */
    @Override
    protected void doClose() {
        LogWriter open = writer;
        writer = null; // sends still running on other threads now fail with NotOpenException
        try {
            open.close();
        } catch (LostEventsException e) {
            throw new FailedToSendEventException("closing file bus " + busSettings.path() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new HermesBusException("closing file bus " + busSettings.path() + " failed: " + e, e);
        }
    }

    /**
     * Writes the events that {@code send} queued with {@code write_behind = true} now, rather than at the next tick
     * of {@code sync_interval_ms}, so that consumers in every process can read them (not forced: {@code durability}
     * says when). Without {@code write_behind} there is never anything to write.
     *
     * @throws NotOpenException if not open
     * @throws FailedToSendEventException naming how many events that {@code send} had acknowledged a failed write
     *     lost (since the last report), or if a background force failed
     */
    public void flush() {
        LogWriter open = writer;
        if (open == null) {
            throw NotOpenException.of(this, "flush");
        }
        try {
            open.flush();
        } catch (IOException e) {
            throw new FailedToSendEventException("flushing file bus " + busSettings.path() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends the event with the next offset and the current time.
     *
     * @throws NotOpenException if not open; nothing was sent
     * @throws io.hermesbus.api.InvalidEventException (as the cause of a {@link FailedToSendEventException}) if the
     *     event is larger than a record may be (64 MiB) or its category longer than 65535 UTF-8 bytes
     */
    @Override
    protected void doSend(Event event) throws IOException {
        LogWriter open = writer;
        if (open == null || !open.append(categoryBytes(event.evcategory()), event.toJsonBytes())) {
            throw NotOpenException.of(this, "send");
        }
    }

    private byte[] categoryBytes(String category) {
        EncodedCategory last = lastCategory;
        if (!last.text().equals(category)) {
            last = new EncodedCategory(category, category.getBytes(StandardCharsets.UTF_8));
            lastCategory = last;
        }
        return last.bytes();
    }
}
