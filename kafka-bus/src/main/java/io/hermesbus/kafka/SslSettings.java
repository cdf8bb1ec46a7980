package io.hermesbus.kafka;

import io.hermesbus.api.InvalidSettingsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code ssl} setting: TLS to the brokers, with the brokers' certificates checked against a CA and, optionally,
 * a client certificate. Hermes gives PEM files ({@code cafile}, {@code certfile}, {@code keyfile}); Java users may
 * give keystores instead ({@code truststore}, {@code keystore}). Exactly one way to trust the brokers is required;
 * a client certificate is optional (one way of giving it at most). Checked without I/O; the files are read when a
 * plugin opens ({@link #kafkaProperties()}), and errors name the nested setting ({@code ssl.keyfile}).
 *
 * <p>{@link #toString()} never shows a password or a key.
 */
final class SslSettings {
    static final String CAFILE = "cafile";
    static final String CERTFILE = "certfile";
    static final String KEYFILE = "keyfile";
    static final String TRUSTSTORE = "truststore";
    static final String TRUSTSTORE_PASSWORD = "truststore_password";
    static final String KEYSTORE = "keystore";
    static final String KEYSTORE_PASSWORD = "keystore_password";
    static final String KEY_PASSWORD = "key_password";
    static final Set<String> KNOWN = Set.of(CAFILE, CERTFILE, KEYFILE, TRUSTSTORE, TRUSTSTORE_PASSWORD, KEYSTORE,
            KEYSTORE_PASSWORD, KEY_PASSWORD);

    private final SettingsSection section;
    private final Optional<Path> cafile;
    private final Optional<Path> certfile;
    private final Optional<Path> keyfile;
    private final Optional<Path> truststore;
    private final Optional<String> truststorePassword;
    private final Optional<Path> keystore;
    private final Optional<String> keystorePassword;
    private final Optional<String> keyPassword;

    private SslSettings(SettingsSection section) {
        this.section = section;
        section.rejectUnknown(KNOWN);
        cafile = path(section, CAFILE);
        certfile = path(section, CERTFILE);
        keyfile = path(section, KEYFILE);
        truststore = path(section, TRUSTSTORE);
        truststorePassword = section.optionalText(TRUSTSTORE_PASSWORD);
        keystore = path(section, KEYSTORE);
        keystorePassword = section.optionalText(KEYSTORE_PASSWORD);
        keyPassword = section.optionalText(KEY_PASSWORD);
        checkCombination();
    }

    /**
     * The {@code ssl} setting of {@code section}, checked.
     *
     * @throws InvalidSettingsException naming the nested setting that is unknown, of the wrong type, missing or
     *     combined with one it excludes
     */
    static SslSettings from(SettingsSection section) {
        return new SslSettings(section);
    }

    private void checkCombination() {
        if (cafile.isPresent() == truststore.isPresent()) {
            throw section.invalid(cafile.isPresent() ? TRUSTSTORE : CAFILE, cafile.isPresent()
                    ? "cannot be given with ssl.cafile: trust the brokers' CA either by a PEM file (cafile) or by a Java truststore (truststore), not both"
                    : "is missing: give the PEM file of the CA that signed the brokers' certificates (cafile, as in Hermes), or a Java truststore (truststore)");
        }
        if (truststorePassword.isPresent() && truststore.isEmpty()) {
            throw section.invalid(TRUSTSTORE_PASSWORD, "is only for ssl.truststore; a PEM cafile has no password");
        }
        if (certfile.isPresent() != keyfile.isPresent()) {
            throw section.invalid(certfile.isPresent() ? KEYFILE : CERTFILE, "is missing: ssl.certfile and ssl.keyfile "
                    + "(the client certificate and its private key, PEM) go together");
        }
        if (keystore.isPresent() && certfile.isPresent()) {
            throw section.invalid(KEYSTORE, "cannot be given with ssl.certfile and ssl.keyfile: give the client "
                    + "certificate either as PEM files or as a Java keystore, not both");
        }
        if (keystore.isPresent() != keystorePassword.isPresent()) {
            throw section.invalid(keystore.isPresent() ? KEYSTORE_PASSWORD : KEYSTORE, keystore.isPresent()
                    ? "is missing: a Java keystore needs its password"
                    : "is missing: ssl.keystore_password is the password of ssl.keystore, which is not given");
        }
        if (keyPassword.isPresent() && keyfile.isEmpty() && keystore.isEmpty()) {
            throw section.invalid(KEY_PASSWORD, "is the password of the client's private key (an encrypted "
                    + "ssl.keyfile, or the key in ssl.keystore), but neither is given");
        }
    }

    /** The Kafka client properties this setting sets, by name only (no I/O): for refusing duplicates in {@code properties}. */
    Set<String> propertyNames() {
        return kafkaProperties(false).keySet();
    }

    /**
     * The Kafka client properties, reading the PEM client certificate and key, which Kafka takes as text.
     *
     * @throws InvalidSettingsException naming the nested setting whose file is missing, unreadable, or not what it
     *     should be
     */
    Map<String, Object> kafkaProperties() {
        return kafkaProperties(true);
    }

    private Map<String, Object> kafkaProperties(boolean readFiles) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (cafile.isPresent()) {
            properties.put("ssl.truststore.type", "PEM");
            properties.put("ssl.truststore.location", readable(CAFILE, cafile.get(), readFiles).toString());
        } else {
            properties.put("ssl.truststore.location", readable(TRUSTSTORE, truststore.orElseThrow(), readFiles).toString());
            truststorePassword.ifPresent(password -> properties.put("ssl.truststore.password", password));
        }
        if (certfile.isPresent()) {
            properties.put("ssl.keystore.type", "PEM");
            properties.put("ssl.keystore.certificate.chain", readFiles ? certificate() : "");
            properties.put("ssl.keystore.key", readFiles ? privateKey() : "");
        } else if (keystore.isPresent()) {
            properties.put("ssl.keystore.location", readable(KEYSTORE, keystore.get(), readFiles).toString());
            properties.put("ssl.keystore.password", keystorePassword.orElseThrow());
        }
        keyPassword.ifPresent(password -> properties.put("ssl.key.password", password));
        return properties;
    }

    private String certificate() {
        String text = read(CERTFILE, certfile.orElseThrow());
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            throw section.invalid(CERTFILE, "file " + certfile.get() + " holds no PEM certificate (\"-----BEGIN "
                    + "CERTIFICATE-----\"); give the client certificate (and its chain) in PEM");
        }
        return text;
    }

    private String privateKey() {
        String text = read(KEYFILE, keyfile.orElseThrow());
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")
                || text.contains("-----BEGIN DSA PRIVATE KEY-----")) {
            throw section.invalid(KEYFILE, "file " + keyfile.get() + " holds a traditional (PKCS#1 or SEC1) private key, "
                    + "which Python reads but Kafka's Java client does not; convert it to PKCS#8 with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in " + keyfile.get() + " -out key-pkcs8.pem' and give that file");
        }
        if (!text.contains("-----BEGIN PRIVATE KEY-----") && !text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw section.invalid(KEYFILE, "file " + keyfile.get() + " holds no PEM private key (\"-----BEGIN PRIVATE "
                    + "KEY-----\" or \"-----BEGIN ENCRYPTED PRIVATE KEY-----\"); give the client certificate's private key in PKCS#8 PEM");
        }
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") && keyPassword.isEmpty()) {
            throw section.invalid(KEY_PASSWORD, "is missing: file " + keyfile.get() + " holds an encrypted private key; give its password");
        }
        return text;
    }

    private Path readable(String key, Path path, boolean check) {
        if (check && !(Files.isRegularFile(path) && Files.isReadable(path))) {
            throw section.invalid(key, "file " + path + (Files.exists(path) ? " is not a readable file" : " does not exist")
                    + "; give the path of a file this process can read");
        }
        return path;
    }

    private String read(String key, Path path) {
        readable(key, path, true);
        try {
            return Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw section.invalid(key, "file " + path + " could not be read as PEM text: " + e);
        }
    }

    private static Optional<Path> path(SettingsSection section, String key) {
        return section.optionalText(key).map(text -> {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw section.invalid(key, "\"" + text + "\" is not a valid path: " + e.getMessage());
            }
        });
    }

    @Override
    public String toString() {
        return "ssl{" + (cafile.isPresent() ? "cafile=" + cafile.get() : "truststore=" + truststore.orElseThrow())
                + certfile.map(c -> ", certfile=" + c + ", keyfile=" + keyfile.orElseThrow()).orElse("")
                + keystore.map(k -> ", keystore=" + k).orElse("") + "}";
    }
}
