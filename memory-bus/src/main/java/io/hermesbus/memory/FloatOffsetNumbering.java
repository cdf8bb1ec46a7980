package io.hermesbus.memory;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.Settings;

/**
 * The numbering of {@code float} buses: event {@code n} has the offset {@code first + n * step}, computed in
 * {@code double}s. Offsets run out where that is no longer finite, or no longer above the offset before once rounded:
 * far sooner than with whole numbers when {@code step} is small beside {@code first}.
 *
 * @param first the offset of event 0; finite
 * @param step how much each offset is above the one before (before rounding); finite and above 0
 */
record FloatOffsetNumbering(double first, double step) implements OffsetNumbering {
    /** Without settings: {@code n + 0.5}, the half keeping float offsets visibly apart from int ones. */
    private static final double DEFAULT_FIRST = 0.5;

    /** @throws InvalidSettingsException naming {@code first_offset} or {@code offset_step} if it holds a bad value */
    static FloatOffsetNumbering from(Settings settings) {
        double first = settings.doubleValue(MemoryBusSettings.FIRST_OFFSET, DEFAULT_FIRST);
        double step = settings.doubleValue(MemoryBusSettings.OFFSET_STEP, 1);
        if (step <= 0) {
            throw new InvalidSettingsException(MemoryBusSettings.OFFSET_STEP, "must be above 0, so that offsets"
                    + " increase in publish order; got " + step);
        }
        return new FloatOffsetNumbering(first, step);
    }

    @Override
    public OffsetKind kind() {
        return OffsetKind.FLOAT;
    }

    @Override
    public Double firstOffset() {
        return first;
    }

    @Override
    public Double offsetStep() {
        return step;
    }

    /** Checks the number's own offset against the one before: rounding decides, so no closed form would be exact. */
    @Override
    public boolean hasOffset(long number) {
        double value = valueOf(number);
        return Double.isFinite(value) && (number == 0 || value > valueOf(number - 1));
    }

    @Override
    public Offset offsetOf(long number) {
        return Offset.of(valueOf(number));
    }

    @Override
    public String limit() {
        return "float offsets end where first_offset + number * offset_step, rounded to a double, is no longer finite"
                + " or no longer above the offset before";
    }

    private double valueOf(long number) {
        return first + number * step;
    }
}
