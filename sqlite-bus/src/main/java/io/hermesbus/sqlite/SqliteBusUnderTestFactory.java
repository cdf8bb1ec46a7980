package io.hermesbus.sqlite;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.Settings;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.BusUnderTestFactory;
import io.hermesbus.tck.FreshFolders;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fresh SQLite buses for the conformance kit ({@code hermes-bus verify sqlite}, and this module's kit tests): a
 * new bus file in a new folder ({@link FreshFolders}) per bus; closing the bus deletes the folder, with the file
 * and SQLite's journal.
 *
 * <p>With a {@code uri}, the new folders are made in the folder that holds it, and each file takes its name, so
 * that the kit runs on the file system of the user's bus; the file at {@code uri} itself is never opened (it may
 * be a running Hermes' bus). Without, they go to the system's temporary folder and the files are called
 * {@code bus.sqlite}. {@code retention_in_days} is the user's, else 3650 (a producer requires it; the kit's events
 * are all recent, so no producer deletes them).
 *
 * <p>Declares retention: all rows but the newest are deleted, oldest first, as a producer's
 * {@code retention_in_days} deletes them (without {@code VACUUM}). Declares raw publishing: a row whose
 * {@code data} is the raw text, sent now (the category has nowhere to go: in this format it lives inside
 * {@code data}).
 *
 * <p>Compiled against the kit, which this module's users never need: Hermes never loads this class.
 */
public final class SqliteBusUnderTestFactory implements BusUnderTestFactory {
    private static final String DEFAULT_FILE_NAME = "bus.sqlite";
    private static final long DEFAULT_RETENTION_IN_DAYS = 3650;

    private final SqliteBusProvider provider = new SqliteBusProvider();

    /**
     * @throws InvalidSettingsException naming the setting, if one is unknown or invalid, if {@code uri} is a
     *     folder, or if no folder can be created beside it
     */
    @Override
    public BusUnderTest create(Map<String, ?> settings) {
        Map<String, Object> fresh = new LinkedHashMap<>(settings);
        fresh.putIfAbsent(SqliteBusSettings.URI, Path.of(System.getProperty("java.io.tmpdir"), DEFAULT_FILE_NAME).toString());
        fresh.putIfAbsent(SqliteBusSettings.RETENTION_IN_DAYS, DEFAULT_RETENTION_IN_DAYS);
        // every setting checked before a folder is made; uri then only says where the bus files go
        Path given = SqliteBusSettings.forProducer(Settings.of(fresh)).file().toAbsolutePath();
        BusFiles.requireNotAFolder(given);
        Path folder = FreshFolders.createIn(given.getParent(), SqliteBusSettings.URI);
        RawBusFile raw = new RawBusFile(folder.resolve(given.getFileName()));
        fresh.put(SqliteBusSettings.URI, raw.file().toString());
        return new BusUnderTest(provider, fresh, OffsetKind.INT)
                .withRetention(raw::retainNewest)
                .withRawPublishing((category, text) -> raw.insertNow(text))
                .onClose(() -> FreshFolders.delete(folder));
    }

    @Override
    public String busName() {
        return provider.name();
    }
}
