package io.hermesbus.file;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.testing.TempFolders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A file bus in a fresh temporary folder, for the conformance kit; {@link #close()} deletes the folder. With
 * {@link #withRetention()}, one record per segment ({@code segment_bytes = 1}), so that {@link FileBus#retainNewest}
 * keeps exactly the number of events asked.
 */
final class FileBusUnderTest extends BusUnderTest {
    private final FileBusProvider provider = new FileBusProvider();
    private final Path folder = TempFolders.newFolder("file-bus-tck-");
    private final Map<String, Object> settings = new HashMap<>();
    private final boolean retention;

    private FileBusUnderTest(Map<String, Object> extraSettings, boolean retention) {
        settings.put("path", folder.toString());
        settings.putAll(extraSettings);
        this.retention = retention;
    }

    /** One record per segment, default durability (sync); declares retention. */
    static FileBusUnderTest withRetention() {
        return new FileBusUnderTest(Map.of("segment_bytes", 1), true);
    }

    /** Default segment size, group commit; declares no retention. */
    static FileBusUnderTest groupCommit() {
        return new FileBusUnderTest(Map.of("durability", "group"), false);
    }

    Path folder() {
        return folder;
    }

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
        return retention;
    }

    @Override
    public void retainNewest(int count) {
        FileBus.retainNewest(folder, count);
    }

    @Override
    public boolean supportsRawPublishing() {
        return true;
    }

    @Override
    public void publishRaw(String category, String text) {
        FileBus.appendRaw(folder, category, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        TempFolders.deleteRecursively(folder);
    }
}
