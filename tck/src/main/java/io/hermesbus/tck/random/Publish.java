package io.hermesbus.tck.random;

import io.hermesbus.api.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The producer publishes {@code event}; it becomes the next index in the model. */
record Publish(Event event) implements Operation {

    @Override
    public boolean isApplicable(Model model) {
        return true;
    }

    @Override
    public String describe(Model model) {
        return "publish #" + model.size() + ": " + Texts.summary(event);
    }

    @Override
    public void simulate(Model model) {
        model.publish(event);
    }

    @Override
    public void check(Model model, BusSession session) {
        BusCalls.expectReturn("send() returns", () -> session.producer().send(event));
        model.publish(event);
    }

    /** The simplest content of the same category, then the content without attributes, then earlier categories. */
    @Override
    public List<Operation> simpler() {
        List<Operation> variants = new ArrayList<>();
        Event bare = new Event(event.evcategory(), "added");
        if (!event.sameContentAs(bare)) {
            variants.add(new Publish(bare));
        }
        if (!event.objattrs().isEmpty()) {
            variants.add(new Publish(new Event(event.evcategory(), event.eventtype(), event.objtype(), event.objpkey(),
                    Map.of(), event.step(), event.isPartiallyProcessed())));
        }
        for (String category : Categories.before(event.evcategory())) {
            variants.add(new Publish(new Event(category, event.eventtype(), event.objtype(), event.objpkey(),
                    event.objattrs(), event.step(), event.isPartiallyProcessed())));
        }
        return variants;
    }
}
