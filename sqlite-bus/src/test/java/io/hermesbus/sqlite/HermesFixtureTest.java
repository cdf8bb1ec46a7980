package io.hermesbus.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.MessageBuses;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetOutOfRangeException;
import io.hermesbus.testing.HermesFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the bus file that Hermes' own SQLite producer wrote ({@code shared/fixtures/hermes/sqlite-bus.sqlite}), from
 * a copy, and compares every event with the JSON fixtures Hermes printed for the same events.
 */
class HermesFixtureTest {
    @TempDir
    Path work;

    private Path file;

    @BeforeEach
    void copyTheFixture() {
        file = HermesFixtures.copyOfSqliteBus(work);
    }

    private AbstractMessageBusConsumerPlugin openConsumer() {
        AbstractMessageBusConsumerPlugin consumer = MessageBuses.consumer("sqlite", Map.of("uri", file.toString()));
        consumer.open();
        consumer.setTimeout(0);
        return consumer;
    }

    private List<Event> readAll() {
        List<Event> events = new ArrayList<>();
        try (AbstractMessageBusConsumerPlugin consumer = openConsumer()) {
            consumer.seekToBeginning();
            consumer.forEach(events::add);
        }
        return events;
    }

    @Test
    void theEightEventsReadBackWithOffsetsOneToEightAndHermesJsonByteForByte() {
        List<String> names = HermesFixtures.eventNames();
        assertThat(names).hasSize(8);

        List<Event> events = readAll();

        assertThat(events).hasSize(8);
        for (int i = 0; i < 8; i++) {
            Event event = events.get(i);
            String expectedJson = HermesFixtures.eventJson(names.get(i));
            assertThat(event.offset()).as("offset of event %d", i).isEqualTo(Offset.of(i + 1L));
            assertThat(event.toJson()).as("event %d against %s", i, names.get(i)).isEqualTo(expectedJson);
            assertThat(event.sameContentAs(Event.fromJson(expectedJson))).isTrue();
            // file names are NN-<category>-<type>.json; the type may itself contain '-' (init-start)
            String stem = names.get(i).substring(3, names.get(i).length() - ".json".length());
            assertThat(event.evcategory()).isEqualTo(stem.substring(0, stem.indexOf('-')));
            assertThat(event.eventtype()).isEqualTo(stem.substring(stem.indexOf('-') + 1));
        }
    }

    @Test
    void keysBytesDatetimesAndTextHaveTheirJavaTypes() {
        List<Event> events = readAll();

        assertThat(events.get(0).objpkey()).isNull();
        assertThat(events.get(1).objpkey()).isEqualTo(1L);
        assertThat(events.get(1).objattrs().get("edupersonaffiliation")).isEqualTo(List.of("employee", "member", "staff"));
        Event withBytes = events.get(2);
        assertThat((byte[]) withBytes.objattrs().get("photo")).containsExactly(0x00, 0x01, 0xFE, 0xFF);
        assertThat(withBytes.objattrs().get("birth")).isEqualTo(Instant.parse("1990-12-31T23:59:58Z"));
        assertThat(withBytes.objattrs().get("login")).isEqualTo("j\u00e9r\u00f4me");
        assertThat(events.get(3).objtype()).isEqualTo("GroupsMembers");
        assertThat(events.get(3).objpkey()).isEqualTo(List.of(7L, 2L));
        assertThat(events.get(7).objattrs().get("score")).isEqualTo(12.5);
        assertThat(events.get(7).objattrs().get("active")).isEqualTo(Boolean.TRUE);
    }

    @Test
    void timestampsAreTheRowsUnixSecondsToTheMicrosecond() {
        List<Event> events = readAll();
        List<List<Object>> rows = BusFileQueries.rows(new RawBusFile(file),
                "SELECT msgid, timestamp FROM hermesmessages ORDER BY msgid");

        assertThat(events.get(0).timestamp()).isEqualTo(Instant.parse("2026-11-28T04:14:03.770416Z"));
        assertThat(events.get(7).timestamp()).isEqualTo(Instant.parse("2026-11-28T04:14:03.775878Z"));
        for (int i = 0; i < 8; i++) {
            double seconds = ((Number) rows.get(i).get(1)).doubleValue();
            Instant timestamp = events.get(i).timestamp();
            assertThat(timestamp.getEpochSecond() + timestamp.getNano() / 1e9).as("timestamp of event %d", i)
                    .isCloseTo(seconds, org.assertj.core.data.Offset.offset(1e-6));
            if (i > 0) {
                assertThat(timestamp).as("sent after the one before").isAfter(events.get(i - 1).timestamp());
            }
        }
    }

    @Test
    void categorySearchFindsTheFirstBaseEventAndSeekAcceptsOneToNine() {
        try (AbstractMessageBusConsumerPlugin consumer = openConsumer()) {
            consumer.seekToBeginning();
            Event base = consumer.findNextEventOfCategory("base").orElseThrow();
            assertThat(base.offset()).isEqualTo(Offset.of(6L));
            assertThat(base.eventtype()).isEqualTo("modified");
            assertThat(consumer.iterator().next().offset()).isEqualTo(Offset.of(7L));

            consumer.seek(Offset.of(9L));
            assertThat(consumer.iterator().hasNext()).as("9 is the end: nothing to read").isFalse();
            assertThatThrownBy(() -> consumer.seek(Offset.of(0L))).isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("from the oldest retained event, 1, to 9");
            assertThatThrownBy(() -> consumer.seek(Offset.of(10L))).isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("from the oldest retained event, 1, to 9");
            consumer.seek(Offset.of(1L));
            assertThat(consumer.iterator().next().evcategory()).isEqualTo("initsync");
        }
    }

    @Test
    void readingNeverChangesTheFile() throws Exception {
        byte[] before = Files.readAllBytes(file);
        assertThat(before).as("the copy is the fixture").isEqualTo(HermesFixtures.sqliteBusBytes());

        readAll();
        try (AbstractMessageBusConsumerPlugin consumer = openConsumer()) {
            consumer.findNextEventOfCategory("nothing-of-this");
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (var files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).as("no journal, no WAL left beside it")
                    .containsExactly(HermesFixtures.SQLITE_BUS);
        }
    }
}
