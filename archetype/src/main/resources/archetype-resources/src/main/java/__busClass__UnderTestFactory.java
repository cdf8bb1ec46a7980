package ${package};

import io.hermesbus.api.OffsetKind;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.BusUnderTestFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Fresh, empty ${busName} buses for the conformance kit: one per rule, named at random and dropped after it.
 * Registered in {@code META-INF/services/io.hermesbus.tck.BusUnderTestFactory}, so that
 * {@code hermes-bus verify ${busName} --plugin-jar <this jar>} runs the kit; the kit test uses it too. When you
 * replace the store, make a fresh bus here (a new topic, folder or table) and say how to delete old events and
 * how to publish raw text, or drop those declarations: the rules that need them are then not applicable.
 */
public final class ${busClass}UnderTestFactory implements BusUnderTestFactory {
    private final ${busClass}Provider provider = new ${busClass}Provider();

    @Override
    public String busName() {
        return provider.name();
    }

    @Override
    public BusUnderTest create(Map<String, ?> settings) {
        String name = "tck-" + UUID.randomUUID();
        Map<String, Object> fresh = new LinkedHashMap<>(settings);
        fresh.put(${busClass}Provider.NAME, name);
        return new BusUnderTest(provider, fresh, OffsetKind.INT)
                .withRetention(count -> ${busClass}Store.named(name).retainNewest(count))
                .withRawPublishing((category, text) -> ${busClass}Store.named(name).append(text))
                .onClose(() -> ${busClass}Store.drop(name));
    }
}
