package io.hermesbus.kafka;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hermesbus.testing.FuzzedSettings;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the Kafka bus's settings: its consumer and producer accept a settings map or refuse it with an
 * InvalidSettingsException naming the setting, never another exception ({@link FuzzedSettings}). Constructing a plugin only parses its settings: no connection to a broker.
 */
class SettingsFuzzTest {
    private static final List<String> NAMES = List.of("servers", "topic", "group_id", "partition", "ssl.cafile", "ssl.certfile", "ssl.keyfile",
            "ssl.truststore", "ssl.truststore_password", "ssl.keystore", "ssl.keystore_password", "ssl.key_password",
            "sasl.mechanism", "sasl.username", "sasl.password", "max_request_size", "api_version", "properties",
            "properties.client.id", "properties.acks", "properties.linger.ms");

    @FuzzTest(maxDuration = "10m")
    void consumerAndProducer(FuzzedDataProvider data) {
        Map<String, Object> settings = FuzzedSettings.map(data, NAMES);
        FuzzedSettings.accepted(settings, new KafkaBusProvider()::consumer);
        FuzzedSettings.accepted(settings, new KafkaBusProvider()::producer);
    }
}
