package io.hermesbus.tck.random;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Candidate smaller parameter values, shared by the steps' {@code simpler()}. */
final class Simpler {
    private Simpler() {
    }

    /** Values below {@code value} and not below {@code floor}: the floor itself first, then halfway, then one less. */
    static List<Integer> below(int value, int floor) {
        Set<Integer> candidates = new LinkedHashSet<>(List.of(floor, floor + (value - floor) / 2, value - 1));
        List<Integer> result = new ArrayList<>();
        for (int candidate : candidates) {
            if (candidate >= floor && candidate < value) {
                result.add(candidate);
            }
        }
        return result;
    }
}
