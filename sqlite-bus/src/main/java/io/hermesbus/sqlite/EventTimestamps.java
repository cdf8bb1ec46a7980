package io.hermesbus.sqlite;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The {@code timestamp} column: Unix seconds as a double, as Python's {@code datetime.now().timestamp()} gives
 * them (microseconds). Read back to the nearest microsecond, which recovers exactly what was written: a double
 * holds today's seconds to about 0.24 µs.
 */
final class EventTimestamps {
    private static final double MICROS_PER_SECOND = 1e6;

    private EventTimestamps() {
    }

    /** {@code time}, cut to whole microseconds, in Unix seconds. */
    static double toSeconds(Instant time) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, time);
        return micros / MICROS_PER_SECOND;
    }

    /** The instant of {@code seconds}, to the nearest microsecond. */
    static Instant fromSeconds(double seconds) {
        return Instant.EPOCH.plus(Math.round(seconds * MICROS_PER_SECOND), ChronoUnit.MICROS);
    }
}
