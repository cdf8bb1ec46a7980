package ${package};

import io.hermesbus.api.Deadline;
import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetOutOfRangeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The storage of the example: each bus is a list of events in this JVM, shared by name, with int offsets from 0.
 * REPLACE this class with your bus's client (a connection, a topic, a table); the consumer, the producer and the
 * factory are the only classes that call it. Thread-safe.
 */
final class ${busClass}Store {
    private static final Map<String, ${busClass}Store> BUSES = new ConcurrentHashMap<>();

    /** One event as the bus keeps it: Hermes' JSON, so that the kit can put malformed text here too (rule 8.2). */
    private record Stored(String json, Instant publishedAt) {
    }

    private final String name;
    private final List<Stored> retained = new ArrayList<>();
    /** The offset of {@code retained.get(0)}: retention moves it up. */
    private long oldest;

    private ${busClass}Store(String name) {
        this.name = name;
    }

    /** The bus called {@code name}, made empty on first use. */
    static ${busClass}Store named(String name) {
        return BUSES.computeIfAbsent(name, ${busClass}Store::new);
    }

    /** Forgets the bus called {@code name}; plugins that joined it keep what they hold. */
    static void drop(String name) {
        BUSES.remove(name);
    }

    /** Appends an event's JSON (or any text) at offset {@code end()} and wakes waiting consumers. */
    synchronized void append(String json) {
        retained.add(new Stored(json, Instant.now()));
        notifyAll();
    }

    synchronized long oldest() {
        return oldest;
    }

    /** The offset the next event will get. */
    synchronized long end() {
        return oldest + retained.size();
    }

    /**
     * Waits until the event at {@code offset} is there, at most until {@code deadline}.
     *
     * @return whether it is there
     * @throws OffsetOutOfRangeException if retention deleted it
     */
    synchronized boolean await(long offset, Deadline deadline) throws InterruptedException {
        while (true) {
            requireRetained(offset);
            if (offset < end()) {
                return true;
            }
            if (deadline.passed()) {
                return false;
            }
            if (deadline.isNever()) {
                wait();
            } else {
                wait(Math.max(1, deadline.remainingMs()));
            }
        }
    }

    /**
     * The event at {@code offset}, which {@code await} found, with its offset and publish time.
     *
     * @throws io.hermesbus.api.InvalidEventException if its text is not a Hermes event
     */
    synchronized Event read(long offset) {
        requireRetained(offset);
        Stored stored = retained.get((int) (offset - oldest));
        return Event.fromJson(stored.json()).at(Offset.of(offset), stored.publishedAt());
    }

    /** Deletes all but the newest {@code count} events, as a bus's retention would. */
    synchronized void retainNewest(int count) {
        while (retained.size() > count) {
            retained.remove(0);
            oldest++;
        }
    }

    String name() {
        return name;
    }

    private void requireRetained(long offset) {
        if (offset < oldest) {
            throw new OffsetOutOfRangeException("offset " + offset + " of ${busName} bus '" + name
                    + "' was deleted by retention; the oldest retained is " + oldest);
        }
    }
}
