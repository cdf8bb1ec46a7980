package io.hermesbus.api;

import java.util.Map;
import java.util.Objects;

/**
 * A message bus producer plugin: how Hermes' server publishes events. The Java form of Hermes'
 * {@code AbstractMessageBusProducerPlugin}: {@link #send} is final and calls the plugin's {@link #doSend}, turning
 * any failure into a {@link FailedToSendEventException}. The event's {@link Event#evcategory()} is the message
 * key by which consumers filter.
 *
 * <p>Unless the plugin documents otherwise, an instance may be used from several threads at once.
 */
public abstract class AbstractMessageBusProducerPlugin implements AutoCloseable {
    private final Settings settings;

    /** Keeps an unmodifiable copy of {@code settings}; does no I/O. */
    protected AbstractMessageBusProducerPlugin(Map<String, ?> settings) {
        this.settings = Settings.of(settings);
    }

    /** The settings this plugin was made with (unmodifiable). */
    public final Settings settings() {
        return settings;
    }

    /** Connects to the bus. May be called again after {@link #close()}. */
    public abstract void open();

    /** Disconnects. Idempotent. */
    @Override
    public abstract void close();

    /**
     * Publishes {@code event}. When this returns, consumers can read the event (after the events sent before
     * it by this producer); how durable it is, the plugin documents.
     *
     * @throws NullPointerException if {@code event} is null
     * @throws NotOpenException if the producer is not open (nothing was sent)
     * @throws FailedToSendEventException if the plugin failed to send; its cause is the plugin's error
     */
    public final void send(Event event) {
        Objects.requireNonNull(event, "event");
        try {
            doSend(event);
        } catch (NotOpenException | FailedToSendEventException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // keep the interrupt visible to the caller, as consumers do
            }
            throw new FailedToSendEventException("failed to send " + event + " with "
                    + getClass().getSimpleName() + ": " + e, e);
        }
    }

    /**
     * Publishes {@code event}, which is not null. Throw {@link NotOpenException} when not open; any other
     * exception reaches the caller of {@link #send} as the cause of a {@link FailedToSendEventException}.
     */
    protected abstract void doSend(Event event) throws Exception;
}
