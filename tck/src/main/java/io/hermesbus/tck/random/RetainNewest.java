package io.hermesbus.tck.random;

import java.util.ArrayList;
import java.util.List;

/** The bus's retention deletes all but the newest {@code count} events; only for buses that declare retention. */
record RetainNewest(int count) implements Operation {

    @Override
    public boolean isApplicable(Model model) {
        return model.features().supportsRetention();
    }

    @Override
    public String describe(Model model) {
        int oldestAfter = Math.max(model.oldest(), model.size() - count);
        return "bus: retainNewest(" + count + ") ("
                + (oldestAfter >= model.size() ? "no event retained" : "oldest retained becomes #" + oldestAfter) + ")";
    }

    @Override
    public void simulate(Model model) {
        model.retainNewest(count);
    }

    @Override
    public void check(Model model, BusSession session) {
        BusCalls.expectReturn("retainNewest(" + count + ") returns", () -> session.bus().retainNewest(count));
        simulate(model);
    }

    @Override
    public List<Operation> simpler() {
        List<Operation> variants = new ArrayList<>();
        for (int smaller : Simpler.below(count, 0)) {
            variants.add(new RetainNewest(smaller));
        }
        return variants;
    }
}
