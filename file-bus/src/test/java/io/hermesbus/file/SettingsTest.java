package io.hermesbus.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.MessageBuses;
import io.hermesbus.api.Settings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static Map<String, Object> with(String name, Object value) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("path", "/tmp/never-opened");
        settings.put(name, value);
        return settings;
    }

    private static void assertRefused(String name, Object value, String... messageParts) {
        InvalidSettingsException producerError = catchThrowableOfType(InvalidSettingsException.class,
                () -> new FileBusProducer(with(name, value)));
        InvalidSettingsException consumerError = catchThrowableOfType(InvalidSettingsException.class,
                () -> new FileBusConsumer(with(name, value)));
        for (InvalidSettingsException error : new InvalidSettingsException[] {producerError, consumerError}) {
            assertThat(error).as("%s = %s", name, value).isNotNull();
            assertThat(error.setting()).isEqualTo(name);
            assertThat(error).hasMessageContainingAll(messageParts);
        }
    }

    @Test
    void sizesMustBePositive() {
        assertRefused("segment_bytes", 0, "from 1 to 2147483647", "got 0");
        assertRefused("segment_bytes", -1, "got -1");
        assertRefused("segment_bytes", 1L << 31, "from 1 to 2147483647");
        assertRefused("index_interval_bytes", 0, "from 1 to 1073741824");
        assertRefused("retention_bytes", 0, "from 1");
        assertRefused("retention_ms", -5, "from 1");
        assertRefused("sync_interval_ms", 0, "from 1 to 60000");
        assertRefused("sync_interval_ms", 60_001, "from 1 to 60000");
        assertRefused("sync_events", 0, "from 1 to 1000000");
        assertRefused("poll_interval_ms", 0, "from 1 to 1000");
        assertRefused("poll_interval_ms", 1001, "from 1 to 1000");
        assertRefused("segment_bytes", "large", "whole number");
    }

    @Test
    void durabilityIsOneOfThreeModes() {
        assertRefused("durability", "fast", "fast", "group", "os", "sync");
        assertThatCode(() -> new FileBusProducer(with("durability", "GROUP"))).doesNotThrowAnyException();
    }

    @Test
    void watchIsTrueOrFalse() {
        assertRefused("watch", "maybe", "maybe", "false", "true");
        assertRefused("watch", 1, "false", "true");
        assertThat(FileBusSettings.from(Settings.of(Map.of("path", "/x", "watch", false))).watch()).isFalse();
        assertThat(FileBusSettings.from(Settings.of(Map.of("path", "/x", "watch", "FALSE"))).watch()).isFalse();
        assertThat(FileBusSettings.from(Settings.of(Map.of("path", "/x", "watch", true))).watch()).isTrue();
    }

    @Test
    void pathIsRequiredAndNotBlank() {
        InvalidSettingsException missing = catchThrowableOfType(InvalidSettingsException.class,
                () -> new FileBusConsumer(Map.of()));
        assertThat(missing.setting()).isEqualTo("path");
        assertRefused("path", " ", "blank");
        assertRefused("path", 42, "must be text");
    }

    @Test
    void unknownSettingsAreRefusedByName() {
        assertRefused("segment_size", 1024, "segment_size", "segment_bytes");
    }

    @Test
    void oneSettingsMapServesBothPluginsAndNumbersMayBeText() {
        Map<String, Object> all = new HashMap<>();
        all.put("path", "/tmp/never-opened");
        all.put("durability", "os");
        all.put("sync_interval_ms", 5);
        all.put("sync_events", 10);
        all.put("segment_bytes", "1048576");
        all.put("index_interval_bytes", 512);
        all.put("retention_ms", 86_400_000L);
        all.put("retention_bytes", 1L << 40);
        all.put("poll_interval_ms", 2);
        all.put("watch", "false");

        assertThatCode(() -> new FileBusProducer(all)).doesNotThrowAnyException();
        assertThatCode(() -> new FileBusConsumer(all)).doesNotThrowAnyException();
        FileBusSettings read = FileBusSettings.from(Settings.of(all));
        assertThat(read.segmentBytes()).isEqualTo(1_048_576);
        assertThat(read.durability()).isEqualTo(Durability.OS);
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        FileBusSettings defaults = FileBusSettings.from(Settings.of(Map.of("path", "/x")));
        assertThat(defaults.durability()).isEqualTo(Durability.SYNC);
        assertThat(defaults.syncIntervalMs()).isEqualTo(10);
        assertThat(defaults.syncEvents()).isEqualTo(1000);
        assertThat(defaults.segmentBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(defaults.indexIntervalBytes()).isEqualTo(4096);
        assertThat(defaults.retentionMs()).isEmpty();
        assertThat(defaults.retentionBytes()).isEmpty();
        assertThat(defaults.pollIntervalMs()).isEqualTo(5);
        assertThat(defaults.writeBehind()).isFalse();
        assertThat(defaults.watch()).isTrue();
        assertThat(FileBusSettings.defaults(Path.of("/x"))).isEqualTo(defaults);
    }

    @Test
    void theBusIsFoundByTheNameFile() {
        Map<String, Object> settings = Map.of("path", "/tmp/never-opened");
        AbstractMessageBusProducerPlugin producer = MessageBuses.producer("file", settings);
        AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer("file", settings);
        assertThat(producer).isInstanceOf(FileBusProducer.class);
        assertThat(consumer).isInstanceOf(FileBusConsumer.class);
        assertThat(MessageBuses.names(getClass().getClassLoader())).contains("file");
    }
}
