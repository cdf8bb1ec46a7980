package io.hermesbus.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.Offset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ssl} and {@code sasl} settings against a real broker: one broker for the class, with a TLS listener
 * that requires a client certificate and a SASL_PLAINTEXT listener with PLAIN users, beside the PLAINTEXT listener
 * that the launcher's admin client (topics) and the KRaft controller use.
 *
 * <p>The certificates are made here with the JDK's {@code keytool}: a CA, the broker's certificate (for
 * {@code 127.0.0.1} and {@code localhost}) and a client certificate signed by it, and a second CA that signed
 * nothing the broker has. The broker takes PKCS#12 keystores; the client is given PEM files, as Hermes gives them,
 * and once the Java keystores. Failure cases shorten the client timeouts through {@code properties}, as
 * {@link BrokerFaultTest} does, and every wait is bounded.
 */
class SecuredBrokerTest {
    private static final String STORE_PASSWORD = "store-secret";
    private static final String HERMES_PASSWORD = "hermes-secret";
    private static final String TLS = "SSL";
    private static final String SASL = "SASL_PLAINTEXT";
    private static final int API_TIMEOUT_MS = 3_000;
    private static final Map<String, Object> SHORT_TIMEOUTS = Map.of(
            "default.api.timeout.ms", API_TIMEOUT_MS, "request.timeout.ms", 2_000,
            "max.block.ms", API_TIMEOUT_MS, "delivery.timeout.ms", 5_000, "reconnect.backoff.max.ms", 200);
    // the bound of any single wait: generous for a loaded machine, yet far below a hang
    private static final Duration BOUND = Duration.ofSeconds(30);
    // a refused handshake or login is not retried: it must end well before the API timeout plus slack
    private static final Duration FAILURE_BOUND = Duration.ofMillis(API_TIMEOUT_MS + 10_000);

    @TempDir
    static Path certificates;
    private static KafkaBroker broker;
    private static ExecutorService threads;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<String> topics = new ArrayList<>();

