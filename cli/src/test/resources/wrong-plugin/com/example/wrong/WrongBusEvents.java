package com.example.wrong;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The events of the wrong buses of this JVM, a list per bus name (offsets: list indexes), and their producer. */
final class WrongBusEvents {
    private static final Map<String, List<Event>> BUSES = new ConcurrentHashMap<>();

    private WrongBusEvents() {
    }

    /** The events of the bus called {@code name}; the list is its own lock, notified on every append. */
    static List<Event> named(String name) {
        return BUSES.computeIfAbsent(name, n -> new ArrayList<>());
    }

    /** Appends each event it is sent to its bus's list. */
    static final class Producer extends AbstractMessageBusProducerPlugin {
        private final List<Event> events;

        Producer(Map<String, ?> settings) {
            super(settings);
            this.events = named(settings().requiredString("name"));
        }

        @Override
        protected void doSend(Event event) {
            synchronized (events) {
                events.add(event.at(Offset.of(events.size()), Instant.now()));
                events.notifyAll();
            }
        }
    }
}
