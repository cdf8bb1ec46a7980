package io.hermesbus.python;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.python.PythonBusSettings.Role;
import io.hermesbus.python.PythonErrors.Stage;
import java.lang.ref.Cleaner;
import java.util.Map;

/**
 * A producer that drives a Hermes producer plugin written in Python, in a child process (settings in the module's
 * README): {@code open()} and {@code close()} are the plugin's, and {@code send(event)} calls the plugin's
 * {@code send} (Hermes' wrapper around its {@code _send}) with the event read by Hermes' own
 * {@code Event.from_json} from {@link Event#toJson()}. Sends from several threads are serialized: the plugin sees one
 * call at a time, as in Hermes.
 */
public final class PythonBusProducer extends AbstractMessageBusProducerPlugin {
    private static final Cleaner CLEANER = Cleaner.create();

    private final PluginProcess python;

    /**
     * A producer that starts nothing until {@code open()}.
     *
     * @param settings the python bus's settings (module README, "Settings")
     * @throws io.hermesbus.api.InvalidSettingsException naming a setting that is unknown, missing or invalid
     */
    public PythonBusProducer(Map<String, ?> settings) {
        super(settings, PythonBusProvider.SECRETS);
        this.python = new PluginProcess(PythonBusSettings.of(settings(), Role.PRODUCER), Role.PRODUCER, settings().secrets());
        CLEANER.register(this, python);
    }

    @Override
    protected synchronized void doOpen() {
        python.open("open()");
    }

    @Override
    protected synchronized void doClose() {
        try {
            python.call(BridgeProcess.request("close"), Stage.CLOSE, "close()", 0);
        } catch (RuntimeException e) {
            python.kill();
            throw e;
        } finally {
            python.release();
        }
    }

    /** @throws PythonPluginException (wrapped by {@code send}) if the plugin raised, Hermes' FailedToSendEventError for one */
    @Override
    protected synchronized void doSend(Event event) {
        python.call(BridgeProcess.request("send").put("json", event.toJson()), Stage.SEND,
                "send(" + event + ")", 0);
    }
}
