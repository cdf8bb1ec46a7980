package io.hermesbus.api;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A message bus producer plugin: how Hermes' server publishes events. The Java form of Hermes'
 * {@code AbstractMessageBusProducerPlugin}. The public methods are final and hold what every producer shares: the
 * open state ({@code send} while closed is a {@link NotOpenException} and sends nothing) and the wrapping of any
 * failure of {@link #doSend} in a {@link FailedToSendEventException}. A plugin implements {@link #doSend}, and
 * {@link #doOpen} and {@link #doClose} when it holds a connection. The event's {@link Event#evcategory()} is the message key by which consumers
 * filter.
 *
 * <p>Unless the plugin documents otherwise, an instance may be used from several threads at once; {@code open} and
 * {@code close} are serialized.
 */
public abstract class AbstractMessageBusProducerPlugin implements AutoCloseable {
    private final Settings settings;
    private volatile boolean open;

    /**
     * Keeps an unmodifiable copy of {@code settings}; does no I/O. Names that look secret are secret.
     *
     * @param settings the plugin's settings, as Hermes passes them; copied, so later changes to the map are not seen
     */
    protected AbstractMessageBusProducerPlugin(Map<String, ?> settings) {
        this(settings, Set.of());
    }

    /**
     * Keeps an unmodifiable copy of {@code settings}, whose {@code secretSettings} (its provider's
     * {@link MessageBusProvider#secretSettings()}) are never shown; does no I/O.
     *
     * @param settings the plugin's settings, as Hermes passes them; copied, so later changes to the map are not seen
     * @param secretSettings names of settings whose values are masked wherever the settings are shown, in addition to
     *     names that look secret; empty for none
     */
    protected AbstractMessageBusProducerPlugin(Map<String, ?> settings, Set<String> secretSettings) {
        this.settings = Settings.of(settings, secretSettings);
    }

    /**
     * The settings this plugin was made with (unmodifiable).
     *
     * @return the settings, never null; values of secret settings are masked in its {@code toString()}
     */
    public final Settings settings() {
        return settings;
    }

    /**
     * Connects to the bus. May be called again after {@link #close()}; opening an open producer closes it first.
     *
     * @throws HermesBusException if the bus cannot be reached or the settings are invalid; the producer stays closed
     */
    public final synchronized void open() {
        close();
        doOpen();
        open = true;
    }

    /**
     * Disconnects. Idempotent: closing a closed (or never opened) producer does nothing.
     *
     * @throws HermesBusException if the plugin fails to release the bus (what it says is then closed all the same)
     */
    @Override
    public final synchronized void close() {
        if (open) {
            open = false;
            doClose();
        }
    }

    /**
     * Publishes {@code event}. When this returns, consumers can read the event (after the events sent before
     * it by this producer); how durable it is, the plugin documents.
     *
     * @param event the event to publish; only its seven serialized fields travel (the bus gives the offset and
     *     timestamp)
     * @throws NullPointerException if {@code event} is null
     * @throws NotOpenException if the producer is not open (nothing was sent)
     * @throws FailedToSendEventException if the plugin failed to send; its cause is the plugin's error
     */
    public final void send(Event event) {
        Objects.requireNonNull(event, "event");
        if (!open) {
            throw NotOpenException.of(this, "send");
        }
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
     * Connects. Called only while closed; on failure, releases what it acquired and throws. The default does
     * nothing, for a producer that holds no connection.
     */
    protected void doOpen() {
    }

    /** Disconnects and releases what {@link #doOpen} acquired. Called only while open. The default does nothing. */
    protected void doClose() {
    }

    /**
     * Publishes {@code event}, which is not null, while the producer is open. A send on another thread that
     * {@code close()} overtakes may find the connection gone: throw {@link NotOpenException} then. Any other
     * exception reaches the caller of {@link #send} as the cause of a {@link FailedToSendEventException}.
     *
     * @param event the event to publish, not null
     * @throws Exception any failure to send; {@link #send} wraps it in a {@link FailedToSendEventException} (and sets
     *     the interrupt status again for an {@link InterruptedException})
     */
    protected abstract void doSend(Event event) throws Exception;
}
