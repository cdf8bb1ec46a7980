package io.hermesbus.tck.random;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code findNextEventOfCategory(category)}: returns the first event of {@code category} at or after the position
 * and leaves the position just after it; or, when there is none, returns empty with every event consumed. A
 * consumer left behind by retention must throw {@code OffsetOutOfRangeException} instead.
 */
record FindNextOfCategory(ConsumerId consumer, String category) implements Operation {

    @Override
    public boolean isApplicable(Model model) {
        return true;
    }

    @Override
    public String describe(Model model) {
        return consumer.label() + ": findNextEventOfCategory(\"" + category + "\") (position #"
                + model.position(consumer) + ")";
    }

    @Override
    public void simulate(Model model) {
        int position = model.position(consumer);
        if (position < model.oldest()) {
            return;
        }
        OptionalInt found = model.firstOfCategory(position, category);
        if (found.isPresent()) {
            model.markSeen(found.getAsInt());
            model.moveTo(consumer, found.getAsInt() + 1);
        } else {
            model.moveTo(consumer, model.size());
        }
    }

    @Override
    public void check(Model model, BusSession session) {
        AbstractMessageBusConsumerPlugin plugin = session.consumer(consumer);
        int position = model.position(consumer);
        if (position < model.oldest()) {
            BusCalls.expectOutOfRange("OffsetOutOfRangeException: " + consumer.label() + " is at #" + position
                    + " but retention deleted the events before #" + model.oldest() + "; position unchanged",
                    () -> plugin.findNextEventOfCategory(category));
            return;
        }
        OptionalInt found = model.firstOfCategory(position, category);
        String expected = found.isPresent()
                ? model.expectedText(found.getAsInt()) + " (the first of category " + category + " from #" + position + ")"
                : "empty: no event of category " + category + " from #" + position + " on";
        Optional<Event> observed;
        try {
            observed = plugin.findNextEventOfCategory(category);
        } catch (RuntimeException e) {
            throw new Divergence(expected, Texts.threw(e));
        }
        if (observed == null) {
            throw new Divergence(expected, "null instead of an Optional");
        }
        if (found.isEmpty()) {
            if (observed.isPresent()) {
                throw new Divergence(expected, Texts.yielded(observed.get()));
            }
            model.moveTo(consumer, model.size());
            return;
        }
        if (observed.isEmpty()) {
            throw new Divergence(expected, "empty");
        }
        if (!observed.get().sameContentAs(model.event(found.getAsInt()))) {
            throw new Divergence(expected, Texts.yielded(observed.get()));
        }
        model.observe(found.getAsInt(), observed.get());
        model.moveTo(consumer, found.getAsInt() + 1);
    }

    /** Earlier categories, then consumer A. */
    @Override
    public List<Operation> simpler() {
        List<Operation> variants = new ArrayList<>();
        for (String earlier : Categories.before(category)) {
            variants.add(new FindNextOfCategory(consumer, earlier));
        }
        if (consumer != ConsumerId.A) {
            variants.add(new FindNextOfCategory(ConsumerId.A, category));
        }
        return variants;
    }
}