    @BeforeAll
    static void startBroker() throws Exception {
        makeCertificates();
        Map<String, String> server = new LinkedHashMap<>();
        String ssl = "listener.name.ssl.";
        server.put(ssl + "ssl.keystore.type", "PKCS12");
        server.put(ssl + "ssl.keystore.location", certificates.resolve("broker.p12").toString());
        server.put(ssl + "ssl.keystore.password", STORE_PASSWORD);
        server.put(ssl + "ssl.key.password", STORE_PASSWORD);
        server.put(ssl + "ssl.truststore.type", "PKCS12");
        server.put(ssl + "ssl.truststore.location", certificates.resolve("truststore.p12").toString());
        server.put(ssl + "ssl.truststore.password", STORE_PASSWORD);
        server.put(ssl + "ssl.client.auth", "required");
        server.put("sasl.enabled.mechanisms", "PLAIN");
        server.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_admin=\"admin-secret\" user_hermes=\""
                        + HERMES_PASSWORD + "\";");
        broker = KafkaBroker.start(List.of(new KafkaBroker.Listener(TLS, "SSL"), new KafkaBroker.Listener(SASL, "SASL_PLAINTEXT")),
                server);
        threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "secured-broker-test");
            thread.setDaemon(true);
            return thread;
        });
    }

    @AfterAll
    static void stopBroker() {
        if (threads != null) {
            threads.shutdownNow();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        for (String topic : topics) {
            broker.deleteTopic(topic);
        }
    }

    // --- TLS ---

    @Test
    void tlsWithHermesPemFilesCarriesEventsIntact() throws Exception {
        Map<String, Object> ssl = Map.of(
                "cafile", certificates.resolve("ca.pem").toString(),
                "certfile", certificates.resolve("client.pem").toString(),
                "keyfile", certificates.resolve("client-key.pem").toString());
        assertThat(Files.readString(certificates.resolve("client-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertEventsGoThrough(settings(TLS, "ssl", ssl, Map.of()));
    }

    @Test
    void tlsWithJavaKeystoresCarriesEventsIntact() throws Exception {
        Map<String, Object> ssl = Map.of(
                "truststore", certificates.resolve("truststore.p12").toString(),
                "truststore_password", STORE_PASSWORD,
                "keystore", certificates.resolve("client.p12").toString(),
                "keystore_password", STORE_PASSWORD,
                "key_password", STORE_PASSWORD);
        assertEventsGoThrough(settings(TLS, "ssl", ssl, Map.of()));
    }

    @Test
    void aCaThatDidNotSignTheBrokersCertificateIsAClearTlsErrorWithinBounds() throws Exception {
        Map<String, Object> ssl = Map.of(
                "cafile", certificates.resolve("other-ca.pem").toString(),
                "certfile", certificates.resolve("client.pem").toString(),
                "keyfile", certificates.resolve("client-key.pem").toString());
        Map<String, Object> settings = settings(TLS, "ssl", ssl, SHORT_TIMEOUTS);
        for (Throwable error : List.of(failureOfOpen(() -> new KafkaBusProducer(settings)),
                failureOfOpen(() -> new KafkaBusConsumer(settings)))) {
            assertThat(error).isInstanceOf(HermesBusException.class)
                    .hasMessageContaining("opening topic " + settings.get("topic"))
                    .hasMessageContaining("cafile=" + certificates.resolve("other-ca.pem"))
                    .hasMessageContaining("SSL handshake failed")
                    .hasMessageContaining("TLS said: ")
                    .hasMessageContaining("the CA in ssl (cafile or truststore) signed the brokers' certificates")
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.SslAuthenticationException.class)
                    // the reason ("unable to find valid certification path") is the root cause, quoted after "TLS said"
                    .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
        }
    }

    @Test
    void theBrokerRefusesAClientWithoutCertificate() throws Exception {
        // proves the listener really requires client authentication, so the passing tests above used the certificate
        Map<String, Object> ssl = Map.of("cafile", certificates.resolve("ca.pem").toString());
        Map<String, Object> settings = settings(TLS, "ssl", ssl, SHORT_TIMEOUTS);
        // Kafka reports this one as "SslAuthenticationException: Failed to process post-handshake messages" (with
        // TLS 1.3 the client learns of the refusal after its side of the handshake); the TLS alert, the root cause,
        // is quoted after "TLS said"
        for (Throwable error : List.of(failureOfOpen(() -> new KafkaBusProducer(settings)),
                failureOfOpen(() -> new KafkaBusConsumer(settings)))) {
            assertThat(error).isInstanceOf(HermesBusException.class)
                    .hasMessageContaining("opening topic " + settings.get("topic"))
                    .hasMessageContaining("ssl{cafile=" + certificates.resolve("ca.pem") + "}")
                    .hasMessageContaining("SslAuthenticationException")
                    .hasMessageContaining("TLS said: ")
                    .hasMessageContaining("a client certificate (certfile and keyfile, or keystore) if the brokers require one")
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.SslAuthenticationException.class)
                    .hasRootCauseInstanceOf(javax.net.ssl.SSLException.class);
        }
    }

    // --- SASL ---

    @Test
    void saslPlainCarriesEventsIntact() throws Exception {
        Map<String, Object> sasl = Map.of("mechanism", "PLAIN", "username", "hermes", "password", HERMES_PASSWORD);
        assertEventsGoThrough(settings(SASL, "sasl", sasl, Map.of()));
    }

    @Test
    void aWrongSaslPasswordIsAClearAuthenticationErrorWithinBounds() throws Exception {
        Map<String, Object> sasl = Map.of("mechanism", "PLAIN", "username", "hermes", "password", "not-" + HERMES_PASSWORD);
        Map<String, Object> settings = settings(SASL, "sasl", sasl, SHORT_TIMEOUTS);
        for (Throwable error : List.of(failureOfOpen(() -> new KafkaBusProducer(settings)),
                failureOfOpen(() -> new KafkaBusConsumer(settings)))) {
            assertThat(error).isInstanceOf(HermesBusException.class)
                    .hasMessageContaining("opening topic " + settings.get("topic"))
                    .hasMessageContaining("sasl{mechanism=PLAIN, username=hermes}")
                    .hasMessageContaining("Authentication failed: Invalid username or password")
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.SaslAuthenticationException.class);
            assertThat(error.getMessage()).doesNotContain(HERMES_PASSWORD);
        }
    }

    // --- helpers ---

    private Map<String, Object> settings(String listener, String key, Map<String, Object> security,
            Map<String, Object> properties) {
        String topic = broker.createTopic("secured", 1);
        topics.add(topic);
        Map<String, Object> settings = new HashMap<>();
        settings.put("servers", broker.bootstrapServers(listener));
        settings.put("topic", topic);
        settings.put("group_id", "secured-test");
        settings.put(key, security);
        if (!properties.isEmpty()) {
            settings.put("properties", properties);
        }
        return settings;
    }

    private void assertEventsGoThrough(Map<String, Object> settings) throws Exception {
        List<Event> sent = List.of(
                new Event("base", "added", "Users", 1L, Map.of("name", "Zoë", "tags", List.of("a", "b")), 0, false),
                new Event("base", "modified", "Users", "k-2", Map.of("quote", "\"«»\" \\ \n"), 1, true),
                new Event("other", "removed", "Groups", 3L, Map.of(), 0, false));
        AbstractMessageBusProducerPlugin producer = track(new KafkaBusProducer(settings));
        within(() -> {
            producer.open();
            for (Event event : sent) {
                producer.send(event);
            }
            return null;
        }, "opening a producer and sending over " + settings.get("servers"));
        AbstractMessageBusConsumerPlugin consumer = track(new KafkaBusConsumer(settings));
        List<Event> read = within(() -> {
            consumer.open();
            consumer.setTimeout(10_000);
            List<Event> events = read(consumer, sent.size());
            // then nothing more: with timeout 0 the iterator ends at the end of the partition
            consumer.setTimeout(0);
            events.addAll(read(consumer, 1));
            return events;
        }, "opening a consumer and reading over " + settings.get("servers"));
        assertThat(read).as("exactly the events sent, no more").hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertThat(read.get(i).toJson()).as("event %d's JSON", i).isEqualTo(sent.get(i).toJson());
            assertThat(read.get(i).sameContentAs(sent.get(i))).as("event %d's content", i).isTrue();
            assertThat(read.get(i).offset()).isEqualTo(Offset.of(i));
        }
    }

    private static List<Event> read(AbstractMessageBusConsumerPlugin consumer, int count) {
        List<Event> events = new ArrayList<>();
        Iterator<Event> iterator = consumer.iterator();
        while (events.size() < count && iterator.hasNext()) {
            events.add(iterator.next());
        }
        return events;
    }

    /** Opens the plugin {@code plugin} makes, expecting it to fail within {@link #FAILURE_BOUND}; returns the error. */
    private Throwable failureOfOpen(Supplier<? extends AutoCloseable> plugin) throws Exception {
        AutoCloseable created = track(plugin.get());
        long started = System.nanoTime();
        Throwable error = within(() -> {
            try {
                if (created instanceof AbstractMessageBusProducerPlugin producer) {
                    producer.open();
                } else {
                    ((AbstractMessageBusConsumerPlugin) created).open();
                }
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        }, "open() of " + created.getClass().getSimpleName() + " that should fail");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(error).as("open() of %s must fail", created.getClass().getSimpleName()).isNotNull();
        assertThat(took).as("time to fail").isLessThan(FAILURE_BOUND);
        return error;
    }

    private <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private static <T> T within(Callable<T> work, String what) throws Exception {
        Future<T> future = threads.submit(work);
        try {
            return future.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            throw new AssertionError(what + " hung: no result within " + BOUND, e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    // --- certificates ---

    /**
     * ca.pem (the CA), broker.p12 (the broker's key and certificate, for 127.0.0.1 and localhost, signed by the CA),
     * client.p12 / client.pem / client-key.pem (the client's, signed by the CA; the key as unencrypted PKCS#8 PEM),
     * truststore.p12 (the CA, trusted: the broker's and the Java client's), other-ca.pem (a CA that signed nothing here).
     */
    private static void makeCertificates() throws Exception {
        makeCa("ca", "CN=Hermes Test CA");
        makeCa("other-ca", "CN=Hermes Other CA");
        makeSigned("broker", "CN=localhost", "san=ip:127.0.0.1,dns:localhost");
        makeSigned("client", "CN=hermes-client", null);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "truststore.p12");
        KeyStore client = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificates.resolve("client.p12"))) {
            client.load(in, STORE_PASSWORD.toCharArray());
        }
        byte[] pkcs8 = client.getKey("client", STORE_PASSWORD.toCharArray()).getEncoded();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(certificates.resolve("client-key.pem"), pem, StandardCharsets.US_ASCII);
    }

    private static void makeCa(String name, String dname) throws Exception {
        keytool("-genkeypair", "-alias", name, "-dname", dname, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-ext", "bc:c", "-keystore", name + ".p12");
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", name + ".p12", "-file", name + ".pem");
    }

    private static void makeSigned(String name, String dname, String san) throws Exception {
        keytool("-genkeypair", "-alias", name, "-dname", dname, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-keystore", name + ".p12");
        keytool("-certreq", "-alias", name, "-keystore", name + ".p12", "-file", name + ".csr");
        List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12",
                "-infile", name + ".csr", "-outfile", name + ".pem", "-validity", "2"));
        if (san != null) {
            sign.addAll(List.of("-ext", san));
        }
        keytool(sign.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", name + ".p12");
        keytool("-importcert", "-alias", name, "-file", name + ".pem", "-keystore", name + ".p12");
    }

    /** Runs the JDK's keytool in the certificates folder, with PKCS#12 stores and {@link #STORE_PASSWORD}. */
    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", STORE_PASSWORD));
        if (arguments[0].equals("-genkeypair")) {
            command.addAll(List.of("-keypass", STORE_PASSWORD));
        }
        Path output = certificates.resolve("keytool.out");
        Process process = new ProcessBuilder(command).directory(certificates.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("keytool " + arguments[0] + " took over 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed (exit " + process.exitValue() + "): " + command + "\n"
                    + Files.readString(output));
        }
    }
}
