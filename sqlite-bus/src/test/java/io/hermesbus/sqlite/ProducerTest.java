package io.hermesbus.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hermesbus.api.AbstractMessageBusProducerPlugin;
import io.hermesbus.api.Event;
import io.hermesbus.api.Offset;
import io.hermesbus.api.OffsetOutOfRangeException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The producer's retention on open, as Hermes' does it, and its waiting for other writers' locks. */
class ProducerTest {
    private static final long DAY = 86_400;

    @TempDir
    Path work;

    private Path file;
    private RawBusFile raw;

    @BeforeEach
    void names() {
        file = work.resolve("bus.sqlite");
        raw = new RawBusFile(file);
    }

    private SqliteBusProducer producer(int retentionInDays) {
        return new SqliteBusProducer(Map.of("uri", file.toString(), "retention_in_days", retentionInDays));
    }

    private static Event event(long seq) {
        return new Event("base", "added", "Users", seq, Map.of("seq", seq), 0, false);
    }

    private static double secondsAgo(Duration age) {
        return Instant.now().minus(age).toEpochMilli() / 1000.0;
    }

    private long single(String sql) {
        return ((Number) BusFileQueries.rows(raw, sql).get(0).get(0)).longValue();
    }

    @Test
    void openDeletesEventsOlderThanRetentionThenVacuumsKeepingTheSequence() {
        String big = "{\"evcategory\": \"base\", \"filler\": \"" + "x".repeat(4000) + "\"}";
        for (int i = 0; i < 100; i++) {
            raw.insert(big, secondsAgo(Duration.ofDays(10)));
        }
        long keptOld = raw.insert(event(101).toJson(), secondsAgo(Duration.ofDays(4)));
        long recent = raw.insert(event(102).toJson(), secondsAgo(Duration.ofMinutes(1)));
        try (Connection connection = raw.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM hermesmessages WHERE msgid <= 10"); // freed pages, as a VACUUM would reclaim
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(single("PRAGMA freelist_count")).as("free pages before").isPositive();

        try (SqliteBusProducer producer = producer(5)) {
            producer.open();
            assertThat(BusFileQueries.rows(raw, "SELECT msgid FROM hermesmessages ORDER BY msgid"))
                    .containsExactly(List.of(keptOld), List.of(recent));
            assertThat(single("PRAGMA freelist_count")).as("VACUUM left no free page").isZero();
            producer.send(event(103));
        }
        assertThat(single("SELECT max(msgid) FROM hermesmessages")).as("the sequence survives retention and VACUUM").isEqualTo(103);
    }

    @Test
    void aConsumerWhosePositionRetentionDeletedIsToldSoAndRecoversWithSeekToBeginning() {
        raw.insert(event(1).toJson(), secondsAgo(Duration.ofDays(3)));
        raw.insert(event(2).toJson(), secondsAgo(Duration.ofDays(3)));
        raw.insert(event(3).toJson(), secondsAgo(Duration.ofHours(1)));
        try (SqliteBusConsumer consumer = new SqliteBusConsumer(Map.of("uri", file.toString()))) {
            consumer.setTimeout(0);
            consumer.open();
            assertThat(consumer.iterator().next().offset()).isEqualTo(Offset.of(1L));

            try (SqliteBusProducer producer = producer(2)) {
                producer.open();
            }

            assertThatThrownBy(() -> consumer.iterator().hasNext()).isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("offset 2").hasMessageContaining("was deleted (retention)")
                    .hasMessageContaining("the oldest retained is 3");
            consumer.seekToBeginning();
            assertThat(consumer.iterator().next().offset()).isEqualTo(Offset.of(3L));
        }
    }

    @Test
    void aSendWaitsForAnotherWritersTransactionAndThenCommits() throws Exception {
        try (SqliteBusProducer producer = producer(1)) {
            producer.open();
            producer.send(event(1));
            try (Connection other = raw.connect(); Statement statement = other.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                statement.executeUpdate("INSERT INTO hermesmessages (data, timestamp) VALUES ('{}', 0)");
                CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> producer.send(event(3)));
                Thread.sleep(300);
                assertThat(sending).as("the send waits while another connection writes").isNotDone();
                statement.execute("COMMIT");
                sending.get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(BusFileQueries.rows(raw, "SELECT msgid, json_extract(data, '$.objpkey') FROM hermesmessages ORDER BY msgid"))
                .containsExactly(List.of(1L, 1L), java.util.Arrays.asList(2L, null), List.of(3L, 3L));
    }

    @Test
    void aProducerMayBeClosedTwiceAndReopenedAndKeepsNumbering() {
        AbstractMessageBusProducerPlugin producer = producer(1);
        producer.open();
        producer.send(event(1));
        producer.close();
        producer.close();
        producer.open();
        producer.send(event(2));
        producer.close();

        assertThat(BusFileQueries.rows(raw, "SELECT msgid FROM hermesmessages ORDER BY msgid")).containsExactly(List.of(1L), List.of(2L));
    }
}
