package io.hermesbus.tck.random;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/** Where seeds come from: the configured one, a fresh random one, and each sequence's from the run's. */
final class Seeds {
    static final String PROPERTY = "hermesbus.tck.seed";
    static final String ENVIRONMENT_VARIABLE = "HERMESBUS_TCK_SEED";

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final AtomicLong CALLS = new AtomicLong();

    private Seeds() {
    }

    /**
     * The seed from the system property, else from the environment variable, else empty.
     *
     * @throws IllegalArgumentException if the one set is not a whole number, so that a typo does not silently
     *     give a random run
     */
    static OptionalLong configured() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return OptionalLong.of(parse(property, "system property " + PROPERTY));
        }
        String environment = System.getenv(ENVIRONMENT_VARIABLE);
        if (environment != null && !environment.isBlank()) {
            return OptionalLong.of(parse(environment, "environment variable " + ENVIRONMENT_VARIABLE));
        }
        return OptionalLong.empty();
    }

    private static long parse(String text, String source) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " must be a whole number (a run seed printed by a failed"
                    + " rule 10.1), got '" + text + "'", e);
        }
    }

    /** A new run seed. nanoTime alone repeats across quick runs on coarse clocks, hence the counter and mixing. */
    static long random() {
        return mix(System.nanoTime() + CALLS.incrementAndGet() * GOLDEN_GAMMA);
    }

    /** The seed of sequence {@code number} of the run {@code runSeed}: distinct and well spread for each number. */
    static long ofSequence(long runSeed, int number) {
        return mix(runSeed + number * GOLDEN_GAMMA);
    }

    /** Spreads nearby inputs over all 64 bits (the finalizer of the SplitMix64 generator). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
