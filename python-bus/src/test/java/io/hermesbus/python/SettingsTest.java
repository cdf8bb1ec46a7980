package io.hermesbus.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.Settings;
import io.hermesbus.python.PythonBusSettings.PluginLocation;
import io.hermesbus.python.PythonBusSettings.Role;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The python bus's settings: where each plugin is, the plugin's own settings, and errors naming the setting. */
class SettingsTest {
    private static PythonBusSettings of(Map<String, ?> settings, Role role) {
        return PythonBusSettings.of(Settings.of(settings), role);
    }

    @Test
    void aPluginNameIsFoundInHermesLayoutUnderPluginDirOrHermesHome() {
        PythonBusSettings home = of(Map.of("hermes_home", "/opt/hermes", "plugin", "sqlite"), Role.PRODUCER);
        PythonBusSettings dir = of(Map.of("plugin_dir", "/srv/plugins", "plugin", "sqlite"), Role.CONSUMER);

        assertThat(home.location(Role.PRODUCER).file()).isEqualTo(Path.of("/opt/hermes/plugins/messagebus_producers/sqlite/sqlite.py"));
        assertThat(dir.location(Role.CONSUMER).file()).isEqualTo(Path.of("/srv/plugins/messagebus_consumers/sqlite/sqlite.py"));
        assertThat(home.python()).isEqualTo("python3");
        assertThat(home.offsetKind()).isEqualTo(OffsetKind.INT);
        assertThat(home.callTimeoutMs()).isEqualTo(10_000);
    }

    @Test
    void eachRoleMayNameItsOwnFolderFileOrModule() {
        Map<String, String> settings = Map.of("consumer_plugin", "./mine", "producer_plugin", "pkg.mod:Producer");

        assertThat(of(settings, Role.CONSUMER).location(Role.CONSUMER).file()).isEqualTo(Path.of("./mine"));
        PluginLocation producer = of(settings, Role.PRODUCER).location(Role.PRODUCER);
        assertThat(producer.module()).isEqualTo("pkg.mod");
        assertThat(producer.className()).isEqualTo("Producer");
        assertThat(of(Map.of("consumer_plugin", "consumer.py"), Role.CONSUMER).location(Role.CONSUMER).file())
                .isEqualTo(Path.of("consumer.py"));
        assertThat(of(Map.of("consumer_plugin", "pkg.mod"), Role.CONSUMER).location(Role.CONSUMER).className()).isNull();
    }

    @Test
    void thePluginsSettingsAreAMapOrItsJsonText() {
        assertThat(of(Map.of("plugin", "x", "plugin_dir", "/p", "settings", "{\"uri\": \"/b\", \"n\": 3}"), Role.CONSUMER)
                .pluginSettings()).containsEntry("uri", "/b").containsEntry("n", 3);
        assertThat(of(Map.of("plugin", "x", "plugin_dir", "/p", "settings", Map.of("uri", "/b")), Role.CONSUMER)
                .pluginSettings()).containsEntry("uri", "/b");
    }

    @Test
    void wrongSettingsAreRejectedNamingTheSetting() {
        assertThatThrownBy(() -> of(Map.of("plugin", "x", "plugin_dir", "/p", "setings", "{}"), Role.CONSUMER))
                .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("setting 'setings': is not a setting");
        assertThatThrownBy(() -> of(Map.of(), Role.CONSUMER))
                .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("setting 'plugin': is missing");
        assertThatThrownBy(() -> of(Map.of("plugin", "x"), Role.CONSUMER))
                .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("setting 'plugin_dir': is missing");
        assertThatThrownBy(() -> of(Map.of("plugin", "../x", "plugin_dir", "/p"), Role.CONSUMER))
                .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("setting 'plugin': must be a plugin's name");
        assertThatThrownBy(() -> of(Map.of("plugin", "x", "plugin_dir", "/p", "settings", "[1]"), Role.CONSUMER))
                .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("setting 'settings': must be a JSON object");
        assertThatThrownBy(() -> of(Map.of("plugin", "x", "plugin_dir", "/p", "settings", "{oops"), Role.CONSUMER))
                .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("setting 'settings': must be a JSON object");
        assertThatThrownBy(() -> of(Map.of("plugin", "x", "plugin_dir", "/p", "offset_kind", "long"), Role.CONSUMER))
                .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("setting 'offset_kind'");
        assertThatThrownBy(() -> of(Map.of("plugin", "x", "plugin_dir", "/p", "call_timeout_ms", 5), Role.CONSUMER))
                .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("setting 'call_timeout_ms'");
        assertThatThrownBy(() -> of(Map.of("consumer_plugin", "mod:"), Role.CONSUMER))
                .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("setting 'consumer_plugin'");
    }

    @Test
    void theConstructorsDoNoIoAndAMissingFileIsNamedAtOpen() {
        Map<String, String> settings = Map.of("plugin", "nope", "plugin_dir", "/no/such/folder");
        try (PythonBusConsumer consumer = new PythonBusConsumer(settings)) {
            assertThatThrownBy(consumer::open).isInstanceOf(InvalidSettingsException.class)
                    .hasMessage("setting 'plugin_dir': the consumer plugin /no/such/folder/messagebus_consumers/nope/nope.py does not exist");
        }
        assertThatThrownBy(() -> new PythonBusProducer(Map.of("plugin", "nope", "plugin_dir", "/p", "python", "/no/python")).open())
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aPythonThatCannotRunIsNamed() {
        Map<String, Object> settings = new java.util.HashMap<>(TinyLog.settings(Path.of("/tmp/unused.sqlite"), Map.of()));
        settings.put("python", "/no/such/python3");
        try (PythonBusConsumer consumer = new PythonBusConsumer(settings)) {
            assertThatThrownBy(consumer::open).isInstanceOf(InvalidSettingsException.class)
                    .hasMessageStartingWith("setting 'python': cannot run /no/such/python3");
        }
    }
}
