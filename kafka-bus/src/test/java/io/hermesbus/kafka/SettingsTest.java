package io.hermesbus.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.MessageBuses;
import io.hermesbus.api.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings in Hermes' terms, checked without I/O, and the Kafka client properties made of them. */
class SettingsTest {
    private static final Map<String, Object> BASE = Map.of("servers", List.of("kafka1.example.com:9093"),
            "topic", "hermes", "group_id", "hermes-grp");

    @TempDir
    Path folder;

    private static Map<String, Object> with(Object... keysAndValues) {
        Map<String, Object> settings = new HashMap<>(BASE);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] == null) {
                settings.remove((String) keysAndValues[i]);
            } else {
                settings.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return settings;
    }

    private static KafkaBusSettings settings(Map<String, Object> values) {
        return KafkaBusSettings.from(Settings.of(values));
    }

    private static InvalidSettingsException invalid(Map<String, Object> values) {
        try {
            settings(values);
        } catch (InvalidSettingsException e) {
            return e;
        }
        throw new AssertionError("no InvalidSettingsException for " + values);
    }

    @Test
    void hermesSettingsMakeTheConsumerAndProducerProperties() {
        KafkaBusSettings settings = settings(with("servers", List.of("kafka1.example.com:9093", "kafka2.example.com")));
        Properties consumer = KafkaClientProperties.consumer(settings);
        assertThat(consumer).containsEntry("bootstrap.servers", "kafka1.example.com:9093,kafka2.example.com:9092")
                .containsEntry("group.id", "hermes-grp")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("auto.offset.reset", "none")
                .containsEntry("allow.auto.create.topics", false)
                .containsEntry("default.api.timeout.ms", 10_000)
                .containsEntry("request.timeout.ms", 10_000)
                .doesNotContainKey("security.protocol");
        Properties producer = KafkaClientProperties.producer(settings);
        assertThat(producer).containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("max.request.size", 1_048_576)
                .containsEntry("max.block.ms", 10_000)
                .containsEntry("request.timeout.ms", 10_000)
                .containsEntry("linger.ms", 0)
                .doesNotContainKey("group.id");
        // the Kafka client never abandons a record it may have sent; delivery.timeout.ms is the plugin's own wait
        assertThat(producer).containsEntry("delivery.timeout.ms", Integer.MAX_VALUE).containsEntry("retries", Integer.MAX_VALUE);
        assertThat(KafkaClientProperties.sendWaitMs(settings)).isEqualTo(30_000);
    }

    @Test
    void moreRequestsInFlightThanIdempotenceAllowsAreRefusedAtOpen() {
        // Kafka keeps order and drops duplicates of at most 5 requests in flight; it checks that when the client is made
        AbstractMessageBusProducerPlugin producer = new KafkaBusProducer(
                with("properties", Map.of("max.in.flight.requests.per.connection", 6)));
        assertThatThrownBy(producer::open).isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("properties").hasMessageContaining("max.in.flight.requests.per.connection");
    }

    @Test
    void deliveryTimeoutIsTheLongestASendWaitsAndRetriesCannotBeBounded() {
        KafkaBusSettings settings = settings(with("properties", Map.of("delivery.timeout.ms", "2500")));
        assertThat(KafkaClientProperties.sendWaitMs(settings)).isEqualTo(2_500);
        assertThat(KafkaClientProperties.producer(settings)).containsEntry("delivery.timeout.ms", Integer.MAX_VALUE);
        assertThat(invalid(with("properties", Map.of("delivery.timeout.ms", "soon"))))
                .hasMessageContaining("'delivery.timeout.ms' must be a whole number of milliseconds").hasMessageContaining("got soon");
        assertThat(invalid(with("properties", Map.of("retries", 3))))
                .hasMessageContaining("'retries' cannot be set").hasMessageContaining("could store it twice");
    }

    @Test
    void serversMayBeOneTextWithCommas() {
        assertThat(settings(with("servers", "a.example:1, b.example:2")).servers()).containsExactly("a.example:1", "b.example:2");
        assertThat(settings(with("servers", "[::1]:9092")).servers()).containsExactly("[::1]:9092");
    }

    @Test
    void requiredSettingsAreNamedWhenMissing() {
        assertThat(invalid(with("servers", null)).setting()).isEqualTo("servers");
        assertThat(invalid(with("topic", null)).setting()).isEqualTo("topic");
        assertThatThrownBy(() -> new KafkaBusConsumer(with("group_id", null)))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.setting()).isEqualTo("group_id"))
                .hasMessageContaining("a consumer needs it");
        // a producer has no use for group_id, as in Hermes
        assertThat(new KafkaBusProducer(with("group_id", null))).isNotNull();
    }

    @Test
    void badValuesSayWhatWouldBeRight() {
        assertThat(invalid(with("servers", List.of()))).hasMessageContaining("at least one \"host:port\"");
        assertThat(invalid(with("servers", "kafka:99999"))).hasMessageContaining("a port is from 1 to 65535");
        assertThat(invalid(with("servers", "http://kafka:9092"))).hasMessageContaining("give \"host:port\"");
        assertThat(invalid(with("servers", List.of(9092)))).hasMessageContaining("must list \"host:port\" texts");
        assertThat(invalid(with("topic", "hermes events"))).hasMessageContaining("letters, digits, '.', '_' and '-'");
        assertThat(invalid(with("topic", "x".repeat(250))).setting()).isEqualTo("topic");
        assertThat(invalid(with("partition", -1))).hasMessageContaining("must be from 0");
        assertThat(invalid(with("max_request_size", 0)).setting()).isEqualTo("max_request_size");
        assertThat(invalid(with("api_version", "2.6"))).hasMessageContaining("[2, 6, 0]");
        assertThat(invalid(with("group_id", " "))).hasMessageContaining("must not be blank");
        assertThat(invalid(with("sevrers", "x:1"))).hasMessageContaining("known settings are");
    }

    /** Found by SettingsFuzzTest (input found-stack-overflow-d6535eaf): a StackOverflowError printing the value. */
    @Test
    void valuesNestedAnyDepthAreDescribedByTheirSize() {
        Object deep = "x";
        for (int i = 0; i < 100_000; i++) {
            deep = List.of(deep);
        }
        assertThat(invalid(with("servers", deep))).hasMessageContaining("got a list of 1");
        assertThat(invalid(with("servers", List.of("k:1", deep)))).hasMessageContaining("got a list of 1");
        assertThat(invalid(with("api_version", deep))).hasMessageContaining("got a list of 1");
        assertThat(invalid(with("properties", Map.of("client.id", deep)))).hasMessageContaining("got a list of 1");
        assertThat(invalid(with("ssl", Map.of(deep, "x")))).hasMessageContaining("got the key a list of 1");
    }

    @Test
    void hermesApiVersionIsAcceptedAndHasNoEffect() {
        KafkaBusSettings settings = settings(with("api_version", List.of(2, 6, 0)));
        assertThat(KafkaClientProperties.consumer(settings)).isEqualTo(KafkaClientProperties.consumer(settings(BASE)));
        assertThat(KafkaClientProperties.producer(settings)).isEqualTo(KafkaClientProperties.producer(settings(BASE)));
    }

    @Test
    void passThroughPropertiesReachTheClientThatKnowsThem() {
        KafkaBusSettings settings = settings(with("properties", Map.of("client.id", "hermes-client", "fetch.max.wait.ms", 100,
                "linger.ms", 5, "default.api.timeout.ms", 2000, "ssl.enabled.protocols", List.of("TLSv1.3", "TLSv1.2"))));
        Properties consumer = KafkaClientProperties.consumer(settings);
        Properties producer = KafkaClientProperties.producer(settings);
        assertThat(consumer).containsEntry("client.id", "hermes-client").containsEntry("fetch.max.wait.ms", "100")
                .containsEntry("default.api.timeout.ms", "2000").containsEntry("ssl.enabled.protocols", "TLSv1.3,TLSv1.2")
                .doesNotContainKey("linger.ms");
        assertThat(producer).containsEntry("client.id", "hermes-client").containsEntry("linger.ms", "5")
                .doesNotContainKey("fetch.max.wait.ms");
    }

    @Test
    void propertiesThatTheRulesFixAreRefusedWithTheReason() {
        assertThat(invalid(with("properties", Map.of("enable.auto.commit", true))))
                .hasMessageContaining("'enable.auto.commit' cannot be set").hasMessageContaining("never commits");
        assertThat(invalid(with("properties", Map.of("auto.offset.reset", "earliest"))))
                .hasMessageContaining("never a silent reset");
        assertThat(invalid(with("properties", Map.of("acks", "1")))).hasMessageContaining("(all)");
        assertThat(invalid(with("properties", Map.of("value.deserializer", "x")))).hasMessageContaining("decoded as Hermes event JSON");
    }

    @Test
    void propertiesThatAHermesSettingSetsAreRefusedNamingIt() {
        assertThat(invalid(with("properties", Map.of("bootstrap.servers", "x:1"))))
                .hasMessageContaining("is set by the setting 'servers'");
        assertThat(invalid(with("properties", Map.of("max.request.size", 5)))).hasMessageContaining("'max_request_size'");
        assertThat(invalid(with("sasl", Map.of("mechanism", "PLAIN", "username", "u", "password", "p"),
                "properties", Map.of("sasl.jaas.config", "x")))).hasMessageContaining("is set by the setting 'sasl'");
        // without the sasl setting, Kafka's own SASL properties are the way to other mechanisms
        assertThat(settings(with("properties", Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "GSSAPI")))
                .passThroughProperties()).containsEntry("sasl.mechanism", "GSSAPI");
    }

    @Test
    void misspeltPropertiesAreNeverIgnored() {
        assertThat(invalid(with("properties", Map.of("fetch.max.wait", 100))))
                .hasMessageContaining("'fetch.max.wait' is not a Kafka consumer or producer property");
        assertThat(invalid(with("properties", Map.of("client.id", Map.of())))).hasMessageContaining("must be text, a number");
        assertThat(invalid(with("properties", "client.id=x"))).hasMessageContaining("must be a map of Kafka client properties");
    }

    @Test
    void saslMakesTheJaasConfigurationWithEscapedValues() {
        KafkaBusSettings settings = settings(with("sasl", Map.of("mechanism", "SCRAM-SHA-512", "username", "hermes",
                "password", "pa\"ss\\word")));
        Properties consumer = KafkaClientProperties.consumer(settings);
        assertThat(consumer).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"hermes\" password=\"pa\\\"ss\\\\word\";");
        assertThat(settings.toString()).doesNotContain("pa\"ss");
        assertThat(invalid(with("sasl", Map.of("mechanism", "GSSAPI", "username", "u", "password", "p"))))
                .hasMessageContaining("for other mechanisms leave sasl out");
        assertThat(invalid(with("sasl", Map.of("mechanism", "PLAIN", "username", "u"))).setting()).isEqualTo("sasl.password");
        assertThat(invalid(with("sasl", "PLAIN"))).hasMessageContaining("must be a map of mechanism, username, password");
    }

    @Test
    void sslWithHermesPemFilesIsReadWhenOpeningNotBefore() throws IOException {
        Path ca = Files.writeString(folder.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        Path cert = Files.writeString(folder.resolve("client.crt"), "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n");
        Path key = Files.writeString(folder.resolve("client.pem"), "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");
        KafkaBusSettings settings = settings(with("ssl", Map.of("cafile", ca.toString(), "certfile", cert.toString(),
                "keyfile", key.toString()), "sasl", Map.of("mechanism", "PLAIN", "username", "u", "password", "p")));
        Properties consumer = KafkaClientProperties.consumer(settings);
        assertThat(consumer).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", ca.toString())
                .containsEntry("ssl.keystore.type", "PEM")
                .containsEntry("ssl.keystore.certificate.chain", Files.readString(cert))
                .containsEntry("ssl.keystore.key", Files.readString(key));
        assertThat(settings.toString()).doesNotContain("MIIE");
    }

    @Test
    void sslWithJavaKeystores() {
        KafkaBusSettings settings = settings(with("ssl", Map.of("truststore", "/etc/kafka/truststore.jks",
                "keystore", "/etc/kafka/client.p12", "keystore_password", "secret")));
        assertThat(settings(with("ssl", Map.of("truststore", "/t.jks"))).securityProtocol()).contains("SSL");
        // the files are only looked at when a plugin opens
        assertThatThrownBy(() -> KafkaClientProperties.consumer(settings))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.setting()).isEqualTo("ssl.truststore"))
                .hasMessageContaining("/etc/kafka/truststore.jks does not exist");
        assertThat(settings.toString()).doesNotContain("secret");
    }

    @Test
    void sslCombinationsAreCheckedWithoutIo() {
        assertThat(invalid(with("ssl", Map.of("certfile", "/c", "keyfile", "/k"))))
                .hasMessageContaining("setting 'ssl.cafile': is missing");
        assertThat(invalid(with("ssl", Map.of("cafile", "/ca", "truststore", "/t")))).hasMessageContaining("not both");
        assertThat(invalid(with("ssl", Map.of("cafile", "/ca", "certfile", "/c"))).setting()).isEqualTo("ssl.keyfile");
        assertThat(invalid(with("ssl", Map.of("cafile", "/ca", "keystore", "/k"))).setting()).isEqualTo("ssl.keystore_password");
        assertThat(invalid(with("ssl", Map.of("cafile", "/ca", "key_password", "x"))).setting()).isEqualTo("ssl.key_password");
        assertThat(invalid(with("ssl", Map.of("cafile", "/ca", "check_hostname", false))))
                .hasMessageContaining("setting 'ssl.check_hostname': is not a setting of this plugin");
        assertThat(invalid(with("ssl", Map.of("cafile", 3))).setting()).isEqualTo("ssl.cafile");
    }

    @Test
    void aTraditionalPrivateKeyGetsTheCommandThatConvertsIt() throws IOException {
        Path ca = Files.writeString(folder.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");
        Path cert = Files.writeString(folder.resolve("client.crt"), "-----BEGIN CERTIFICATE-----\n");
        Path key = Files.writeString(folder.resolve("client.key"), "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n");
        Map<String, Object> values = with("ssl", Map.of("cafile", ca.toString(), "certfile", cert.toString(), "keyfile", key.toString()));
        KafkaBusConsumer consumer = new KafkaBusConsumer(values);
        assertThatThrownBy(consumer::open)
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.setting()).isEqualTo("ssl.keyfile"))
                .hasMessageContaining("openssl pkcs8 -topk8");
        KafkaBusProducer producer = new KafkaBusProducer(values);
        assertThatThrownBy(producer::open).isInstanceOf(InvalidSettingsException.class).hasMessageContaining("PKCS#8");
    }

    @Test
    void foundByNameAndConstructedWithoutIo() {
        // nothing listens on these servers: constructing must not try
        AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer("kafka", BASE);
        AbstractMessageBusProducerPlugin producer = MessageBuses.producer("kafka", BASE);
        assertThat(consumer).isInstanceOf(KafkaBusConsumer.class);
        assertThat(producer).isInstanceOf(KafkaBusProducer.class);
        consumer.close();
        producer.close();
    }

    @Test
    void anUnresolvableServerIsASettingsError() {
        KafkaBusConsumer consumer = new KafkaBusConsumer(with("servers", "no-such-host.invalid:9092"));
        assertThatThrownBy(consumer::open)
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.setting()).isEqualTo("servers"))
                .hasMessageContaining("no-such-host.invalid:9092");
        KafkaBusProducer producer = new KafkaBusProducer(with("servers", "no-such-host.invalid:9092"));
        assertThatThrownBy(producer::open)
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.setting()).isEqualTo("servers"));
    }
}
