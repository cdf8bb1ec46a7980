package io.hermesbus.file;

import java.util.function.IntConsumer;

/**
 * Test seams, null in production: the crash tests' child processes install a hook here that halts the JVM at a
 * deterministic point, between a batch's write and the force that would make it durable; failure tests make a
 * batch's write fail. Writers call {@link #beforeForce} right before every force of appended records (the sender's
 * force in {@code sync}, the group commit's in {@code group}), passing how many records that force covers, and
 * {@link #beforeWrite} before every write of a batch's records. One volatile read each.
 */
final class CrashSeam {
    /** Called before each force of appended records; set only by tests. */
    static volatile IntConsumer beforeForce;

    /** Called before each write of a batch's records, with their count; a test's hook may throw to fail it. */
    static volatile IntConsumer beforeWrite;

    private CrashSeam() {
    }

    static void beforeWrite(int records) {
        IntConsumer hook = beforeWrite;
        if (hook != null) {
            hook.accept(records);
        }
    }

    static void beforeForce(long records) {
        IntConsumer hook = beforeForce;
        if (hook != null) {
            hook.accept((int) Math.min(Integer.MAX_VALUE, records));
        }
    }
}
