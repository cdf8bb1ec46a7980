package io.hermesbus.kafka;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.Settings;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.BusUnderTestFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Fresh Kafka buses for the conformance kit ({@code hermes-bus verify kafka --set servers=host:9092}, and this
 * module's kit tests), on the brokers the user's settings name: for every bus a new topic with one partition and
 * the brokers' default replication factor, created with an admin client and deleted on close. The topic is called
 * after the user's {@code topic} ({@code hermes-bus-verify} if none) plus a unique suffix; {@code group_id} is the
 * user's, else {@code hermes-bus-verify}; {@code partition} is dropped (the topic has one). Everything else, such
 * as {@code ssl}, {@code sasl} and {@code properties}, applies to the plugins and to the kit's own clients alike.
 *
 * <p>Declares retention (Kafka's {@code deleteRecords}) and raw publishing (a record whose key is the category
 * and whose value is the raw text, sent by a bare producer of bytes configured as the bus's producer).
 *
 * <p>Compiled against the kit, which this module's users never need: Hermes never loads this class.
 */
public final class KafkaBusUnderTestFactory implements BusUnderTestFactory {
    /** The name of the kit's consumer group, and of its topics (before their suffix), unless the user gives theirs. */
    private static final String DEFAULT_NAME = "hermes-bus-verify";
    /** Kafka's longest topic name, less the unique suffix ("-" and a UUID). */
    private static final int MAX_TOPIC_PREFIX = 249 - 37;

    private final KafkaBusProvider provider = new KafkaBusProvider();

    /**
     * Creates the bus's topic, so this is where the brokers are first reached.
     *
     * @throws InvalidSettingsException naming the setting, if one is missing ({@code servers}), unknown or invalid,
     *     or naming {@code servers} if no broker answers within the producer's {@code max.block.ms} (10 s unless
     *     {@code properties} says otherwise)
     * @throws io.hermesbus.api.HermesBusException if the brokers refuse to create the topic (authentication,
     *     authorization)
     */
    @Override
    public BusUnderTest create(Map<String, ?> settings) {
        String topicName = topicPrefix(Settings.of(settings)) + "-" + UUID.randomUUID();
        Map<String, Object> fresh = new LinkedHashMap<>(settings);
        fresh.put(KafkaBusSettings.TOPIC, topicName);
        fresh.putIfAbsent(KafkaBusSettings.GROUP_ID, DEFAULT_NAME);
        fresh.remove(KafkaBusSettings.PARTITION);
        FreshTopic topic = FreshTopic.create(KafkaBusSettings.from(Settings.of(fresh, KafkaBusSettings.SECRETS)));
        return new BusUnderTest(provider, fresh, OffsetKind.INT)
                .withRetention(topic::retainNewest)
                .withRawPublishing((category, text) -> topic.publishRaw(category.getBytes(StandardCharsets.UTF_8),
                        text.getBytes(StandardCharsets.UTF_8)))
                .onClose(topic::close);
    }

    @Override
    public String busName() {
        return provider.name();
    }

    private static String topicPrefix(Settings given) {
        String prefix = given.optionalString(KafkaBusSettings.TOPIC).orElse(DEFAULT_NAME);
        if (prefix.length() > MAX_TOPIC_PREFIX) {
            throw new InvalidSettingsException(KafkaBusSettings.TOPIC, "starts the name of every topic the kit makes, which"
                    + " gets a unique suffix of 37 characters; give at most " + MAX_TOPIC_PREFIX + " characters, got " + prefix.length());
        }
        return prefix;
    }
}
