package io.hermesbus.memory;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.NotOpenException;
import java.util.Map;

/**
 * Publishes to a {@link MemoryBus}. Settings: {@code name}, {@code offset_kind}, {@code first_offset},
 * {@code offset_step}, {@code max_events} (see the README). When {@code send} returns, every consumer of the bus can
 * read the event at once. Nothing survives the JVM. May be used from several threads at once.
 */
public final class MemoryBusProducer extends AbstractMessageBusProducerPlugin {
    private final MemoryBusSettings busSettings;
    /** The bus while open, null while closed; volatile because several threads may send. */
    private volatile MemoryBus bus;

    /**
     * Keeps and checks the settings; does not touch any bus.
     *
     * @param settings {@code name}, {@code offset_kind}, {@code first_offset}, {@code offset_step}, {@code max_events},
     *     as the module's README lists them; all optional (an empty map is the bus {@code "default"})
     * @throws InvalidSettingsException naming a setting that is unknown or holds a bad value
     */
    public MemoryBusProducer(Map<String, ?> settings) {
        super(settings);
        this.busSettings = MemoryBusSettings.from(settings());
    }

    /**
     * Joins the bus named by the settings, creating it if no plugin has yet.
     *
     * @throws InvalidSettingsException if the bus exists with other settings than the name; the producer stays
     *     closed
     */
    @Override
    protected void doOpen() {
        bus = MemoryBus.openShared(busSettings);
    }

    /** Leaves the bus. */
    @Override
    protected void doClose() {
        bus = null;
    }

    /**
     * Appends the event with the next offset and the current time, then, with {@code max_events}, deletes the
     * oldest events beyond it.
     *
     * @throws NotOpenException if not open; nothing was sent
     * @throws IllegalStateException (the cause of {@code send}'s {@code FailedToSendEventException}) if the bus's
     *     offsets are used up: {@code first_offset} and {@code offset_step} leave no offset for another event; nothing
     *     was sent
     */
    @Override
    protected void doSend(Event event) {
        MemoryBus open = bus;
        if (open == null) {
            throw NotOpenException.of(this, "send");
        }
        open.publish(event);
    }
}
