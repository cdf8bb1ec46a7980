package io.hermesbus.memory;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.Settings;
import java.nio.ByteBuffer;

/**
 * The numbering of {@code int}, {@code str} and {@code bytes} buses: event {@code n} has the whole number
 * {@code first + n * step}, up to {@link Long#MAX_VALUE}, given as an {@code int} offset, as 20 decimal digits
 * (zero-padded) or as 8 bytes (big-endian).
 *
 * @param kind {@code int}, {@code str} or {@code bytes}
 * @param first the number of event 0; not negative unless {@code kind} is {@code int}
 * @param step how much each event's number is above the one before; at least 1
 */
record WholeOffsetNumbering(OffsetKind kind, long first, long step) implements OffsetNumbering {

    /** @throws InvalidSettingsException naming {@code first_offset} or {@code offset_step} if it holds a bad value */
    static WholeOffsetNumbering from(Settings settings, OffsetKind kind) {
        long first = settings.longValue(MemoryBusSettings.FIRST_OFFSET, 0, Long.MIN_VALUE, Long.MAX_VALUE);
        if (first < 0 && kind != OffsetKind.INT) {
            // both "-1" against "00" and the sign bit against unsigned bytes would put negative numbers last
            throw new InvalidSettingsException(MemoryBusSettings.FIRST_OFFSET, "is " + first + ", but " + kind
                    + " offsets hold the number as " + (kind == OffsetKind.STR ? "decimal digits" : "big-endian bytes")
                    + ", which order only numbers of 0 or more; give a first_offset of 0 or more, or offset_kind int");
        }
        long step = settings.longValue(MemoryBusSettings.OFFSET_STEP, 1, 1, Long.MAX_VALUE);
        return new WholeOffsetNumbering(kind, first, step);
    }

    @Override
    public Long firstOffset() {
        return first;
    }

    @Override
    public Long offsetStep() {
        return step;
    }

    @Override
    public boolean hasOffset(long number) {
        // unsigned: the room above first exceeds a long when first is negative
        long lastNumber = Long.divideUnsigned(Long.MAX_VALUE - first, step);
        return Long.compareUnsigned(number, lastNumber) <= 0;
    }

    @Override
    public Offset offsetOf(long number) {
        return written(first + number * step);
    }

    @Override
    public String limit() {
        return kind + " offsets end at " + written(Long.MAX_VALUE);
    }

    private Offset written(long value) {
        return switch (kind) {
            case INT -> Offset.of(value);
            // fixed width makes text order agree with number order; 20 digits hold any long
            case STR -> Offset.of(String.format("%020d", value));
            // big-endian of a non-negative long orders the same as unsigned byte comparison
            case BYTES -> Offset.of(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
            case FLOAT -> throw new IllegalStateException("float offsets are numbered by FloatOffsetNumbering");
        };
    }
}
