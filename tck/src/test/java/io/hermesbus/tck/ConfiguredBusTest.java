package io.hermesbus.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.InvalidSettingsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings parameter of {@link ConfiguredBusVerification}: a JSON object, read back as written. */
class ConfiguredBusTest {
    @Test
    void settingsCrossTheConfigurationParameterUnchanged() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("name", "x");
        settings.put("max_events", 5);
        settings.put("nested", Map.of("list", List.of(1, "two")));
        assertThat(ConfiguredBus.settings(ConfiguredBus.json(settings))).isEqualTo(settings);
    }

    @Test
    void blankIsNoSettings() {
        assertThat(ConfiguredBus.settings(" ")).isEmpty();
    }

    @Test
    void anythingButAJsonObjectIsRejectedNamingTheParameter() {
        assertThatThrownBy(() -> ConfiguredBus.settings("[1]")).isInstanceOf(InvalidSettingsException.class)
                .hasMessageStartingWith("setting 'hermesbus.tck.settings': must be a JSON object");
        assertThatThrownBy(() -> ConfiguredBus.settings("{name")).isInstanceOf(InvalidSettingsException.class)
                .hasMessageStartingWith("setting 'hermesbus.tck.settings': is not JSON");
    }
}
