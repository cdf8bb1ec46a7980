package io.hermesbus.file;

import java.util.function.IntConsumer;

/**
 * A test seam, null in production: the crash tests' child processes install a hook here that halts the JVM at a
 * deterministic point, between a batch's write and the force that would make it durable. Writers call
 * {@link #beforeForce} right before every force of appended records (the sender's force in {@code sync}, the
 * group commit's in {@code group}), passing how many records that force covers. One volatile read per force.
 */
final class CrashSeam {
    /** Called before each force of appended records; set only by tests. */
    static volatile IntConsumer beforeForce;

    private CrashSeam() {
    }

    static void beforeForce(long records) {
        IntConsumer hook = beforeForce;
        if (hook != null) {
            hook.accept((int) Math.min(Integer.MAX_VALUE, records));
        }
    }
}
