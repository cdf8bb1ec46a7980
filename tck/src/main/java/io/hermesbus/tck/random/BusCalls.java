package io.hermesbus.tck.random;

import io.hermesbus.api.OffsetOutOfRangeException;

/** The two outcomes a step expects from a bus call that returns nothing: it returns, or it refuses an offset. */
final class BusCalls {
    private BusCalls() {
    }

    /** Runs {@code call}; any exception is a divergence from {@code expected}. */
    static void expectReturn(String expected, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            throw new Divergence(expected, Texts.threw(e));
        }
    }

    /** Runs {@code call}, which must throw {@link OffsetOutOfRangeException} and nothing else. */
    static void expectOutOfRange(String expected, Runnable call) {
        try {
            call.run();
        } catch (OffsetOutOfRangeException e) {
            return;
        } catch (RuntimeException e) {
            throw new Divergence(expected, Texts.threw(e));
        }
        throw new Divergence(expected, "returned normally");
    }

    /** Whether the {@code call} that may or may not be refused returned (true) or threw OffsetOutOfRange (false). */
    static boolean returnsOrOutOfRange(String expected, Runnable call) {
        try {
            call.run();
            return true;
        } catch (OffsetOutOfRangeException e) {
            return false;
        } catch (RuntimeException e) {
            throw new Divergence(expected, Texts.threw(e));
        }
    }
}
