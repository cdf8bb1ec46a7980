package io.hermesbus.memory;

import io.hermesbus.api.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * The events a memory bus still holds, addressed by event number. Numbers are never reused: deleting the oldest
 * events moves {@link #oldest()} up while {@link #next()} keeps counting. Not thread-safe; {@link MemoryBus}
 * guards it.
 */
final class RetainedEvents {
    private final List<Event> events = new ArrayList<>();
    /** Index in {@link #events} of the oldest retained event; the slots before it are deleted ones. */
    private int head;
    private long oldest;

    /** The number of the oldest retained event; equals {@link #next()} when none is retained. */
    long oldest() {
        return oldest;
    }

    /** The number the next appended event will get. */
    long next() {
        return oldest + size();
    }

    int size() {
        return events.size() - head;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    void append(Event event) {
        events.add(event);
    }

    /** The event numbered {@code number}, which must lie in {@code [oldest(), next())}. */
    Event get(long number) {
        return events.get(head + (int) (number - oldest));
    }

    /** Deletes all but the newest {@code count} events; does nothing when no more than {@code count} are held. */
    void retainNewest(int count) {
        int deleted = size() - count;
        if (deleted <= 0) {
            return;
        }
        for (int i = head; i < head + deleted; i++) {
            events.set(i, null); // let the deleted events be collected before the next compaction
        }
        head += deleted;
        oldest += deleted;
        // removing from the front of a list is linear, so do it only once half the list is dead: amortized O(1)
        if (head > events.size() / 2) {
            events.subList(0, head).clear();
            head = 0;
        }
    }
}
