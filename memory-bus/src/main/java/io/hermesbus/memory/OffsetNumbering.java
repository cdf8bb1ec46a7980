package io.hermesbus.memory;

import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import java.nio.ByteBuffer;

/**
 * Maps an event's number on a memory bus (0, 1, 2, ... in publish order) to its offset. Every mapping is
 * strictly increasing in the number, under the order of its {@link OffsetKind}.
 */
final class OffsetNumbering {
    private OffsetNumbering() {
    }

    /** The offset of event number {@code number} (not negative) on a bus of {@code kind}. */
    static Offset offsetOf(OffsetKind kind, long number) {
        return switch (kind) {
            case INT -> Offset.of(number);
            // the half keeps float offsets visibly distinct from int ones, so a mixed-up cache is noticed
            case FLOAT -> Offset.of(number + 0.5);
            // fixed width makes text order agree with number order; 20 digits hold any long
            case STR -> Offset.of(String.format("%020d", number));
            // big-endian of a non-negative long orders the same as unsigned byte comparison
            case BYTES -> Offset.of(ByteBuffer.allocate(Long.BYTES).putLong(number).array());
        };
    }
}
