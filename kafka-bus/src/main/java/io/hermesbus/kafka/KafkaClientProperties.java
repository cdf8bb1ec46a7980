package io.hermesbus.kafka;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka client properties of the plugins: defaults chosen for Hermes (bounded waits), then what the user
 * passes through under {@code properties}, then what the Hermes settings and the bus's rules fix.
 *
 * <p>Defaults that {@code properties} may change (Kafka's own defaults are minutes; a Hermes client should learn of
 * an unreachable broker within seconds):
 * <ul>
 *   <li>consumer {@code default.api.timeout.ms = 10000}: the longest {@code open}, {@code seek}, and the look at the
 *       partition's bounds at the end of a wait take before failing;
 *   <li>consumer and producer {@code request.timeout.ms = 10000}: one request to a broker;
 *   <li>producer {@code max.block.ms = 10000}: how long {@code open} and {@code send} wait for the topic's metadata
 *       (so for an unreachable broker) before failing;
 *   <li>producer {@code delivery.timeout.ms = 30000}: the longest a {@code send} waits for the acknowledgement,
 *       retries included, before failing. This is the plugin's wait, not the Kafka client's: the client itself is
 *       given no delivery timeout (see {@link #producer});
 *   <li>producer {@code linger.ms = 0}: a {@code send} waits for its acknowledgement anyway, so waiting for a batch
 *       to fill would only add latency (Kafka 4's default is 5 ms).
 * </ul>
 */
final class KafkaClientProperties {
    static final Map<String, Object> CONSUMER_DEFAULTS = Map.of(
            ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
            ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    static final Map<String, Object> PRODUCER_DEFAULTS = Map.of(
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
            ProducerConfig.LINGER_MS_CONFIG, 0);

    /** Properties the bus's rules fix, with the reason given when {@code properties} tries to set one. */
    static final Map<String, String> FIXED = Map.ofEntries(
            Map.entry("enable.auto.commit", "the consumer never commits offsets behind the client's back (false)"),
            Map.entry("auto.offset.reset", "a deleted or invalid position is an OffsetOutOfRangeException, never a silent reset (none)"),
            Map.entry("allow.auto.create.topics", "the plugins never create topics; a missing topic is an error (false)"),
            Map.entry("key.deserializer", "keys are read as bytes, compared with the category's UTF-8 bytes"),
            Map.entry("value.deserializer", "values are read as bytes and decoded as Hermes event JSON"),
            Map.entry("key.serializer", "the key is the category's UTF-8 bytes"),
            Map.entry("value.serializer", "the value is the event's JSON (Event.toJson()) in UTF-8"),
            Map.entry("acks", "a send returns once every in-sync replica has the event (all)"),
            Map.entry("enable.idempotence", "retries never duplicate or reorder events (true)"),
            Map.entry("retries", "the producer retries until the broker answers (Integer.MAX_VALUE): an event Kafka gave up on"
                    + " after sending it might be stored or not, and sending it again could store it twice"),
            Map.entry("transactional.id", "the producer is not transactional: each send is stored on its own"));

    private static final Set<String> KNOWN = knownNames();

    private KafkaClientProperties() {
    }

    /**
     * The {@code properties} setting as text values, checked: every name must be a Kafka consumer or producer
     * property, and none may be one that a Hermes setting or the bus's rules set.
     *
     * @param value the setting's value (null when absent)
     * @param managed the Kafka properties set by Hermes settings, each mapped to its setting
     * @throws InvalidSettingsException naming {@code properties} and the offending property
     */
    static Map<String, String> passThrough(Object value, Map<String, String> managed) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidSettingsException(KafkaBusSettings.PROPERTIES, "must be a map of Kafka client properties "
                    + "(for example {\"client.id\": \"hermes-client\"}), got " + value.getClass().getSimpleName());
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (FIXED.containsKey(name)) {
                throw invalid(name, "cannot be set: " + FIXED.get(name));
            }
            if (managed.containsKey(name)) {
                throw invalid(name, "is set by the setting '" + managed.get(name) + "'; set that instead");
            }
            if (!KNOWN.contains(name)) {
                throw invalid(name, "is not a Kafka consumer or producer property (is it misspelt?); see "
                        + "https://kafka.apache.org/documentation/#consumerconfigs and #producerconfigs");
            }
            String text = text(name, entry.getValue());
            if (name.equals(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG) && !text.matches("[0-9]{1,9}")) {
                throw invalid(name, "must be a whole number of milliseconds, the longest a send waits for its "
                        + "acknowledgement (for example 30000), got " + text);
            }
            properties.put(name, text);
        }
        return properties;
    }

    /** The properties of the consumer: its defaults, the pass-through ones it knows, then the fixed ones. */
    static Properties consumer(KafkaBusSettings settings) {
        Properties properties = new Properties();
        properties.putAll(CONSUMER_DEFAULTS);
        settings.passThroughProperties().forEach((name, value) -> {
            if (ConsumerConfig.configNames().contains(name)) {
                properties.put(name, value);
            }
        });
        properties.putAll(connection(settings));
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.requiredGroupId());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return properties;
    }

    /**
     * The properties of the producer: its defaults, the pass-through ones it knows, then the fixed ones. Kafka's
     * {@code delivery.timeout.ms} and {@code retries} are unbounded: the Kafka client never abandons a record it may
     * have sent, so a record whose {@code send} gave up waiting ({@link #sendWaitMs}) is still delivered once, by
     * Kafka's idempotent retries, and a caller's retry can wait for that delivery instead of sending a copy.
     */
    static Properties producer(KafkaBusSettings settings) {
        Properties properties = new Properties();
        properties.putAll(PRODUCER_DEFAULTS);
        settings.passThroughProperties().forEach((name, value) -> {
            if (ProducerConfig.configNames().contains(name)) {
                properties.put(name, value);
            }
        });
        properties.putAll(connection(settings));
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, settings.maxRequestSize());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        return properties;
    }

    /**
     * The properties of an admin client that connects as the client with {@code clientProperties} does: those of
     * them an admin client knows (servers, security, timeouts).
     */
    static Properties admin(Properties clientProperties) {
        Properties properties = new Properties();
        for (String name : AdminClientConfig.configNames()) {
            if (clientProperties.containsKey(name)) {
                properties.put(name, clientProperties.get(name));
            }
        }
        return properties;
    }

    /**
     * The properties of an admin client that connects as the producer with {@code producerProperties} does, each
     * of its calls bounded as the producer's wait for metadata ({@code max.block.ms}).
     */
    static Properties adminForProducer(Properties producerProperties) {
        Properties properties = admin(producerProperties);
        int limitMs = (int) Math.min(Integer.MAX_VALUE, millis(producerProperties, ProducerConfig.MAX_BLOCK_MS_CONFIG));
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, limitMs);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) Math.min(limitMs, millis(producerProperties, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG)));
        return properties;
    }

    /**
     * How long a {@code send} waits for the acknowledgement once Kafka has the record: {@code delivery.timeout.ms}
     * as given under {@code properties}, or its default here.
     */
    static long sendWaitMs(KafkaBusSettings settings) {
        return Long.parseLong(settings.passThroughProperties().getOrDefault(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                PRODUCER_DEFAULTS.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG).toString()));
    }

    /** The duration property {@code name}, which is present: set as a number here, or as text by the user. */
    static long millis(Properties properties, String name) {
        return Long.parseLong(properties.get(name).toString());
    }

    /** The servers and security properties; reads the PEM client certificate and key, if any. */
    private static Map<String, Object> connection(KafkaBusSettings settings) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("bootstrap.servers", String.join(",", settings.servers()));
        settings.securityProtocol().ifPresent(protocol -> properties.put("security.protocol", protocol));
        settings.ssl().ifPresent(ssl -> properties.putAll(ssl.kafkaProperties()));
        settings.sasl().ifPresent(sasl -> properties.putAll(sasl.kafkaProperties()));
        return properties;
    }

    private static String text(String name, Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof List<?> list && list.stream().allMatch(item -> item instanceof String || item instanceof Number)) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        throw invalid(name, "must be text, a number, true/false or a list of texts, got "
                + Settings.describe(value));
    }

    private static InvalidSettingsException invalid(String property, String message) {
        return new InvalidSettingsException(KafkaBusSettings.PROPERTIES, "property '" + property + "' " + message);
    }

    private static Set<String> knownNames() {
        Set<String> names = new java.util.HashSet<>(ConsumerConfig.configNames());
        names.addAll(ProducerConfig.configNames());
        return Set.copyOf(names);
    }
}
