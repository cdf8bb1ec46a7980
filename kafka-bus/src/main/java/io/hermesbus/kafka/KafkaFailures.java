package io.hermesbus.kafka;

import io.hermesbus.api.ConsumerInterruptedException;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.InvalidSettingsException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/** Kafka's exceptions as the plugins' own, each saying what was being done and where. */
final class KafkaFailures {
    private KafkaFailures() {
    }

    /**
     * A failure to create a Kafka client: Kafka refusing its configuration is the settings' fault
     * ({@link InvalidSettingsException}, naming {@code servers} when no server address resolves).
     */
    static RuntimeException creating(String client, KafkaBusSettings settings, KafkaException e) {
        Throwable cause = e instanceof ConfigException ? e : e.getCause();
        if (cause instanceof ConfigException config) {
            String message = config.getMessage();
            if (message != null && message.contains("bootstrap")) {
                InvalidSettingsException invalid = new InvalidSettingsException(KafkaBusSettings.SERVERS,
                        "none of " + settings.servers() + " can be used: " + message + "; give host:port of Kafka brokers whose names resolve");
                invalid.initCause(e);
                return invalid;
            }
            InvalidSettingsException invalid = new InvalidSettingsException(KafkaBusSettings.PROPERTIES,
                    "Kafka refused the " + client + " configuration made from " + settings + ": " + message);
            invalid.initCause(e);
            return invalid;
        }
        return new HermesBusException("could not create the Kafka " + client + " for " + settings + ": " + e, e);
    }

    /** A Kafka failure while {@code doing}: a timeout says the servers could not be reached in time. */
    static HermesBusException failed(String doing, KafkaBusSettings settings, KafkaException e) {
        if (e instanceof TimeoutException) {
            return new HermesBusException(doing + " timed out: Kafka servers " + settings.servers()
                    + " did not answer in time (are they running and reachable?): " + e.getMessage(), e);
        }
        if (e instanceof SslAuthenticationException) {
            // Kafka's own message ("SSL handshake failed") hides the reason, which sits at the end of the causes
            return new HermesBusException(doing + " failed on " + settings + ": " + e + "; TLS said: " + rootMessage(e)
                    + ". Check that the CA in ssl (cafile or truststore) signed the brokers' certificates, and that ssl"
                    + " gives a client certificate (certfile and keyfile, or keystore) if the brokers require one", e);
        }
        return new HermesBusException(doing + " failed on " + settings + ": " + e, e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    /** An interrupt seen by Kafka: the thread's interrupt status is set again, as the consumer contract says. */
    static ConsumerInterruptedException interrupted(String doing, InterruptException e) {
        Thread.currentThread().interrupt();
        InterruptedException cause = e.getCause() instanceof InterruptedException interrupted
                ? interrupted : new InterruptedException(String.valueOf(e.getMessage()));
        return new ConsumerInterruptedException("interrupted while " + doing + "; the position is unchanged", cause);
    }
}
