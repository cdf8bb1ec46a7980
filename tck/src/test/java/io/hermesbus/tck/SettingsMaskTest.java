package io.hermesbus.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Secrets are masked wherever they sit in the settings; the names, and everything else, stay readable. */
class SettingsMaskTest {
    @Test
    void theKafkaBusSecretsAreMaskedAtEveryDepthAndTheRestIsKept() {
        Map<String, Object> kafka = Map.of(
                "servers", List.of("kafka1:9093"),
                "sasl", Map.of("mechanism", "PLAIN", "username", "hermes", "password", "s1"),
                "ssl", Map.of("cafile", "/etc/ca.pem", "keyfile", "/etc/key.pem", "keystore", "/etc/ks.p12",
                        "keystore_password", "s2", "truststore_password", "s3", "key_password", "s4"),
                "properties", Map.of("sasl.jaas.config", "...password=\"s5\";", "ssl.keystore.key", "-----BEGIN s6",
                        "client.id", "hermes"),
                "listeners", List.of(Map.of("name", "a", "token", "s7")));

        Map<String, Object> masked = SettingsMask.mask(kafka);

        assertThat(masked.toString()).doesNotContain("s1", "s2", "s3", "s4", "s5", "s6", "s7");
        assertThat(masked.get("servers")).isEqualTo(List.of("kafka1:9093"));
        assertThat(masked.get("sasl")).isEqualTo(Map.of("mechanism", "PLAIN", "username", "hermes", "password", "<masked>"));
        assertThat(masked.get("ssl")).isEqualTo(Map.of("cafile", "/etc/ca.pem", "keyfile", "/etc/key.pem",
                "keystore", "/etc/ks.p12", "keystore_password", "<masked>", "truststore_password", "<masked>",
                "key_password", "<masked>"));
        assertThat(masked.get("properties")).isEqualTo(Map.of("sasl.jaas.config", "<masked>",
                "ssl.keystore.key", "<masked>", "client.id", "hermes"));
        assertThat(masked.get("listeners")).isEqualTo(List.of(Map.of("name", "a", "token", "<masked>")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "PASSWORD", "db.passwd", "pwd", "secret", "clientSecret", "client_secret",
        "api-key", "apiKey", "APIKEY", "key", "private_key", "auth_token", "accessToken", "credentials",
        "keystorePassword", "passphrase", "sasl.jaas.config"})
    void namesThatLookSecret(String name) {
        assertThat(SettingsMask.looksSecret(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"servers", "topic", "keyfile", "keystore", "truststore", "username", "monkey", "path",
        "offset_kind", "group_id", "mechanism"})
    void namesThatDoNot(String name) {
        assertThat(SettingsMask.looksSecret(name)).isFalse();
    }

    @Test
    void aWholeValueUnderASecretNameIsMaskedAndOtherValuesBecomeText() {
        Map<String, Object> masked = SettingsMask.mask(Map.of("credentials", Map.of("user", "u"), "path", Path.of("/tmp/x")));

        assertThat(masked).containsEntry("credentials", "<masked>").containsEntry("path", "/tmp/x");
    }
}
