package io.hermesbus.sqlite;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.testing.TempFolders;
import java.nio.file.Path;
import java.util.Map;

/**
 * An SQLite bus file in a fresh temporary folder, for the conformance kit; {@link #close()} deletes the folder.
 * Retention is triggered with plain JDBC (rows deleted oldest first, as a producer's {@code retention_in_days}
 * does), raw text is inserted with plain JDBC into {@code data}. One settings map serves both plugins.
 */
final class SqliteBusUnderTest extends BusUnderTest {
    private final SqliteBusProvider provider = new SqliteBusProvider();
    private final Path folder = TempFolders.newFolder("sqlite-bus-tck-");
    private final RawBusFile raw = new RawBusFile(folder.resolve("bus.sqlite"));
    private final Map<String, Object> settings = Map.of("uri", raw.file().toString(), "retention_in_days", 3650);

    @Override
    public AbstractMessageBusProducerPlugin newProducer() {
        return provider.producer(settings);
    }

    @Override
    public AbstractMessageBusConsumerPlugin newConsumer() {
        return provider.consumer(settings);
    }

    @Override
    public OffsetKind offsetKind() {
        return OffsetKind.INT;
    }

    @Override
    public boolean supportsRetention() {
        return true;
    }

    @Override
    public void retainNewest(int count) {
        raw.retainNewest(count);
    }

    @Override
    public boolean supportsRawPublishing() {
        return true;
    }

    /** The category is not stored apart from the JSON in this format, so {@code category} has nowhere to go. */
    @Override
    public void publishRaw(String category, String text) {
        raw.insertNow(text);
    }

    @Override
    public void close() {
        TempFolders.deleteRecursively(folder);
    }
}
