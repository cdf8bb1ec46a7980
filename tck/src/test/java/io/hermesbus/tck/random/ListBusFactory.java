package io.hermesbus.tck.random;

import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.Settings;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.BusUnderTestFactory;
import io.hermesbus.tck.random.ListBackedBus.Flaw;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The bus {@code list} for the runner's tests: a fresh {@link ListBackedBus} per call, with the flaw named by the
 * setting {@code flaw} (default {@code none}). The setting {@code auth}, any value, is accepted and ignored: it
 * stands for the credentials a real bus takes (Kafka's {@code sasl}), for the tests that check that reports never
 * show a secret. Registered in this module's test resources.
 */
public final class ListBusFactory implements BusUnderTestFactory {
    @Override
    public String busName() {
        return "list";
    }

    @Override
    public BusUnderTest create(Map<String, ?> settings) {
        Settings checked = Settings.of(settings);
        checked.rejectUnknown(Set.of("flaw", "auth"));
        return ListBackedBus.bus(checked.enumValue("flaw", Flaw.class, Flaw.NONE));
    }

    /**
     * A bus whose consumers' {@code hasNext()} blocks, ignoring interrupts, until {@code release} opens: the flaw
     * {@code has_next_hangs} made above never blocks, since nothing would ever release it.
     */
    public static BusUnderTest withHasNextHangingUntil(CountDownLatch release) {
        return ListBackedBus.bus(Flaw.HAS_NEXT_HANGS, OffsetKind.INT, true, release);
    }
}
