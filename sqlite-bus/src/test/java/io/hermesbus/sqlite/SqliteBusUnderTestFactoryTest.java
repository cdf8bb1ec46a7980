package io.hermesbus.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.BusUnderTestFactories;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code hermes-bus verify sqlite} makes of the user's settings: a fresh file per bus, beside {@code uri}. */
class SqliteBusUnderTestFactoryTest {
    private final SqliteBusUnderTestFactory factory = new SqliteBusUnderTestFactory();

    @TempDir
    Path dir;

    private static Path fileOf(BusUnderTest bus) {
        return Path.of((String) bus.settings().get("uri"));
    }

    @Test
    void eachBusIsANewFileOfTheUrisNameInANewFolderBesideItDeletedOnClose() {
        Path uri = dir.resolve("hermes.sqlite");
        BusUnderTest first = factory.create(Map.of("uri", uri.toString()));
        BusUnderTest second = factory.create(Map.of("uri", uri.toString()));
        try (AbstractMessageBusProducerPlugin producer = first.newProducer()) {
            producer.open();
            producer.send(new Event("base", "added", "Users", 1, Map.of(), 0, false));
        }

        assertThat(fileOf(first)).exists().hasFileName("hermes.sqlite").isNotEqualTo(fileOf(second));
        assertThat(fileOf(first).getParent()).hasParent(dir);
        first.close();
        second.close();
        assertThat(dir).as("the file at uri is never made; every bus's folder is gone").isEmptyDirectory();
    }

    @Test
    void retentionAndRawRowsWorkOnTheFileAndRetentionInDaysIsTheUsersOrTenYears() {
        try (BusUnderTest bus = factory.create(Map.of());
             BusUnderTest users = factory.create(Map.of("uri", dir.resolve("bus.sqlite").toString(), "retention_in_days", "7"))) {
            RawBusFile raw = new RawBusFile(fileOf(bus));
            bus.publishRaw("ignored", "{not json");
            bus.publishRaw("ignored", "{still not json");

            bus.retainNewest(1);

            assertThat(BusFileQueries.rows(raw, "SELECT msgid, data FROM hermesmessages")).containsExactly(List.of(2L, "{still not json"));
            assertThat(bus.supportsRetention()).isTrue();
            assertThat(bus.supportsRawPublishing()).isTrue();
            assertThat(bus.settings()).containsEntry("retention_in_days", 3650L);
            assertThat(fileOf(bus)).hasFileName("bus.sqlite");
            assertThat(users.settings()).containsEntry("retention_in_days", "7");
        }
    }

    @Test
    void badSettingsAreRejectedNamingTheSettingBeforeAnyFolderIsMade() {
        assertThatThrownBy(() -> factory.create(Map.of("uri", dir.resolve("bus.sqlite").toString(), "retention", 7)))
                .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("setting 'retention': is not a setting");
        assertThatThrownBy(() -> factory.create(Map.of("uri", dir.toString())))
                .isInstanceOf(InvalidSettingsException.class).hasMessageStartingWith("setting 'uri': " + dir + " is a folder");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void theKitFindsTheFactoryByTheBusName() {
        assertThat(BusUnderTestFactories.find("sqlite", getClass().getClassLoader())).isInstanceOf(SqliteBusUnderTestFactory.class);
    }
}
