package io.hermesbus.memory;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.api.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A uniquely named memory bus for one test, with opened plugins on it; {@link #close()} forgets the bus. */
final class TestBus implements AutoCloseable {
    private final Map<String, Object> settings = new HashMap<>();
    private final List<Runnable> closers = new CopyOnWriteArrayList<>();

    private TestBus(OffsetKind kind, Map<String, ?> more) {
        settings.put("name", "test-" + UUID.randomUUID());
        settings.put("offset_kind", kind.toString());
        settings.putAll(more);
    }

    static TestBus of(OffsetKind kind) {
        return new TestBus(kind, Map.of());
    }

    /** A bus with {@code more} settings besides its name and kind. */
    static TestBus with(OffsetKind kind, Map<String, ?> more) {
        return new TestBus(kind, more);
    }

    static TestBus withMaxEvents(OffsetKind kind, int maxEvents) {
        return with(kind, Map.of("max_events", maxEvents));
    }

    /** A bus whose offsets start at {@code first} in steps of {@code step} (numbers, or text as a command line gives). */
    static TestBus withOffsets(OffsetKind kind, Object first, Object step) {
        return with(kind, Map.of("first_offset", first, "offset_step", step));
    }

    /** The offset of event {@code number} (0, 1, 2, ... in publish order) on a bus of {@code kind} without offset settings. */
    static Offset defaultOffset(OffsetKind kind, long number) {
        return OffsetNumbering.from(Settings.of(Map.of()), kind).offsetOf(number);
    }

    String name() {
        return (String) settings.get("name");
    }

    /** A copy of the settings that plugins of this bus use, to vary in tests. */
    Map<String, Object> settings() {
        return new HashMap<>(settings);
    }

    /** The shared bus; exists once a plugin has been opened. */
    MemoryBus bus() {
        return MemoryBus.named(name()).orElseThrow();
    }

    MemoryBusProducer openProducer() {
        MemoryBusProducer producer = new MemoryBusProducer(settings);
        producer.open();
        closers.add(producer::close);
        return producer;
    }

    /** An open consumer that does not wait: timeout 0. */
    MemoryBusConsumer openConsumer() {
        MemoryBusConsumer consumer = new MemoryBusConsumer(settings);
        consumer.open();
        consumer.setTimeout(0);
        closers.add(consumer::close);
        return consumer;
    }

    /** Publishes events numbered {@code from} to {@code to - 1} (their objpkey), all of {@code category}. */
    void publish(int from, int to, String category) {
        MemoryBusProducer producer = openProducer();
        for (int i = from; i < to; i++) {
            producer.send(event(category, i));
        }
    }

    void publish(int count) {
        publish(0, count, "users");
    }

    static Event event(String category, long key) {
        return new Event(category, "added", "User", key, Map.of("n", key), 0, false);
    }

    /** What the consumer yields from its position until caught up; its timeout should be 0. */
    static List<Event> drain(AbstractMessageBusConsumerPlugin consumer) {
        List<Event> read = new ArrayList<>();
        consumer.forEach(read::add);
        return read;
    }

    /** The objpkeys of {@code events}: which published events they are. */
    static List<Object> keys(List<Event> events) {
        return events.stream().map(Event::objpkey).toList();
    }

    @Override
    public void close() {
        for (Runnable closer : closers) {
            closer.run();
        }
        MemoryBus.drop(name());
    }
}
