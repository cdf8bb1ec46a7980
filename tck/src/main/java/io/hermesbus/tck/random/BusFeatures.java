package io.hermesbus.tck.random;

import io.hermesbus.api.OffsetKind;
import io.hermesbus.tck.BusUnderTest;
import java.time.Duration;

/** What a bus under test declares, read once from each fresh bus, that changes which operations make sense. */
record BusFeatures(OffsetKind offsetKind, boolean supportsRetention, Duration deliveryDelay) {

    /** The declarations of {@code bus} (checked where they are made: {@link BusUnderTest}). */
    static BusFeatures of(BusUnderTest bus) {
        return new BusFeatures(bus.offsetKind(), bus.supportsRetention(), bus.deliveryDelay());
    }

    /** The consumer timeout the check uses: long enough for a published event to arrive, and no longer. */
    int consumerTimeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, deliveryDelay.toMillis());
    }
}
