package io.hermesbus.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.BusUnderTestFactories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code hermes-bus verify python} makes of the user's settings: the template filled with a fresh folder per bus. */
class PythonBusUnderTestFactoryTest {
    private final PythonBusUnderTestFactory factory = new PythonBusUnderTestFactory();

    @Test
    void eachBusFillsTheTemplateWithItsOwnFolderDeletedOnClose() {
        Map<String, Object> settings = TestPlugins.settings("sqlitelog",
                "{\"uri\": \"{fresh}/bus.sqlite\", \"topic\": \"t-{fresh_name}\", \"nested\": [{\"keep\": 1}]}");
        BusUnderTest first = factory.create(settings);
        BusUnderTest second = factory.create(settings);
        Map<?, ?> filled = (Map<?, ?>) first.settings().get("settings");
        Path folder = Path.of((String) filled.get("uri")).getParent();

        assertThat(folder).isDirectory().isEmptyDirectory();
        assertThat(filled.get("topic")).isEqualTo("t-" + folder.getFileName());
        assertThat(filled.get("nested")).isEqualTo(java.util.List.of(Map.of("keep", 1)));
        assertThat(((Map<?, ?>) second.settings().get("settings")).get("uri")).isNotEqualTo(filled.get("uri"));
        assertThat(first.offsetKind()).isEqualTo(OffsetKind.INT);
        assertThat(first.supportsRetention()).isFalse();
        assertThat(first.supportsRawPublishing()).isFalse();
        first.close();
        second.close();
        assertThat(Files.exists(folder)).isFalse();
    }

    @Test
    void aTemplateWithoutPlaceholderAndMissingFilesAreRefusedBeforeAnyFolderIsMade() {
        assertThatThrownBy(() -> factory.create(TestPlugins.settings("sqlitelog", "{\"uri\": \"/tmp/bus.sqlite\"}")))
                .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("setting 'settings': has no {fresh}");
        Map<String, Object> settings = new HashMap<>(TestPlugins.settings("sqlitelog", "{\"uri\": \"{fresh}/b\"}"));
        settings.put("plugin", "nosuch");
        assertThatThrownBy(() -> factory.create(settings))
                .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("nosuch.py does not exist");
    }

    @Test
    void theKitFindsTheFactoryByTheBusName() {
        assertThat(BusUnderTestFactories.find("python", getClass().getClassLoader())).isInstanceOf(PythonBusUnderTestFactory.class);
    }
}
