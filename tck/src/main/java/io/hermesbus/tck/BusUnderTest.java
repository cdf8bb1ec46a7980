package io.hermesbus.tck;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.MessageBusProvider;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.Settings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

/**
 * One fresh, empty bus that the kit tests, made for every test by the plugin author's
 * {@link MessageBusConsumerVerification#createBus()} (or {@link BusUnderTestFactory#create}).
 *
 * <p>A bus is described by its plugin's {@link MessageBusProvider}, the settings that name this one bus (a unique
 * name, folder or topic, so that no other bus shares its events) and the kind of offset its consumers give. The
 * kit publishes through {@link #newProducer()} and reads through {@link #newConsumer()}, both made by the provider
 * from those settings; it opens and closes every plugin it asks for. Whatever else the bus can do, the author
 * declares with the {@code with...} methods before handing the bus to the kit, and says how to release it with
 * {@link #onClose}:
 *
 * <pre>{@code
 * new BusUnderTest(new MyBusProvider(), Map.of("topic", topic), OffsetKind.INT)
 *         .withRetention(count -> admin.deleteAllButNewest(topic, count))
 *         .onClose(() -> admin.deleteTopic(topic));
 * }</pre>
 *
 * <p>A rule that needs a capability the bus does not declare is reported as not applicable, naming the
 * declaration, never as passed.
 */
public final class BusUnderTest implements AutoCloseable {
    private final MessageBusProvider provider;
    private final Map<String, Object> settings;
    private final OffsetKind offsetKind;
    private IntConsumer retention;
    private BiConsumer<String, String> rawPublishing;
    private boolean publishingWhileConsuming = true;
    private Duration deliveryDelay = Duration.ZERO;
    private Runnable release = () -> { };

