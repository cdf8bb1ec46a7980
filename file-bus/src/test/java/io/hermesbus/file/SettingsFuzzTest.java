package io.hermesbus.file;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hermesbus.testing.FuzzedSettings;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the file bus's settings: its consumer and producer accept a settings map or refuse it with an
 * InvalidSettingsException naming the setting, never another exception ({@link FuzzedSettings}). Constructing a plugin does no I/O.
 */
class SettingsFuzzTest {
    private static final List<String> NAMES = List.of("path", "durability", "sync_interval_ms", "sync_events", "segment_bytes", "index_interval_bytes",
            "retention_ms", "retention_bytes", "poll_interval_ms", "write_behind", "watch");

    @FuzzTest(maxDuration = "10m")
    void consumerAndProducer(FuzzedDataProvider data) {
        Map<String, Object> settings = FuzzedSettings.map(data, NAMES);
        FuzzedSettings.accepted(settings, new FileBusProvider()::consumer);
        FuzzedSettings.accepted(settings, new FileBusProvider()::producer);
    }
}
