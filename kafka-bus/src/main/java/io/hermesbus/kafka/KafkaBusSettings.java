package io.hermesbus.kafka;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.Secrets;
import io.hermesbus.api.Settings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of a Kafka bus plugin, in Hermes' terms, checked without I/O. One settings map serves both
 * plugins, as in Hermes: each accepts every name below and ignores those that are not its own. The table with
 * defaults and meanings is in the module's README.
 */
final class KafkaBusSettings {
    static final String SERVERS = "servers";
    static final String TOPIC = "topic";
    static final String GROUP_ID = "group_id";
    static final String PARTITION = "partition";
    static final String SSL = "ssl";
    static final String SASL = "sasl";
    static final String MAX_REQUEST_SIZE = "max_request_size";
    static final String API_VERSION = "api_version";
    static final String PROPERTIES = "properties";
    static final Set<String> KNOWN = Set.of(SERVERS, TOPIC, GROUP_ID, PARTITION, SSL, SASL, MAX_REQUEST_SIZE,
            API_VERSION, PROPERTIES);

    /**
     * The settings that hold secrets, at any depth ({@link io.hermesbus.api.MessageBusProvider#secretSettings()}); a
     * secret Kafka property under {@code properties} ({@code sasl.jaas.config}, {@code ssl.key.password}) is known by
     * its name ({@link Secrets#looksSecret}).
     */
    static final Set<String> SECRETS = Set.of(SaslSettings.PASSWORD, SslSettings.TRUSTSTORE_PASSWORD,
            SslSettings.KEYSTORE_PASSWORD, SslSettings.KEY_PASSWORD);

    static final int DEFAULT_PORT = 9092;
    static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

