package io.hermesbus.tck.random;

import io.hermesbus.api.Settings;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.BusUnderTestFactory;
import io.hermesbus.tck.random.ListBackedBus.Flaw;
import java.util.Map;
import java.util.Set;

/**
 * The bus {@code list} for the runner's tests: a fresh {@link ListBackedBus} per call, with the flaw named by the
 * setting {@code flaw} (default {@code none}). Registered in this module's test resources.
 */
public final class ListBusFactory implements BusUnderTestFactory {
    @Override
    public String busName() {
        return "list";
    }

    @Override
    public BusUnderTest create(Map<String, ?> settings) {
        Settings checked = Settings.of(settings);
        checked.rejectUnknown(Set.of("flaw"));
        return ListBackedBus.bus(checked.enumValue("flaw", Flaw.class, Flaw.NONE));
    }
}
