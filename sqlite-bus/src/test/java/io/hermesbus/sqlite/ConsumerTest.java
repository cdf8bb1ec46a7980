package io.hermesbus.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.HermesBusException;
import io.hermesbus.api.InvalidEventException;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetOutOfRangeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consumer's decisions beyond the kit: a file that is not there yet, gaps, an empty table, foreign rows and files. */
class ConsumerTest {
    @TempDir
    Path work;

    private Path file;
    private RawBusFile raw;
    private Map<String, Object> settings;

    @BeforeEach
    void names() {
        file = work.resolve("bus.sqlite");
        raw = new RawBusFile(file);
        settings = Map.of("uri", file.toString(), "retention_in_days", 3650);
    }

    private SqliteBusConsumer openConsumer(Integer timeoutMs) {
        SqliteBusConsumer consumer = new SqliteBusConsumer(settings);
        consumer.setTimeout(timeoutMs);
        consumer.open();
        return consumer;
    }

    private static Event event(String category, long seq) {
        return new Event(category, "added", "Users", seq, Map.of("seq", seq), 0, false);
    }

    private void send(Event... events) {
        try (AbstractMessageBusProducerPlugin producer = new SqliteBusProducer(settings)) {
            producer.open();
            for (Event event : events) {
                producer.send(event);
            }
        }
    }

    @Test
    void aMissingFileIsABusWithNothingWrittenYetAndTheConsumerWaitsForItWithinItsTimeout() throws Exception {
        try (SqliteBusConsumer consumer = openConsumer(300)) {
            assertThat(file).doesNotExist();
            long start = System.nanoTime();
            assertThat(consumer.iterator().hasNext()).isFalse();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("waited its timeout").isGreaterThanOrEqualTo(270);
            consumer.seek(Offset.of(1L)); // where the first event will be
            assertThatThrownBy(() -> consumer.seek(Offset.of(2L))).isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("holds no event, so the only offset accepted is 1");
            assertThat(file).as("a consumer never creates the file").doesNotExist();

            consumer.setTimeout(20_000);
            CompletableFuture<Event> waiting = CompletableFuture.supplyAsync(() -> consumer.iterator().next());
            Thread.sleep(100);
            send(event("base", 1));
            Event first = waiting.get(30, TimeUnit.SECONDS);
            assertThat(first.offset()).isEqualTo(Offset.of(1L));
            assertThat(first.objattrs().get("seq")).isEqualTo(1L);
        }
    }

    @Test
    void aConsumerOpenedBeforeTheFileExistsReadsItFromTheBeginningOnceItDoes() {
        try (SqliteBusConsumer consumer = openConsumer(0)) {
            send(event("base", 1), event("base", 2));
            assertThat(consumer.iterator().next().offset()).isEqualTo(Offset.of(1L));
            assertThat(consumer.iterator().next().offset()).isEqualTo(Offset.of(2L));
        }
    }

    @Test
    void anEmptyTableAcceptsOnlyTheEndWhereTheNextEventWillBe() {
        send(event("base", 1), event("base", 2), event("base", 3));
        raw.retainNewest(0);

        try (SqliteBusConsumer consumer = openConsumer(0)) {
            assertThat(consumer.iterator().hasNext()).isFalse();
            for (long refused : new long[] {0, 1, 3, 5}) {
                assertThatThrownBy(() -> consumer.seek(Offset.of(refused))).isInstanceOf(OffsetOutOfRangeException.class)
                        .hasMessageContaining("offset " + refused)
                        .hasMessageContaining("holds no event, so the only offset accepted is 4");
            }
            consumer.seek(Offset.of(4L));
            consumer.seekAfter(Offset.of(3L)); // the newest deleted one: nothing was missed
            send(event("base", 4));
            Event next = consumer.iterator().next();
            assertThat(next.offset()).as("AUTOINCREMENT never reuses a msgid").isEqualTo(Offset.of(4L));
        }
    }

