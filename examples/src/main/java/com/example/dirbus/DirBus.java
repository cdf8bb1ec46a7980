package com.example.dirbus;

import io.hermesbus.api.HermesBusException;
import java.io.IOException;
import java.nio.file.Path;

/** Administration of a dir bus folder, beside its producers and consumers: retention, and raw files for tests. */
public final class DirBus {
    private DirBus() {
    }

    /**
     * Deletes the oldest events until at most {@code count} remain. Offsets are never reused. A consumer whose
     * position was deleted gets an {@link io.hermesbus.api.OffsetOutOfRangeException} at its next read.
     */
    public static void retainNewest(Path folder, long count) {
        try {
            new DirBusFolder(folder).retainNewest(count);
        } catch (IOException e) {
            throw new HermesBusException("retention on dir bus " + folder + " failed: " + e, e);
        }
    }

    /**
     * Appends {@code text} where an event's JSON goes, as it is: consumers report text that is no event with an
     * {@link io.hermesbus.api.InvalidEventException} at its offset. For tests.
     */
    public static void appendRaw(Path folder, String text) {
        try {
            new DirBusFolder(folder).append(text);
        } catch (IOException e) {
            throw new HermesBusException("appending to dir bus " + folder + " failed: " + e, e);
        }
    }
}
