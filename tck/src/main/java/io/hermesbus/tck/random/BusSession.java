package io.hermesbus.tck.random;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.tck.BusUnderTest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One fresh bus with what every sequence starts from: an open producer and the open consumers A and B, both at the
 * beginning, with the timeout the bus's declared delivery delay needs. Used by one thread at a time (the replay's
 * worker), as the consumer contract asks.
 */
final class BusSession {
    private final BusUnderTest bus;
    private final BusFeatures features;
    private final AbstractMessageBusProducerPlugin producer;
    private final Map<ConsumerId, AbstractMessageBusConsumerPlugin> consumers;

    private BusSession(BusUnderTest bus, BusFeatures features, AbstractMessageBusProducerPlugin producer,
                       Map<ConsumerId, AbstractMessageBusConsumerPlugin> consumers) {
        this.bus = bus;
        this.features = features;
        this.producer = producer;
        this.consumers = consumers;
    }

    /** How {@link #open} sets a bus up, for the failure message. */
    static String setUpDescription() {
        return "a fresh bus from the supplier; its producer opened; consumers A and B opened, setTimeout(the declared"
                + " deliveryDelay in ms), seekToBeginning()";
    }

    /**
     * Takes a bus from {@code freshBus} and sets it up; on any failure closes what it opened and rethrows, so that
     * the failure is reported as the set-up step's.
     */
    static BusSession open(Supplier<BusUnderTest> freshBus) {
        BusUnderTest bus = freshBus.get();
        if (bus == null) {
            throw new IllegalStateException("the bus supplier returned null instead of a fresh BusUnderTest");
        }
        List<AutoCloseable> opened = new ArrayList<>();
        opened.add(bus);
        try {
            BusFeatures features = BusFeatures.of(bus);
            AbstractMessageBusProducerPlugin producer = bus.newProducer();
            opened.add(0, producer);
            producer.open();
            Map<ConsumerId, AbstractMessageBusConsumerPlugin> consumers = new EnumMap<>(ConsumerId.class);
            for (ConsumerId id : ConsumerId.values()) {
                AbstractMessageBusConsumerPlugin consumer = bus.newConsumer();
                opened.add(0, consumer);
                consumer.setTimeout(features.consumerTimeoutMillis());
                consumer.open();
                consumer.seekToBeginning();
                consumers.put(id, consumer);
            }
            return new BusSession(bus, features, producer, consumers);
        } catch (RuntimeException | Error e) {
            closeAll(opened);
            throw e;
        }
    }

    BusUnderTest bus() {
        return bus;
    }

    BusFeatures features() {
        return features;
    }

    AbstractMessageBusProducerPlugin producer() {
        return producer;
    }

    AbstractMessageBusConsumerPlugin consumer(ConsumerId id) {
        return consumers.get(id);
    }

    /**
     * Closes consumers, producer and bus, ignoring their errors: whether closing works is checked by other rules,
     * and an error here must not hide the divergence being reported.
     */
    void closeQuietly() {
        List<AutoCloseable> all = new ArrayList<>(consumers.values());
        all.add(producer);
        all.add(bus);
        closeAll(all);
    }

    private static void closeAll(List<AutoCloseable> closeables) {
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception | Error ignored) {
                // Best effort; see closeQuietly.
            }
        }
    }
}
