package ${package};

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import java.util.Map;

/**
 * Sends each event to the end of the bus. The base class keeps the open state and wraps a failure of
 * {@code doSend} in {@code FailedToSendEventException}. REPLACE the store with your bus's client: connect in
 * {@code doOpen()}, release in {@code doClose()}.
 */
public final class ${busClass}Producer extends AbstractMessageBusProducerPlugin {
    private final String busName;
    private volatile ${busClass}Store store;

    /** Checks the settings; does no I/O. @throws io.hermesbus.api.InvalidSettingsException naming a bad setting */
    public ${busClass}Producer(Map<String, ?> settings) {
        super(settings);
        settings().rejectUnknown(${busClass}Provider.SETTINGS);
        this.busName = settings().requiredString(${busClass}Provider.NAME);
    }

    @Override
    protected void doOpen() {
        store = ${busClass}Store.named(busName);
    }

    @Override
    protected void doSend(Event event) {
        store.append(event.toJson());
    }
}
