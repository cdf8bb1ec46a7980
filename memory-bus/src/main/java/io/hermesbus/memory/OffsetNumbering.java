package io.hermesbus.memory;

import io.hermesbus.api.InvalidSettingsException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.Settings;

/**
 * How a memory bus gives its events offsets: event number {@code n} (0, 1, 2, ... in publish order) gets the offset
 * {@code first_offset + n * offset_step}, written in the bus's {@link OffsetKind} (see the README). A numbering is
 * strictly increasing in the number, under the order of its kind, over the numbers that {@linkplain #hasOffset have
 * an offset}: always from 0 on, up to where the arithmetic would overflow (or, for {@code float}, round offsets
 * together).
 */
sealed interface OffsetNumbering permits WholeOffsetNumbering, FloatOffsetNumbering {

    /**
     * The numbering that {@code first_offset} and {@code offset_step} in {@code settings} give a bus of {@code kind}.
     *
     * @throws InvalidSettingsException naming {@code first_offset} or {@code offset_step} if it holds a bad value for
     *     {@code kind}, or if together they leave no offset for a second event
     */
    static OffsetNumbering from(Settings settings, OffsetKind kind) {
        OffsetNumbering numbering = kind == OffsetKind.FLOAT
                ? FloatOffsetNumbering.from(settings)
                : WholeOffsetNumbering.from(settings, kind);
        if (!numbering.hasOffset(1)) {
            // a bus that can take one event only is surely a mistake, better told now than at the second send
            throw new InvalidSettingsException(MemoryBusSettings.OFFSET_STEP, "is " + numbering.offsetStep()
                    + ", which leaves no offset above first_offset " + numbering.firstOffset() + " for a second event: "
                    + numbering.limit() + "; give a smaller first_offset or offset_step");
        }
        return numbering;
    }

    /** The kind of offset this numbering gives. */
    OffsetKind kind();

    /** The offset of event 0, as the {@code first_offset} setting gives it. */
    Number firstOffset();

    /** How far apart the offsets of consecutive events are, as the {@code offset_step} setting gives it. */
    Number offsetStep();

    /**
     * Whether event {@code number} (not negative), all of whose lower numbers have offsets, has one too: an offset
     * strictly above that of {@code number - 1}. A bus publishes numbers in order and stops at the first without one.
     */
    boolean hasOffset(long number);

    /** The offset of event {@code number}, which {@linkplain #hasOffset has one}. */
    Offset offsetOf(long number);

    /** Why offsets run out, for messages: where the kind's offsets end. */
    String limit();
}
