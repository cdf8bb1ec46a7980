package io.hermesbus.tck.random;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.OffsetOutOfRangeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads up to {@code count} events with a new iterator: {@code hasNext()}/{@code next()} until {@code count} events
 * or {@code hasNext()} is false. The consumer must yield exactly the events from its position on, and when fewer
 * than {@code count} are there, its iterator must end. A consumer left behind by retention must throw
 * {@code OffsetOutOfRangeException} instead.
 */
record ReadEvents(ConsumerId consumer, int count) implements Operation {

    @Override
    public boolean isApplicable(Model model) {
        return true;
    }

    @Override
    public String describe(Model model) {
        return consumer.label() + ": read up to " + Texts.events(count) + " (position #" + model.position(consumer) + ")";
    }

    @Override
    public void simulate(Model model) {
        int position = model.position(consumer);
        if (position < model.oldest()) {
            return;
        }
        int end = Math.min(position + count, model.size());
        for (int index = position; index < end; index++) {
            model.markSeen(index);
        }
        model.moveTo(consumer, end);
    }

    @Override
    public void check(Model model, BusSession session) {
        AbstractMessageBusConsumerPlugin plugin = session.consumer(consumer);
        int position = model.position(consumer);
        List<Event> observed = new ArrayList<>();
        if (position < model.oldest()) {
            String expected = "OffsetOutOfRangeException from the iterator: " + consumer.label() + " is at #" + position
                    + " but retention deleted the events before #" + model.oldest() + "; position unchanged";
            try {
                readInto(plugin, observed);
            } catch (OffsetOutOfRangeException e) {
                if (observed.isEmpty()) {
                    return;
                }
                throw new Divergence(expected, observedText(observed, e));
            } catch (RuntimeException e) {
                throw new Divergence(expected, observedText(observed, e));
            }
            throw new Divergence(expected, observedText(observed, null));
        }
        int end = Math.min(position + count, model.size());
        RuntimeException failure = null;
        try {
            readInto(plugin, observed);
        } catch (RuntimeException e) {
            failure = e;
        }
        if (failure != null || !sameContents(model, position, end, observed)) {
            throw new Divergence(expectedText(model, position, end),
                    observedText(observed, failure) + firstDifference(model, position, end, observed));
        }
        for (int k = 0; k < observed.size(); k++) {
            model.observe(position + k, observed.get(k));
        }
        model.moveTo(consumer, end);
    }

    private void readInto(AbstractMessageBusConsumerPlugin plugin, List<Event> observed) {
        Iterator<Event> events = plugin.iterator();
        while (observed.size() < count && events.hasNext()) {
            observed.add(events.next());
        }
    }

    private static boolean sameContents(Model model, int position, int end, List<Event> observed) {
        if (observed.size() != end - position) {
            return false;
        }
        for (int k = 0; k < observed.size(); k++) {
            Event event = observed.get(k);
            if (event == null || !event.sameContentAs(model.event(position + k))) {
                return false;
            }
        }
        return true;
    }

    private String expectedText(Model model, int position, int end) {
        StringBuilder text = new StringBuilder(Texts.events(end - position));
        text.append(end - position < count ? ", then hasNext() false (no more events)" : " (as many as asked)");
        for (int index = position; index < end; index++) {
            text.append("\n      ").append(model.expectedText(index));
        }
        return text.toString();
    }

    private String observedText(List<Event> observed, RuntimeException failure) {
        StringBuilder text = new StringBuilder(Texts.events(observed.size()));
        if (failure != null) {
            text.append(", then ").append(Texts.threw(failure));
        } else {
            text.append(observed.size() < count ? ", then hasNext() false" : " (as many as asked)");
        }
        for (Event event : observed) {
            text.append("\n      ").append(event == null ? "null (next() returned null)" : Texts.yielded(event));
        }
        return text.toString();
    }

    /** When the one-line summaries look alike, the full JSON of the first event that differs. */
    private static String firstDifference(Model model, int position, int end, List<Event> observed) {
        for (int k = 0; k < Math.min(observed.size(), end - position); k++) {
            Event expected = model.event(position + k);
            Event actual = observed.get(k);
            if (actual != null && !actual.sameContentAs(expected)
                    && Texts.summary(actual).equals(Texts.summary(expected))) {
                return "\n    first difference, event " + (k + 1) + ": expected\n" + expected.toJson()
                        + "\n    but observed\n" + actual.toJson();
            }
        }
        return "";
    }

    /**
     * This read asking for at least {@code count} events. The shrinker first makes every read read everything: a
     * read that reads further needs fewer steps before it to reach the event that shows the divergence.
     */
    ReadEvents atLeast(int count) {
        return new ReadEvents(consumer, Math.max(this.count, count));
    }

    /** Fewer events, then consumer A. */
    @Override
    public List<Operation> simpler() {
        List<Operation> variants = new ArrayList<>();
        for (int fewer : Simpler.below(count, 1)) {
            variants.add(new ReadEvents(consumer, fewer));
        }
        if (consumer != ConsumerId.A) {
            variants.add(new ReadEvents(ConsumerId.A, count));
        }
        return variants;
    }
}
