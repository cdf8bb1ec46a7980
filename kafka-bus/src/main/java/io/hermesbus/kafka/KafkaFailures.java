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
     * A failure to create a Kafka client: Kafka refusing its configuration, or failing to use it (a JAAS config it
     * cannot parse, a truststore that is not a keystore), is the settings' fault: an {@link InvalidSettingsException}
     * naming the setting ({@code servers} when no server address resolves, {@code sasl} or {@code ssl} when given and
     * at fault, else {@code properties}) and quoting Kafka's reasons, secrets scrubbed.
     */
    static RuntimeException creating(String client, KafkaBusSettings settings, KafkaException e) {
        Throwable cause = e instanceof ConfigException ? e : e.getCause();
        String reasons = settings.secrets().scrub(reasons(e));
        String setting = KafkaBusSettings.PROPERTIES;
        if (cause instanceof ConfigException config && String.valueOf(config.getMessage()).contains("bootstrap")) {
            setting = KafkaBusSettings.SERVERS;
            reasons = "none of " + settings.servers() + " can be used: " + reasons + "; give host:port of Kafka brokers whose names resolve";
        } else if (reasons.matches("(?is).*(jaas|sasl).*") && settings.sasl().isPresent()) {
            setting = KafkaBusSettings.SASL;
        } else if (reasons.matches("(?is).*(ssl|keystore|truststore|certificate|pem).*") && settings.ssl().isPresent()) {
            setting = KafkaBusSettings.SSL;
        }
        InvalidSettingsException invalid = new InvalidSettingsException(setting, setting.equals(KafkaBusSettings.SERVERS)
                ? reasons : "Kafka refused the " + client + " configuration made from " + settings + ": " + reasons);
        invalid.initCause(e);
        return invalid;
    }

    /**
     * The messages of {@code e} and its causes, without Kafka's generic ones ("Failed to construct kafka consumer"),
     * which say nothing a user can act on.
     */
    private static String reasons(Throwable e) {
        StringBuilder reasons = new StringBuilder();
        for (Throwable at = e; at != null && at != at.getCause(); at = at.getCause()) {
            // a wrapper's message is often its cause's toString(): the class name says nothing to a user
            String message = at.getMessage() == null ? null : at.getMessage().replaceAll("\\b([a-z]\\w*\\.)+[A-Z]\\w*: ", "");
            if (message != null && !message.matches("Failed to (construct kafka \\w+|create new NetworkClient)")
                    && reasons.indexOf(message) < 0) {
                reasons.append(reasons.length() == 0 ? "" : ": ").append(message);
            }
        }
        return reasons.length() == 0 ? String.valueOf(e) : reasons.toString();
    }

    /** A Kafka failure while {@code doing}: a timeout says the servers could not be reached in time. */
    static HermesBusException failed(String doing, KafkaBusSettings settings, KafkaException e) {
        if (e instanceof TimeoutException) {
            return new HermesBusException(doing + " timed out: Kafka servers " + settings.servers()
                    + " did not answer in time (are they running and reachable?): " + settings.secrets().scrub(e.getMessage()), e);
        }
        if (e instanceof SslAuthenticationException) {
            // Kafka's own message ("SSL handshake failed") hides the reason, which sits at the end of the causes
            return new HermesBusException(doing + " failed on " + settings + ": " + settings.secrets().scrub(e + "; TLS said: " + rootMessage(e))
                    + ". Check that the CA in ssl (cafile or truststore) signed the brokers' certificates, and that ssl"
                    + " gives a client certificate (certfile and keyfile, or keystore) if the brokers require one", e);
        }
        return new HermesBusException(doing + " failed on " + settings + ": " + settings.secrets().scrub(String.valueOf(e)), e);
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
