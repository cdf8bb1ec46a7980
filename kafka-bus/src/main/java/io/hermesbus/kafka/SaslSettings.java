package io.hermesbus.kafka;

import io.hermesbus.api.InvalidSettingsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code sasl} setting: a user name and password checked by the brokers with SASL {@code PLAIN},
 * {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}. Other mechanisms (GSSAPI, OAUTHBEARER) need more than a user
 * and a password; they are set with Kafka's own properties under {@code properties}.
 *
 * <p>{@link #toString()} never shows the password.
 */
final class SaslSettings {
    static final String MECHANISM = "mechanism";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final Set<String> KNOWN = Set.of(MECHANISM, USERNAME, PASSWORD);
    private static final Map<String, String> LOGIN_MODULES = Map.of(
            "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule",
            "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

    private final String mechanism;
    private final String username;
    private final String password;

    private SaslSettings(String mechanism, String username, String password) {
        this.mechanism = mechanism;
        this.username = username;
        this.password = password;
    }

    /**
     * The {@code sasl} setting of {@code section}, checked.
     *
     * @throws InvalidSettingsException naming the nested setting that is unknown, missing or not supported
     */
    static SaslSettings from(SettingsSection section) {
        section.rejectUnknown(KNOWN);
        String mechanism = section.requiredText(MECHANISM);
        if (!LOGIN_MODULES.containsKey(mechanism)) {
            throw section.invalid(MECHANISM, "must be one of " + List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")
                    + ", got \"" + mechanism + "\"; for other mechanisms leave sasl out and set Kafka's "
                    + "security.protocol, sasl.mechanism and sasl.jaas.config under properties");
        }
        return new SaslSettings(mechanism, section.requiredText(USERNAME), section.requiredText(PASSWORD));
    }

    /** {@code sasl.mechanism} and {@code sasl.jaas.config}. */
    Map<String, Object> kafkaProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("sasl.mechanism", mechanism);
        properties.put("sasl.jaas.config", LOGIN_MODULES.get(mechanism) + " required username=\"" + quoted(username)
                + "\" password=\"" + quoted(password) + "\";");
        return properties;
    }

    /** Escapes for a double-quoted JAAS option value, which Kafka reads with backslash escapes. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "sasl{mechanism=" + mechanism + ", username=" + username + "}";
    }
}