    @Test
    void seekingIntoAGapLeftByADeletedRowMovesToTheNextRow() {
        send(event("base", 1), event("base", 2), event("base", 3));
        // the middle row deleted by hand, as an administrator could
        try (Connection connection = raw.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM hermesmessages WHERE msgid = 2");
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        try (SqliteBusConsumer consumer = openConsumer(0)) {
            consumer.seek(Offset.of(2L));
            assertThat(consumer.iterator().next().offset()).isEqualTo(Offset.of(3L));
            consumer.seekToBeginning();
            assertThat(consumer.iterator().next().offset()).isEqualTo(Offset.of(1L));
            assertThat(consumer.iterator().next().offset()).as("iteration steps over the gap").isEqualTo(Offset.of(3L));
        }
    }

    @Test
    void malformedDataStopsACategorySearchAtItsOffsetAndSeekAfterResumesTheSearch() {
        send(event("base", 1));
        long bad = raw.insertNow("{\"evcategory\": \"base\", \"eventtype\": ");
        long notText = raw.insertNow("{\"evcategory\": 7}");
        send(event("accounts", 4), event("wanted", 5));

        try (SqliteBusConsumer consumer = openConsumer(0)) {
            for (int attempt = 0; attempt < 2; attempt++) {
                InvalidEventException error = catchThrowableOfType(InvalidEventException.class,
                        () -> consumer.findNextEventOfCategory("wanted"));
                assertThat(error.offset()).as("attempt %d", attempt).contains(Offset.of(bad));
            }
            consumer.seekAfter(Offset.of(bad));
            InvalidEventException second = catchThrowableOfType(InvalidEventException.class,
                    () -> consumer.findNextEventOfCategory("wanted"));
            assertThat(second.offset()).as("an evcategory that is not text is not skipped silently").contains(Offset.of(notText));
            consumer.seekAfter(Offset.of(notText));
            Optional<Event> found = consumer.findNextEventOfCategory("wanted");
            assertThat(found).map(Event::offset).contains(Offset.of(5L));
        }
    }

    @Test
    void validJsonOfAnotherCategoryIsSkippedWithoutDecodingEvenIfItIsNoEvent() {
        raw.insertNow("{\"evcategory\": \"other\", \"not\": \"an event\"}");
        send(event("wanted", 2));

        try (SqliteBusConsumer consumer = openConsumer(0)) {
            assertThat(consumer.findNextEventOfCategory("wanted")).map(Event::offset).contains(Offset.of(2L));
            consumer.seekToBeginning();
            assertThatThrownBy(() -> consumer.iterator().next()).isInstanceOf(InvalidEventException.class)
                    .satisfies(e -> assertThat(((InvalidEventException) e).offset()).contains(Offset.of(1L)));
        }
    }

    @Test
    void aTimestampThatIsNotANumberIsAnInvalidEventAtItsOffset() throws Exception {
        send(event("base", 1));
        try (Connection connection = raw.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE hermesmessages SET timestamp = 'yesterday' WHERE msgid = 1");
        }

        try (SqliteBusConsumer consumer = openConsumer(0)) {
            Iterator<Event> events = consumer.iterator();
            assertThatThrownBy(events::hasNext).isInstanceOf(InvalidEventException.class)
                    .hasMessageContaining("offset 1").hasMessageContaining("yesterday");
        }
    }

    @Test
    void aTableThatIsNotHermesIsReportedNamingBothSchemas() throws Exception {
        try (Connection connection = raw.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE hermesmessages (id INTEGER PRIMARY KEY, body BLOB)");
        }

        assertThatThrownBy(() -> openConsumer(0)).isInstanceOf(HermesBusException.class)
                .hasMessageContaining("is not Hermes' SQLite bus").hasMessageContaining("body")
                .hasMessageContaining("msgid INTEGER PRIMARY KEY AUTOINCREMENT");
        assertThatThrownBy(() -> send(event("base", 1))).isInstanceOf(HermesBusException.class)
                .hasMessageContaining("is not Hermes' SQLite bus");
    }

    @Test
    void aFileReplacedUnderAConsumerWhoseSequenceWentBackIsReportedNotWaitedOnForever() throws Exception {
        send(event("base", 1), event("base", 2), event("base", 3));
        try (SqliteBusConsumer consumer = openConsumer(0)) {
            consumer.seek(Offset.of(4L));
            try (Connection connection = raw.connect(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM hermesmessages");
                statement.executeUpdate("UPDATE sqlite_sequence SET seq = 0 WHERE name = 'hermesmessages'");
            }
            send(event("base", 1));

            assertThatThrownBy(() -> consumer.iterator().hasNext()).isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("position 4").hasMessageContaining("beyond its end, 2");
            consumer.seekToBeginning();
            assertThat(consumer.iterator().next().offset()).isEqualTo(Offset.of(1L));
        }
    }

    @Test
    void aWriterLockOfAMomentIsWaitedForEvenWithTimeoutZero() throws Exception {
        send(event("base", 1));
        try (SqliteBusConsumer consumer = openConsumer(0); Connection locker = raw.connect()) {
            try (Statement statement = locker.createStatement()) {
                statement.execute("BEGIN EXCLUSIVE");
            }
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(300);
                    try (Statement statement = locker.createStatement()) {
                        statement.execute("COMMIT");
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Event event = consumer.iterator().next();
            release.get(30, TimeUnit.SECONDS);
            assertThat(event.offset()).isEqualTo(Offset.of(1L));
        }
    }

    @Test
    void aLockHeldLongerThanTheConsumerWaitsIsABusFileLockedExceptionAndThePositionStays() throws Exception {
        send(event("base", 1));
        try (SqliteBusConsumer consumer = openConsumer(0); Connection locker = raw.connect()) {
            try (Statement statement = locker.createStatement()) {
                statement.execute("BEGIN EXCLUSIVE");
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> consumer.iterator().hasNext()).isInstanceOf(BusFileLockedException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("stayed locked")
                    .hasMessageContaining("position is unchanged");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("waited its lock patience")
                    .isGreaterThanOrEqualTo(SqliteBusConsumer.LOCK_PATIENCE_MS - 100);
            try (Statement statement = locker.createStatement()) {
                statement.execute("COMMIT");
            }

            assertThat(consumer.iterator().next().offset()).isEqualTo(Offset.of(1L));
        }
    }

    @Test
    void aFileDeletedBeforeOpenReadsAsABusWithNothingWrittenYet() throws Exception {
        send(event("base", 1));
        Files.delete(file);
        try (AbstractMessageBusConsumerPlugin consumer = openConsumer(0)) {
            assertThat(consumer.iterator().hasNext()).isFalse();
            consumer.seek(Offset.of(1L));
            assertThatThrownBy(() -> consumer.seek(Offset.of(2L))).isInstanceOf(OffsetOutOfRangeException.class);
        }
    }
}
