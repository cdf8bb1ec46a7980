package io.hermesbus.tck.random;

import io.hermesbus.api.OffsetKind;
import io.hermesbus.tck.BusUnderTest;
import java.time.Duration;

/** What a bus under test declares, read once from each fresh bus, that changes which operations make sense. */
record BusFeatures(OffsetKind offsetKind, boolean supportsRetention, Duration deliveryDelay) {

    /**
     * The declarations of {@code bus}.
     *
     * @throws IllegalStateException if a declaration is missing, so that the author is told which one
     */
    static BusFeatures of(BusUnderTest bus) {
        OffsetKind kind = bus.offsetKind();
        if (kind == null) {
            throw new IllegalStateException(bus.getClass().getName() + ".offsetKind() returned null; declare the kind"
                    + " of offset the bus's consumers give");
        }
        Duration delay = bus.deliveryDelay();
        if (delay == null || delay.isNegative()) {
            throw new IllegalStateException(bus.getClass().getName() + ".deliveryDelay() returned " + delay
                    + "; declare Duration.ZERO or a positive worst case");
        }
        return new BusFeatures(kind, bus.supportsRetention(), delay);
    }

    /** The consumer timeout the check uses: long enough for a published event to arrive, and no longer. */
    int consumerTimeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, deliveryDelay.toMillis());
    }
}
