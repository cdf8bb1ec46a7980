package com.example.dirbus;

import io.hermesbus.api.OffsetKind;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.BusUnderTestFactory;
import io.hermesbus.tck.FreshFolders;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fresh dir buses for the conformance kit: a new temporary folder per bus, deleted on close; the user's settings
 * (such as {@code poll_interval_ms}) with {@code path} replaced. Registered in
 * {@code META-INF/services/io.hermesbus.tck.BusUnderTestFactory}, so that {@code hermes-bus verify dir
 * --plugin-jar <this jar>} runs the kit; the kit subclass in the tests uses it too.
 */
public final class DirBusUnderTestFactory implements BusUnderTestFactory {
    private final DirBusProvider provider = new DirBusProvider();

    @Override
    public BusUnderTest create(Map<String, ?> settings) {
        Path folder = FreshFolders.create();
        Map<String, Object> fresh = new LinkedHashMap<>(settings);
        fresh.put(DirBusSettings.PATH, folder.toString());
        return new BusUnderTest(provider, fresh, OffsetKind.INT)
                .withRetention(count -> DirBus.retainNewest(folder, count))
                // the category lives inside the JSON, which raw text lacks
                .withRawPublishing((category, text) -> DirBus.appendRaw(folder, text))
                .onClose(() -> FreshFolders.delete(folder));
    }

    @Override
    public String busName() {
        return provider.name();
    }
}