    // host or [IPv6], then an optional port
    private static final Pattern SERVER = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^:\\s\\[\\]/]+)(?::(\\d{1,5}))?");
    // Kafka's own rule for topic names
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final List<String> servers;
    private final String topic;
    private final Optional<String> groupId;
    private final OptionalInt partition;
    private final Optional<SslSettings> ssl;
    private final Optional<SaslSettings> sasl;
    private final int maxRequestSize;
    private final Map<String, String> properties;
    private final Secrets secrets;

    private KafkaBusSettings(Settings settings) {
        secrets = settings.secrets();
        settings.rejectUnknown(KNOWN);
        servers = servers(settings);
        topic = topic(settings);
        groupId = settings.optionalString(GROUP_ID).map(text -> {
            if (text.isBlank()) {
                throw new InvalidSettingsException(GROUP_ID, "must not be blank; give the consumer group name (for example \"hermes-grp\")");
            }
            return text;
        });
        partition = settings.has(PARTITION)
                ? OptionalInt.of((int) settings.longValue(PARTITION, 0, 0, Integer.MAX_VALUE))
                : OptionalInt.empty();
        ssl = SettingsSection.of(settings, SSL, "cafile, certfile, keyfile (PEM) or truststore, keystore (Java)").map(SslSettings::from);
        sasl = SettingsSection.of(settings, SASL, "mechanism, username, password").map(SaslSettings::from);
        maxRequestSize = (int) settings.longValue(MAX_REQUEST_SIZE, DEFAULT_MAX_REQUEST_SIZE, 1, Integer.MAX_VALUE);
        checkApiVersion(settings.asMap().get(API_VERSION));
        properties = KafkaClientProperties.passThrough(settings.asMap().get(PROPERTIES), managedPropertyNames());
    }

    /**
     * Reads and checks {@code settings}.
     *
     * @throws InvalidSettingsException naming the first setting that is unknown, missing, of the wrong type or out
     *     of range
     */
    static KafkaBusSettings from(Settings settings) {
        return new KafkaBusSettings(settings);
    }

    /** {@code host:port} of each server, in the order given. */
    List<String> servers() {
        return servers;
    }

    String topic() {
        return topic;
    }

    /**
     * The consumer group, which Hermes requires of a consumer.
     *
     * @throws InvalidSettingsException if {@code group_id} is absent
     */
    String requiredGroupId() {
        return groupId.orElseThrow(() -> new InvalidSettingsException(GROUP_ID, "is missing; a consumer needs it, as in "
                + "Hermes (for example \"hermes-grp\"); it names the client to the brokers, and no offset is ever committed for it"));
    }

    OptionalInt partition() {
        return partition;
    }

    Optional<SslSettings> ssl() {
        return ssl;
    }

    Optional<SaslSettings> sasl() {
        return sasl;
    }

    int maxRequestSize() {
        return maxRequestSize;
    }

    /** The Kafka client properties given under {@code properties}, as text. */
    Map<String, String> passThroughProperties() {
        return properties;
    }

    /** The secrets of these settings, to scrub from what Kafka says. */
    Secrets secrets() {
        return secrets;
    }

    /** {@code security.protocol} for the {@code ssl} and {@code sasl} settings; empty when neither is given. */
    Optional<String> securityProtocol() {
        if (ssl.isPresent()) {
            return Optional.of(sasl.isPresent() ? "SASL_SSL" : "SSL");
        }
        return sasl.isPresent() ? Optional.of("SASL_PLAINTEXT") : Optional.empty();
    }

    /** Each Kafka property that a Hermes setting sets, mapped to that setting. */
    private Map<String, String> managedPropertyNames() {
        Map<String, String> managed = new LinkedHashMap<>();
        managed.put("bootstrap.servers", SERVERS);
        managed.put("group.id", GROUP_ID);
        managed.put("max.request.size", MAX_REQUEST_SIZE);
        securityProtocol().ifPresent(protocol -> managed.put("security.protocol", ssl.isPresent() ? SSL : SASL));
        ssl.ifPresent(s -> s.propertyNames().forEach(name -> managed.put(name, SSL)));
        sasl.ifPresent(s -> s.kafkaProperties().keySet().forEach(name -> managed.put(name, SASL)));
        return managed;
    }

    private static List<String> servers(Settings settings) {
        Object value = settings.asMap().get(SERVERS);
        List<String> given = new ArrayList<>();
        if (value == null) {
            throw new InvalidSettingsException(SERVERS, "is missing; give the Kafka servers as a list of \"host:port\" "
                    + "(for example [\"kafka1.example.com:9093\"]) or as one text \"host:port,host:port\"");
        } else if (value instanceof String text) {
            given.addAll(List.of(text.split(",", -1)));
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof String text)) {
                    throw new InvalidSettingsException(SERVERS, "must list \"host:port\" texts, got "
                            + Settings.describe(item));
                }
                given.add(text);
            }
        } else {
            throw new InvalidSettingsException(SERVERS, "must be a list of \"host:port\" texts or one text, got "
                    + Settings.describe(value));
        }
        if (given.isEmpty()) {
            throw new InvalidSettingsException(SERVERS, "is empty; give at least one \"host:port\"");
        }
        List<String> servers = new ArrayList<>();
        for (String server : given) {
            servers.add(server(server.trim()));
        }
        return Collections.unmodifiableList(servers);
    }

    private static String server(String text) {
        Matcher matcher = SERVER.matcher(text);
        if (!matcher.matches()) {
            throw new InvalidSettingsException(SERVERS, "\"" + text + "\" is not a server address; give \"host:port\", "
                    + "for example \"kafka1.example.com:9093\" (\"[::1]:9092\" for an IPv6 address)");
        }
        if (matcher.group(2) == null) {
            return matcher.group(1) + ":" + DEFAULT_PORT;
        }
        int port = Integer.parseInt(matcher.group(2));
        if (port < 1 || port > 65535) {
            throw new InvalidSettingsException(SERVERS, "\"" + text + "\" has port " + port + "; a port is from 1 to 65535");
        }
        return matcher.group(1) + ":" + port;
    }

    private static String topic(Settings settings) {
        String text = settings.optionalString(TOPIC).orElseThrow(() -> new InvalidSettingsException(TOPIC,
                "is missing; give the Kafka topic that carries the bus (for example \"hermes\")"));
        if (!TOPIC_NAME.matcher(text).matches() || text.equals(".") || text.equals("..")) {
            throw new InvalidSettingsException(TOPIC, "\"" + text + "\" is not a Kafka topic name; a topic name is 1 to 249 "
                    + "characters among letters, digits, '.', '_' and '-' (and not \".\" or \"..\")");
        }
        return text;
    }

    /** Hermes' Python client pins the Kafka protocol version with it; the Java client negotiates it, so it is only checked. */
    private static void checkApiVersion(Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof List<?> list && !list.isEmpty()
                && list.stream().allMatch(item -> item instanceof Integer || item instanceof Long)) {
            return;
        }
        throw new InvalidSettingsException(API_VERSION, "must be a list of whole numbers such as [2, 6, 0], got " + Settings.describe(value)
                + "; it is accepted for Hermes' configurations and has no effect (the Java client negotiates the version)");
    }

    @Override
    public String toString() {
        return "kafka{servers=" + servers + ", topic=" + topic + groupId.map(g -> ", group_id=" + g).orElse("")
                + (partition.isPresent() ? ", partition=" + partition.getAsInt() : "")
                + ssl.map(s -> ", " + s).orElse("") + sasl.map(s -> ", " + s).orElse("")
                + (properties.isEmpty() ? "" : ", properties=" + new TreeSet<>(properties.keySet())) + "}";
    }
}
