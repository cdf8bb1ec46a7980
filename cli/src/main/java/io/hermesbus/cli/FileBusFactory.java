package io.hermesbus.cli;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.Settings;
import io.hermesbus.file.FileBus;
import io.hermesbus.file.FileBusProvider;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.BusUnderTestFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fresh file buses for {@code hermes-bus verify file}: each in a new temporary folder, deleted on close (under the
 * user's {@code path}, if given, so that the kit runs on the file system the user cares about). Unless the user
 * sets {@code segment_bytes}, it is 1 (one record per segment), so that {@link FileBus#retainNewest} keeps exactly
 * the events asked and retention is declared; with another value retention is not declared, since it would keep
 * more. Declares raw publishing ({@link FileBus#appendRaw}). Lives here, not in file-bus, because buses do not
 * depend on the kit.
 */
public final class FileBusFactory implements BusUnderTestFactory {
    private static final String PATH = "path";
    private static final String SEGMENT_BYTES = "segment_bytes";

    private final FileBusProvider provider = new FileBusProvider();

    @Override
    public String busName() {
        return provider.name();
    }

    @Override
    public BusUnderTest create(Map<String, ?> settings) {
        Settings given = Settings.of(settings);
        boolean exactRetention = given.longValue(SEGMENT_BYTES, 1, 1, Integer.MAX_VALUE) == 1;
        Path folder = freshFolder(given);
        Map<String, Object> fresh = new LinkedHashMap<>(settings);
        fresh.put(PATH, folder.toString());
        fresh.putIfAbsent(SEGMENT_BYTES, 1);
        return new BusUnderTest() {
            @Override
            public AbstractMessageBusProducerPlugin newProducer() {
                return provider.producer(fresh);
            }

            @Override
            public AbstractMessageBusConsumerPlugin newConsumer() {
                return provider.consumer(fresh);
            }

            @Override
            public OffsetKind offsetKind() {
                return OffsetKind.INT;
            }

            @Override
            public boolean supportsRetention() {
                return exactRetention;
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
                Folders.deleteRecursively(folder);
            }
        };
    }

    private static Path freshFolder(Settings given) {
        try {
            if (given.has(PATH)) {
                Path parent = Path.of(given.requiredString(PATH));
                Files.createDirectories(parent);
                return Files.createTempDirectory(parent, "hermes-bus-verify-");
            }
            return Files.createTempDirectory("hermes-bus-verify-");
        } catch (IOException e) {
            throw new InvalidSettingsException(PATH, "cannot hold the kit's fresh bus folders: " + Problems.of(e));
        }
    }
}
