package com.example.dirbus;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.BusUnderTestFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fresh dir buses for the conformance kit: a new temporary folder per bus, deleted on close; the user's settings
 * (such as {@code poll_interval_ms}) with {@code path} replaced. Registered in
 * {@code META-INF/services/io.hermesbus.tck.BusUnderTestFactory}, so that {@code hermes-bus verify dir
 * --plugin-jar <this jar>} runs the kit; the kit subclass in the tests uses it too.
 */
public final class DirBusUnderTestFactory implements BusUnderTestFactory {
    private final DirBusProvider provider = new DirBusProvider();

    @Override
    public String busName() {
        return provider.name();
    }

    @Override
    public BusUnderTest create(Map<String, ?> settings) {
        Path folder;
        try {
            folder = Files.createTempDirectory("dirbus-tck-");
        } catch (IOException e) {
            throw new HermesBusException("cannot create a temporary folder for a dir bus: " + e, e);
        }
        Map<String, Object> fresh = new LinkedHashMap<>(settings);
        fresh.put(DirBusSettings.PATH, folder.toString());
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
                return true;
            }

            @Override
            public void retainNewest(int count) {
                DirBus.retainNewest(folder, count);
            }

            @Override
            public boolean supportsRawPublishing() {
                return true;
            }

            @Override
            public void publishRaw(String category, String text) {
                DirBus.appendRaw(folder, text); // the category lives inside the JSON, which raw text lacks
            }

            @Override
            public void close() {
                try (Stream<Path> files = Files.walk(folder)) {
                    files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
                } catch (IOException e) {
                    throw new HermesBusException("cannot delete the dir bus folder " + folder + ": " + e, e);
                }
            }
        };
    }
}
