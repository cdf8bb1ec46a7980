package io.hermesbus.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.BusUnderTestFactories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code hermes-bus verify file} makes of the user's settings: a fresh folder per bus, under {@code path}. */
class FileBusUnderTestFactoryTest {
    private final FileBusUnderTestFactory factory = new FileBusUnderTestFactory();

    @TempDir
    Path parent;

    private static Path folderOf(BusUnderTest bus) {
        return Path.of((String) bus.settings().get("path"));
    }

    @Test
    void eachBusIsANewFolderUnderPathDeletedOnClose() {
        BusUnderTest first = factory.create(Map.of("path", parent.toString()));
        BusUnderTest second = factory.create(Map.of("path", parent.toString()));
        first.newProducer().open();

        assertThat(folderOf(first)).hasParent(parent).isNotEqualTo(folderOf(second));
        first.close();
        second.close();
        assertThat(parent).isEmptyDirectory();
    }

    @Test
    void writeBehindDeclaresTwoIntervalsAndTheSlackAsDeliveryDelayAndNothingElseDoes() {
        BusUnderTest behind = factory.create(Map.of("path", parent.toString(), "durability", "os",
                "write_behind", "true", "sync_interval_ms", "20"));
        BusUnderTest direct = factory.create(Map.of("path", parent.toString(), "durability", "os"));

        assertThat(behind.deliveryDelay().toMillis()).isEqualTo(2 * 20 + FileBusUnderTestFactory.WRITE_BEHIND_SLACK_MS);
        assertThat(direct.deliveryDelay().isZero()).isTrue();
        behind.close();
        direct.close();
    }

    @Test
    void oneRecordPerSegmentUnlessSetAndRetentionDeclaredOnlyThen() {
        try (BusUnderTest exact = factory.create(Map.of());
             BusUnderTest coarse = factory.create(Map.of("segment_bytes", "4096", "durability", "group"))) {
            assertThat(exact.settings()).containsEntry("segment_bytes", 1L);
            assertThat(exact.supportsRetention()).isTrue();
            assertThat(coarse.settings()).containsEntry("segment_bytes", "4096").containsEntry("durability", "group");
            assertThat(coarse.supportsRetention()).isFalse();
            assertThat(coarse.supportsRawPublishing()).isTrue();
        }
    }

    @Test
    void badSettingsAreRejectedNamingTheSettingBeforeAnyFolderIsMade() throws IOException {
        assertThatThrownBy(() -> factory.create(Map.of("path", parent.toString(), "segment_bytes", 0)))
                .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("setting 'segment_bytes': must be from 1");
        assertThat(parent).isEmptyDirectory();

        Path file = Files.writeString(parent.resolve("a-file"), "");
        assertThatThrownBy(() -> factory.create(Map.of("path", file.toString())))
                .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("setting 'path': cannot hold the folders");
    }

    @Test
    void theKitFindsTheFactoryByTheBusName() {
        assertThat(BusUnderTestFactories.find("file", getClass().getClassLoader())).isInstanceOf(FileBusUnderTestFactory.class);
    }
}
