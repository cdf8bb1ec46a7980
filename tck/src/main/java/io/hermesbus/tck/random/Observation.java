package io.hermesbus.tck.random;

import io.hermesbus.api.Offset;
import java.time.Instant;

/**
 * The offset and timestamp a consumer gave for one published event the first time it yielded it. The model learns
 * offsets only this way, because the bus, not the kit, chooses them.
 */
record Observation(Offset offset, Instant timestamp) {
}
