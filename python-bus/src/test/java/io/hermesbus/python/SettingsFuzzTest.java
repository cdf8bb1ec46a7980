package io.hermesbus.python;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.hermesbus.testing.FuzzedSettings;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the python bus's settings: its consumer and producer accept a settings map or refuse it with an
 * InvalidSettingsException naming the setting, never another exception ({@link FuzzedSettings}). Constructing a
 * plugin does no I/O and starts no Python.
 */
class SettingsFuzzTest {
    private static final List<String> NAMES = List.of("python", "hermes_home", "plugin", "plugin_dir", "consumer_plugin",
            "producer_plugin", "settings", "offset_kind", "call_timeout_ms", "keep_alive_ms");

    @FuzzTest(maxDuration = "10m")
    void consumerAndProducer(FuzzedDataProvider data) {
        Map<String, Object> settings = FuzzedSettings.map(data, NAMES);
        FuzzedSettings.accepted(settings, new PythonBusProvider()::consumer);
        FuzzedSettings.accepted(settings, new PythonBusProvider()::producer);
    }
}
