package io.hermesbus.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.MessageBuses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings are checked when a plugin is made (no I/O), and what needs the file, when it opens. */
class SettingsTest {
    @TempDir
    Path work;

    private static Map<String, Object> settings(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static void rejects(ThrowingCallable make, String setting, String... saying) {
        assertThatThrownBy(make).isInstanceOf(InvalidSettingsException.class)
                .satisfies(e -> assertThat(((InvalidSettingsException) e).setting()).isEqualTo(setting))
                .hasMessageContainingAll(saying);
    }

    @Test
    void bothPluginsAreFoundByTheNameSqliteAndMakingThemDoesNoIo() {
        Path file = work.resolve("never-created.sqlite");
        Map<String, Object> settings = settings("uri", file.toString(), "retention_in_days", 7);

        assertThat(MessageBuses.names(getClass().getClassLoader())).contains("sqlite");
        assertThat(MessageBuses.consumer("sqlite", settings)).isInstanceOf(SqliteBusConsumer.class);
        assertThat(MessageBuses.producer("sqlite", settings)).isInstanceOf(SqliteBusProducer.class);
        assertThat(file).doesNotExist();
    }

    @Test
    void uriIsRequiredTextNamingAFile() {
        rejects(() -> new SqliteBusConsumer(settings()), "uri", "is missing");
        rejects(() -> new SqliteBusProducer(settings("retention_in_days", 1)), "uri", "is missing");
        rejects(() -> new SqliteBusConsumer(settings("uri", 42)), "uri", "must be text", "42");
        rejects(() -> new SqliteBusConsumer(settings("uri", "  ")), "uri", "must not be blank", "bus.sqlite");
        rejects(() -> new SqliteBusConsumer(settings("uri", ":memory:")), "uri", "not a file path");
        rejects(() -> new SqliteBusConsumer(settings("uri", "file:/tmp/bus.sqlite?mode=ro")), "uri", "not a file path", "file:<uri>?mode=ro");
        rejects(() -> new SqliteBusConsumer(settings("uri", "/tmp/what?.sqlite")), "uri", "contains '?'", "rename");
        rejects(() -> new SqliteBusConsumer(settings("uri", "/tmp/100%.sqlite")), "uri", "contains '%'");
    }

    @Test
    void retentionInDaysIsRequiredByTheProducerAsInHermesAndCheckedWhereverGiven() {
        String uri = work.resolve("bus.sqlite").toString();
        rejects(() -> new SqliteBusProducer(settings("uri", uri)), "retention_in_days", "is missing", "1 to 999999");
        rejects(() -> new SqliteBusProducer(settings("uri", uri, "retention_in_days", 0)), "retention_in_days", "from 1 to 999999", "got 0");
        rejects(() -> new SqliteBusProducer(settings("uri", uri, "retention_in_days", 1_000_000)), "retention_in_days", "got 1000000");
        rejects(() -> new SqliteBusProducer(settings("uri", uri, "retention_in_days", 1.5)), "retention_in_days", "whole number");
        rejects(() -> new SqliteBusConsumer(settings("uri", uri, "retention_in_days", "soon")), "retention_in_days", "whole number", "\"soon\"");

        assertThat(new SqliteBusProducer(settings("uri", uri, "retention_in_days", "30")).settings().asMap())
                .containsEntry("retention_in_days", "30");
        assertThat(new SqliteBusConsumer(settings("uri", uri))).isNotNull();
    }

    @Test
    void anUnknownSettingIsRejectedNamingTheKnownOnes() {
        rejects(() -> new SqliteBusConsumer(settings("uri", "/tmp/x.sqlite", "retention_days", 3)),
                "retention_days", "not a setting", "[retention_in_days, uri]");
    }

    @Test
    void aFolderIsRejectedWhenOpeningNamingUriAndSuggestingAFileInside() throws Exception {
        Path folder = Files.createDirectories(work.resolve("a-folder"));
        Map<String, Object> settings = settings("uri", folder.toString(), "retention_in_days", 1);

        try (AbstractMessageBusConsumerPlugin consumer = new SqliteBusConsumer(settings);
             AbstractMessageBusProducerPlugin producer = new SqliteBusProducer(settings)) {
            rejects(consumer::open, "uri", "is a folder", folder.resolve("bus.sqlite").toString());
            rejects(producer::open, "uri", "is a folder");
        }
    }

    @Test
    void aProducerDoesNotCreateMissingFoldersAndSaysSo() {
        Path file = work.resolve("no/such/folder/bus.sqlite");
        try (AbstractMessageBusProducerPlugin producer = new SqliteBusProducer(settings("uri", file.toString(), "retention_in_days", 1))) {
            rejects(producer::open, "uri", "the folder " + file.getParent(), "does not exist");
        }
        assertThat(work.resolve("no")).doesNotExist();
    }

    @Test
    void aFileThatIsNotAnSqliteDatabaseIsRejectedByBothAndLeftAlone() throws Exception {
        Path file = Files.writeString(work.resolve("notes.txt"), "these are not the events you are looking for\n".repeat(20));
        byte[] before = Files.readAllBytes(file);
        Map<String, Object> settings = settings("uri", file.toString(), "retention_in_days", 1);

        try (AbstractMessageBusConsumerPlugin consumer = new SqliteBusConsumer(settings);
             AbstractMessageBusProducerPlugin producer = new SqliteBusProducer(settings)) {
            rejects(consumer::open, "uri", "is not an SQLite database");
            rejects(producer::open, "uri", "is not an SQLite database");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }
}
