package io.hermesbus.tck;

import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import java.util.Optional;

/** Offsets the kit makes up to probe a bus: just below, just above or between offsets the bus gave. */
final class Offsets {
    private Offsets() {
    }

    /** An offset of the same kind strictly below {@code offset}, if there is one. */
    static Optional<Offset> below(Offset offset) {
        if (offset instanceof Offset.IntOffset i) {
            return i.value() == Long.MIN_VALUE ? Optional.empty() : Optional.of(Offset.of(i.value() - 1));
        }
        if (offset instanceof Offset.FloatOffset f) {
            return Optional.of(Offset.of(f.value() - Math.max(1.0, Math.abs(f.value()))));
        }
        if (offset instanceof Offset.StrOffset s) {
            // "" is the least string; below any other string
            return s.value().isEmpty() ? Optional.empty() : Optional.of(Offset.of(""));
        }
        byte[] bytes = ((Offset.BytesOffset) offset).value();
        return bytes.length == 0 ? Optional.empty() : Optional.of(Offset.of(new byte[0]));
    }

    /**
     * An offset strictly beyond the end of a bus whose newest offset is {@code newest}: for {@code int} offsets
     * {@code newest + 2} ({@code newest + 1} is the end, which seek accepts); for the others any greater offset.
     */
    static Offset beyondEnd(Offset newest) {
        Offset above = justAbove(newest);
        return newest.kind() == OffsetKind.INT ? justAbove(above) : above;
    }

    /** The least offset of the same kind strictly above {@code offset} ({@link Offset#successor()}). */
    static Offset justAbove(Offset offset) {
        return offset.successor().orElseThrow(() -> new IllegalStateException("no offset lies above " + offset
                + ": the kit's probes need an offset above the newest one a bus gave"));
    }

    /** An offset strictly between {@code low} and {@code high} (same kind, {@code low < high}), if one exists. */
    static Optional<Offset> between(Offset low, Offset high) {
        return low.successor().filter(candidate -> candidate.isBefore(high));
    }

    /** An offset of a kind other than {@code kind}. */
    static Offset ofAnotherKind(OffsetKind kind) {
        return kind == OffsetKind.STR ? Offset.of(0L) : Offset.of("0");
    }
}
