package io.hermesbus.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBuses;
import io.hermesbus.api.Offset;
import io.hermesbus.testing.HermesFixtures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus' bus file ({@code shared/fixtures/hermes/corpus/hermes-bus.sqlite}: the 1,203 corpus events of random
 * values, sent by Hermes' own SQLite producer) reads back through the SQLite bus in order, every event the one
 * Hermes read from the same text; and our producer writes the rows Hermes would write of them.
 */
class HermesCorpusBusTest {
    @TempDir
    Path work;

    private static List<Event> readAll(Path file) {
        List<Event> events = new ArrayList<>();
        try (AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer("sqlite", Map.of("uri", file.toString()))) {
            consumer.open();
            consumer.setTimeout(0);
            consumer.seekToBeginning();
            consumer.forEach(events::add);
        }
        return events;
    }

    private static List<List<Object>> rows(Path file) {
        return BusFileQueries.rows(new RawBusFile(file), "SELECT msgid, data FROM hermesmessages ORDER BY msgid");
    }

    @Test
    void everyCorpusEventReadsBackInOrderAsHermesReadItsText() {
        Path file = HermesFixtures.copyOfCorpusSqliteBus(work);
        List<String> names = HermesFixtures.corpusNames();
        List<List<Object>> rows = rows(file);
        // Hermes' producer sent the events it read: the rows hold what it writes of them (the three events of
        // other Hermes versions as their expected.json, every other one as its own text), msgid 1 = 0000
        assertThat(rows).hasSize(names.size());
        for (int i = 0; i < names.size(); i++) {
            assertThat(rows.get(i)).as("row %d", i).containsExactly((long) i + 1, HermesFixtures.corpusExpected(names.get(i)));
        }

        List<Event> events = readAll(file);

        assertThat(events).hasSize(names.size());
        Instant previous = Instant.MIN;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Event event = events.get(i);
            assertThat(event.offset()).as("offset of %s", name).isEqualTo(Offset.of(i + 1L));
            assertThat(event.toJson()).as("%s written again", name).isEqualTo(HermesFixtures.corpusExpected(name));
            assertThat(event.sameContentAs(Event.fromJson(HermesFixtures.corpusText(name)))).as(name).isTrue();
            assertThat(event.timestamp()).as("timestamp of %s: Hermes sent them in order", name).isAfterOrEqualTo(previous);
            previous = event.timestamp();
        }
    }

    @Test
    void ourProducerWritesTheRowsHermesWritesOfThem() {
        Path file = work.resolve("ours.sqlite");
        List<String> names = HermesFixtures.corpusNames();
        try (AbstractMessageBusProducerPlugin producer = MessageBuses.producer("sqlite",
                Map.of("uri", file.toString(), "retention_in_days", 1))) {
            producer.open();
            for (String name : names) {
                producer.send(Event.fromJson(HermesFixtures.corpusText(name)));
            }
        }

        List<List<Object>> rows = rows(file);

        assertThat(rows).hasSize(names.size());
        for (int i = 0; i < names.size(); i++) {
            assertThat(rows.get(i)).as("row %d", i).containsExactly((long) i + 1, HermesFixtures.corpusExpected(names.get(i)));
        }
    }
}
