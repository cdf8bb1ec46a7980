package io.hermesbus.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Admin clients shared by the consumers of this JVM that connect alike (the same admin properties: servers,
 * security, timeouts). An admin client is thread-safe; sharing it spares each consumer {@code open()} a client, a
 * thread and a connection set-up. The last consumer to let go closes it.
 */
final class SharedAdmins {
    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(5);
    private static final Map<Map<String, String>, Shared> ADMINS = new HashMap<>();

    private SharedAdmins() {
    }

    private static final class Shared {
        final Admin admin;
        int users;

        Shared(Admin admin) {
            this.admin = admin;
        }
    }

    /** One use of a shared admin client; {@link #close()} lets go of it. */
    static final class Lease implements AutoCloseable {
        private final Map<String, String> key;
        private final Admin admin;
        private boolean closed;

        private Lease(Map<String, String> key, Admin admin) {
            this.key = key;
            this.admin = admin;
        }

        Admin admin() {
            return admin;
        }

        /** Lets go of the admin client, closing it (at most 5 s) if no one else uses it; idempotent, never throws. */
        @Override
        public void close() {
            Admin unused;
            synchronized (ADMINS) {
                if (closed) {
                    return;
                }
                closed = true;
                Shared shared = ADMINS.get(key);
                if (--shared.users > 0) {
                    return;
                }
                ADMINS.remove(key);
                unused = shared.admin;
            }
            try {
                unused.close(CLOSE_LIMIT);
            } catch (InterruptException e) {
                // Kafka has set the interrupt status again; closing goes on regardless
            } catch (KafkaException e) {
                // closing must not throw; the client's resources are released anyway
            }
        }
    }

    /**
     * A lease on the admin client for {@code properties}, made if none is in use.
     *
     * @throws KafkaException if Kafka refuses the configuration
     */
    static Lease acquire(Properties properties) {
        Map<String, String> key = new TreeMap<>();
        properties.forEach((name, value) -> key.put(name.toString(), value.toString()));
        synchronized (ADMINS) {
            Shared shared = ADMINS.get(key);
            if (shared == null) {
                shared = new Shared(Admin.create(properties));
                ADMINS.put(key, shared);
            }
            shared.users++;
            return new Lease(key, shared.admin);
        }
    }
}
