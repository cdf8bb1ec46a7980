package io.hermesbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Secrets are masked wherever they sit in the settings and scrubbed from text; the names, and the rest, stay readable. */
class SecretsTest {
    private static final Map<String, Object> KAFKA = Map.of(
            "servers", List.of("kafka1:9093"),
            "sasl", Map.of("mechanism", "PLAIN", "username", "hermes", "password", "s1-secret"),
            "ssl", Map.of("cafile", "/etc/ca.pem", "keyfile", "/etc/key.pem", "keystore", "/etc/ks.p12",
                    "keystore_password", "s2-secret", "truststore_password", "s3-secret", "key_password", "s4-secret"),
            "properties", Map.of("sasl.jaas.config", "...password=\"s5-secret\";", "ssl.keystore.key", "-----BEGIN s6-secret",
                    "client.id", "hermes"),
            "listeners", List.of(Map.of("name", "a", "token", "s7-secret")));

    @Test
    void theKafkaBusSecretsAreMaskedAtEveryDepthAndTheRestIsKept() {
        Map<String, Object> masked = Secrets.in(KAFKA, Set.of()).mask(KAFKA);

        assertThat(masked.toString()).doesNotContain("secret");
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
        assertThat(Secrets.looksSecret(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"servers", "topic", "keyfile", "keystore", "truststore", "username", "monkey", "path",
        "offset_kind", "group_id", "mechanism"})
    void namesThatDoNot(String name) {
        assertThat(Secrets.looksSecret(name)).isFalse();
    }

    @Test
    void aWholeValueUnderASecretNameIsMaskedAndOtherValuesBecomeText() {
        Map<String, Object> settings = Map.of("credentials", Map.of("user", "u"), "path", Path.of("/tmp/x"));

        assertThat(Secrets.in(settings, Set.of()).mask(settings)).containsEntry("credentials", "<masked>").containsEntry("path", "/tmp/x");
    }

    @Test
    void aDeclaredNameIsSecretAtAnyDepthThoughItDoesNotLookSecret() {
        Map<String, Object> settings = Map.of("dsn", "postgres://u:hunter2@db", "nested", Map.of("dsn", List.of("hunter3x")));
        Secrets secrets = Secrets.in(settings, Set.of("dsn"));

        assertThat(secrets.isSecret("dsn")).isTrue();
        assertThat(Secrets.in(settings, Set.of()).isSecret("dsn")).isFalse();
        assertThat(secrets.mask(settings)).isEqualTo(Map.of("dsn", "<masked>", "nested", Map.of("dsn", "<masked>")));
        assertThat(secrets.scrub("open postgres://u:hunter2@db failed; hunter3x")).isEqualTo("open <masked> failed; <masked>");
    }

    @Test
    void scrubbingReplacesEverySecretValueInTextAlsoQuotedAndInsideLongerText() {
        Map<String, Object> settings = Map.of("sasl", Map.of("password", "pa\"ss\\word", "username", "hermes"),
                "ssl", Map.of("key_password", 123456789L), "tokens", List.of("tok-one", Map.of("x", "tok-two")));
        Secrets secrets = Secrets.in(settings, Set.of());

        String jaas = "PlainLoginModule required username=\"hermes\" password=\"pa\\\"ss\\\\word\";";
        assertThat(secrets.scrub(jaas)).isEqualTo("PlainLoginModule required username=\"hermes\" password=\"<masked>\";");
        assertThat(secrets.scrub("got pa\"ss\\word and 123456789 and tok-one, tok-two")).isEqualTo(
                "got <masked> and <masked> and <masked>, <masked>");
        assertThat(secrets.scrub(null)).isNull();
    }

    @Test
    void valuesTooShortToSearchForAreStillMaskedWhereSettingsAreShown() {
        Map<String, Object> settings = Map.of("password", "abc");
        Secrets secrets = Secrets.in(settings, Set.of());

        assertThat(secrets.scrub("abc def")).isEqualTo("abc def");
        assertThat(secrets.mask(settings)).containsEntry("password", "<masked>");
    }

    @Test
    void settingsNeverShowASecretInToStringNorInAnErrorAboutItsValue() {
        String planted = "PlantedS3cretXyz";
        Settings settings = Settings.of(Map.of("password", List.of(planted), "dsn", Map.of("x", planted),
                "pin", 7_123_456L, "path", "/tmp/bus"), Set.of("dsn", "pin"));

        assertThat(settings.toString()).doesNotContain(planted).doesNotContain("7123456").contains("/tmp/bus", "password=<masked>");
        assertThatThrownBy(() -> settings.optionalString("password")).isInstanceOf(InvalidSettingsException.class)
                .hasMessage("setting 'password': must be text, got a list (<masked>: the setting is secret)");
        assertThatThrownBy(() -> settings.optionalString("dsn")).hasMessageNotContaining(planted).hasMessageContaining("a map");
        assertThatThrownBy(() -> settings.longValue("pin", 0, 0, 10)).hasMessageNotContaining("7123456");
        assertThatThrownBy(() -> settings.doubleValue("dsn", 0)).hasMessageNotContaining(planted);
        assertThatThrownBy(() -> settings.enumValue("password", OffsetKind.class, OffsetKind.INT)).hasMessageNotContaining(planted);
    }

    @Test
    void settingsNestedDeeperThanTheStackAreSearchedWholeAndShownToABoundedDepth() {
        Object deep = Map.of("password", "hunter2-deep");
        for (int i = 0; i < 100_000; i++) {
            deep = List.of(Map.of("level", deep));
        }
        Object deepKey = "x";
        for (int i = 0; i < 100_000; i++) {
            deepKey = List.of(deepKey);
        }
        Map<Object, Object> settings = Map.of("nested", deep, "ssl", Map.of(deepKey, "v"));
        @SuppressWarnings("unchecked")
        Secrets secrets = Secrets.in((Map<String, ?>) (Map<?, ?>) settings, Set.of());

        assertThat(secrets.scrub("it was hunter2-deep")).isEqualTo("it was " + Secrets.MASK);
        String shown = secrets.mask((Map<String, ?>) (Map<?, ?>) settings).toString();
        assertThat(shown).contains("a list of 1").contains("ssl={a list of 1=v}").doesNotContain("hunter2-deep");
    }
}
