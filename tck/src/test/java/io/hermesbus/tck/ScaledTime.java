package io.hermesbus.tck;

import java.util.function.Supplier;

/** Runs test code with the kit's time scale ({@link TckTimeouts#SCALE_PROPERTY}) set, and restores it after. */
final class ScaledTime {
    private ScaledTime() {
    }

    /** What {@code action} returns, run with every kit timeout multiplied by {@code scale}. */
    static <T> T at(double scale, Supplier<T> action) {
        String before = System.getProperty(TckTimeouts.SCALE_PROPERTY);
        System.setProperty(TckTimeouts.SCALE_PROPERTY, Double.toString(scale));
        try {
            return action.get();
        } finally {
            if (before == null) {
                System.clearProperty(TckTimeouts.SCALE_PROPERTY);
            } else {
                System.setProperty(TckTimeouts.SCALE_PROPERTY, before);
            }
        }
    }
}
