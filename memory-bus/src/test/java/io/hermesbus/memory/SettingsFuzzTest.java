package io.hermesbus.memory;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hermesbus.testing.FuzzedSettings;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the memory bus's settings: its consumer and producer accept a settings map or refuse it with an
 * InvalidSettingsException naming the setting, never another exception ({@link FuzzedSettings}). Constructing a plugin does no I/O.
 */
class SettingsFuzzTest {
    private static final List<String> NAMES = List.of("name", "offset_kind", "first_offset", "offset_step", "max_events");

    @FuzzTest(maxDuration = "10m")
    void consumerAndProducer(FuzzedDataProvider data) {
        Map<String, Object> settings = FuzzedSettings.map(data, NAMES);
        FuzzedSettings.accepted(settings, new MemoryBusProvider()::consumer);
        FuzzedSettings.accepted(settings, new MemoryBusProvider()::producer);
    }
}
