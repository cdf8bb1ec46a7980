package io.hermesbus.kafka;

import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;
import java.util.Map;

/**
 * The whole conformance kit against the Kafka bus on a real broker: a fresh single-partition topic per rule
 * (and per sequence of rule 10.1), retention by Kafka's {@code deleteRecords}, malformed JSON written by a bare
 * Kafka producer.
 */
class KafkaBusConformanceTest extends MessageBusConsumerVerification {
    @Override
    protected BusUnderTest createBus() {
        return new KafkaBusUnderTestFactory().create(Map.of("servers", KafkaBroker.shared().bootstrapServers()));
    }

    /** 60 rather than the kit's 200: each sequence makes a topic (0.45 s), and CI's time is bounded. */
    @Override
    protected int modelBasedSequences() {
        return 60;
    }
}
