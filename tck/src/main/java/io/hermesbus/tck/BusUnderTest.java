package io.hermesbus.tck;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.OffsetKind;
import java.time.Duration;

/**
 * One fresh, empty bus that the kit tests, made by the plugin author's
 * {@link MessageBusConsumerVerification#createBus()} for every test.
 *
 * <p>The kit publishes through {@link #newProducer()} and reads through {@link #newConsumer()}; it opens and closes
 * every plugin it asks for. Besides that, the author declares what the bus can do; a rule that needs a capability
 * the bus does not declare is reported as not applicable, naming the declaration, never as passed.
 */
public abstract class BusUnderTest implements AutoCloseable {

    /** A new, unopened producer on this bus. */
    public abstract AbstractMessageBusProducerPlugin newProducer();

    /** A new, unopened consumer on this bus. Each call gives an independent consumer. */
    public abstract AbstractMessageBusConsumerPlugin newConsumer();

    /** The kind of offset this bus's consumers give. Rules check that every offset is of this kind. */
    public abstract OffsetKind offsetKind();

    /**
     * Whether the kit may trigger retention with {@link #retainNewest(int)}. Buses without retention keep the
     * default, {@code false}, and the retention rules (7.x) are reported as not applicable.
     */
    public boolean supportsRetention() {
        return false;
    }

    /**
     * Deletes all but the newest {@code count} events, as the bus's own retention would (Kafka's
     * {@code deleteRecords}, a file bus dropping old segments). Called only when {@link #supportsRetention()}.
     */
    public void retainNewest(int count) {
        throw new UnsupportedOperationException("retainNewest called on a bus that does not declare supportsRetention()");
    }

    /**
     * Whether the kit may publish from another thread while a consumer waits (live tail, timeouts that restart
     * after each event). {@code true} unless the bus cannot deliver across threads; rules 4.x that need it are
     * otherwise not applicable.
     */
    public boolean supportsPublishingWhileConsuming() {
        return true;
    }

    /**
     * Whether the kit may write raw text, not an event, where an event's JSON goes, with {@link #publishRaw}. Buses
     * that store events as JSON should declare it, so that the kit checks how their consumers report malformed
     * JSON (rule 8.2).
     */
    public boolean supportsRawPublishing() {
        return false;
    }

    /**
     * Puts {@code text} on the bus as if it were an event's JSON, under {@code category}. Called only when
     * {@link #supportsRawPublishing()}.
     */
    public void publishRaw(String category, String text) {
        throw new UnsupportedOperationException("publishRaw called on a bus that does not declare supportsRawPublishing()");
    }

    /**
     * How long after {@code send} returned an event may take before a consumer can read it. {@link Duration#ZERO}
     * (the default) promises that a consumer with timeout 0 sees it at once, as in-process and file buses do; a
     * networked bus declares its worst case here. The kit waits this long, scaled, wherever it expects an event.
     */
    public Duration deliveryDelay() {
        return Duration.ZERO;
    }

    /** Releases the bus after a test (deletes its files, drops its topic). The default does nothing. */
    @Override
    public void close() {
    }
}