    /**
     * A bus whose plugins {@code provider} makes from {@code settings}, declaring nothing else yet.
     *
     * @param provider the plugin's provider, as Hermes would find it
     * @param settings the settings of every producer and consumer of this bus, copied: they must name a bus no
     *     other {@code BusUnderTest} uses, empty when the test starts
     * @param offsetKind the kind of offset this bus's consumers give; rules check every offset against it
     */
    public BusUnderTest(MessageBusProvider provider, Map<String, ?> settings, OffsetKind offsetKind) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.settings = Settings.of(Objects.requireNonNull(settings, "settings")).asMap();
        this.offsetKind = Objects.requireNonNull(offsetKind, "offsetKind");
    }

    /**
     * Declares that the kit may trigger retention (rules 7.x; otherwise not applicable), and how:
     * {@code retainNewest.accept(count)} deletes all but the newest {@code count} events, as the bus's own
     * retention would (Kafka's {@code deleteRecords}, a file bus dropping old segments). A bus whose retention
     * cannot keep exactly {@code count} events does not declare it.
     *
     * @param retainNewest given a count {@code >= 0}, deletes all but that many newest events (0: all); not null
     * @return this bus
     */
    public BusUnderTest withRetention(IntConsumer retainNewest) {
        this.retention = Objects.requireNonNull(retainNewest, "retainNewest");
        return this;
    }

    /**
     * Declares that the kit may put raw text, not an event, where an event's JSON goes (rule 8.2: how consumers
     * report malformed JSON; otherwise not applicable), and how: {@code publishRaw.accept(category, text)}. Buses
     * that store events as JSON should declare it.
     *
     * @param publishRaw given a category and a text, puts the text on the bus as one record, without checking it; not
     *     null
     * @return this bus
     */
    public BusUnderTest withRawPublishing(BiConsumer<String, String> publishRaw) {
        this.rawPublishing = Objects.requireNonNull(publishRaw, "publishRaw");
        return this;
    }

    /**
     * Declares how long after {@code send} returned an event may take before a consumer can read it; the default,
     * {@link Duration#ZERO}, promises that a consumer with timeout 0 sees it at once, as in-process and file buses
     * do. A networked bus that cannot promise that declares its worst case; the kit waits that long, scaled,
     * wherever it expects an event.
     *
     * @param delay the longest time between {@code send} returning and the event being readable; not null
     * @return this bus
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public BusUnderTest withDeliveryDelay(Duration delay) {
        if (Objects.requireNonNull(delay, "delay").isNegative()) {
            throw new IllegalArgumentException("a delivery delay is zero or more, got " + delay);
        }
        this.deliveryDelay = delay;
        return this;
    }

    /**
     * Declares that the bus cannot deliver an event published on one thread to a consumer waiting on another
     * (live tail, timeouts that restart after each event); the rules that need it are then not applicable.
     *
     * @return this bus
     */
    public BusUnderTest withoutPublishingWhileConsuming() {
        this.publishingWhileConsuming = false;
        return this;
    }

    /**
     * Says what {@link #close()} does after the test: release the bus (delete its files, drop its topic).
     * Without it, closing does nothing.
     *
     * @param release what to run; called once per {@code close()}; not null
     * @return this bus
     */
    public BusUnderTest onClose(Runnable release) {
        this.release = Objects.requireNonNull(release, "release");
        return this;
    }

    /**
     * A new, unopened producer on this bus: the provider's, with {@link #settings()}.
     *
     * @return a new producer, never null; the caller opens and closes it
     */
    public AbstractMessageBusProducerPlugin newProducer() {
        return provider.producer(settings);
    }

    /**
     * A new, unopened consumer on this bus: the provider's, with {@link #settings()}; each call gives an independent
     * one.
     *
     * @return a new consumer, never null; the caller opens and closes it
     */
    public AbstractMessageBusConsumerPlugin newConsumer() {
        return provider.consumer(settings);
    }

    /**
     * The name of the bus: its provider's {@link MessageBusProvider#name() name}, as reports show it.
     *
     * @return the name, not null
     */
    public String busName() {
        return provider.name();
    }

    /** The names of the settings the provider declares secret ({@link MessageBusProvider#secretSettings()}). */
    Set<String> secretSettings() {
        return provider.secretSettings();
    }

    /**
     * The kind of offset this bus's consumers give.
     *
     * @return the kind given to the constructor
     */
    public OffsetKind offsetKind() {
        return offsetKind;
    }

    /**
     * The settings every plugin of this bus is made with, unmodifiable. They may hold secrets (passwords): the kit
     * never prints them (its reports show them with the values of secret-looking names masked), and neither should
     * an adapter.
     *
     * @return a copy of the settings given to the constructor, never null
     */
    public Map<String, Object> settings() {
        return settings;
    }

    /**
     * Whether {@link #withRetention} was declared.
     *
     * @return true if the rules 7.x can run
     */
    public boolean supportsRetention() {
        return retention != null;
    }

    /**
     * Deletes all but the newest {@code count} events, as declared with {@link #withRetention}.
     *
     * @param count how many of the newest events to keep, {@code >= 0}
     * @throws UnsupportedOperationException if {@link #withRetention} was not declared
     */
    public void retainNewest(int count) {
        if (retention == null) {
            throw new UnsupportedOperationException("retainNewest called on a bus that does not declare withRetention(...)");
        }
        retention.accept(count);
    }

    /**
     * Whether {@link #withoutPublishingWhileConsuming()} was not declared.
     *
     * @return true unless the bus declared that it cannot
     */
    public boolean supportsPublishingWhileConsuming() {
        return publishingWhileConsuming;
    }

    /**
     * Whether {@link #withRawPublishing} was declared.
     *
     * @return true if rule 8.2 can run
     */
    public boolean supportsRawPublishing() {
        return rawPublishing != null;
    }

    /**
     * Puts {@code text} on the bus as if it were an event's JSON, under {@code category}, as declared with
     * {@link #withRawPublishing}.
     *
     * @param category the category (message key) of the record, where the bus stores one
     * @param text any text, such as malformed JSON
     * @throws UnsupportedOperationException if {@link #withRawPublishing} was not declared
     */
    public void publishRaw(String category, String text) {
        if (rawPublishing == null) {
            throw new UnsupportedOperationException("publishRaw called on a bus that does not declare withRawPublishing(...)");
        }
        rawPublishing.accept(category, text);
    }

    /**
     * As declared with {@link #withDeliveryDelay}; zero by default.
     *
     * @return the delay, never null nor negative
     */
    public Duration deliveryDelay() {
        return deliveryDelay;
    }

    /** Releases the bus after a test, as declared with {@link #onClose}. */
    @Override
    public void close() {
        release.run();
    }
}
