package io.hermesbus.tck.random;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.Event;
import io.hermesbus.api.OffsetKind;
import io.hermesbus.tck.random.ListBackedBus.Flaw;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Handcrafted sequences pinning the model's less obvious expectations (retention, seekAfter just below the oldest
 * retained event, skipped steps, descriptions) on the correct in-test bus.
 */
class ModelSemanticsTest {
    private static final Duration LIMIT = Duration.ofSeconds(5);

    private static ReplayOutcome replay(OffsetKind kind, List<Operation> sequence) {
        return new SequenceReplayer(() -> ListBackedBus.bus(Flaw.NONE, kind, true, new CountDownLatch(0)), LIMIT)
                .replay(sequence);
    }

    private static Publish publish(String category) {
        return new Publish(new Event(category, "added"));
    }

    @Test
    void afterRetentionSeeksToDeletedEventsAndReadsFromADeletedPositionAreRefused() {
        ReplayOutcome outcome = replay(OffsetKind.INT, List.of(
                publish("base"), publish("users"), publish("base"), publish("groups"),
                new ReadEvents(ConsumerId.A, 4),
                new RetainNewest(2),
                new ReadEvents(ConsumerId.B, 1),            // B is at #0, deleted: OffsetOutOfRange, stays at #0
                new FindNextOfCategory(ConsumerId.B, "base"), // the same
                new SeekToEvent(ConsumerId.A, 0),           // deleted: OffsetOutOfRange
                new SeekAfterEvent(ConsumerId.A, 0),        // deleted, not just below the oldest (#2): refused
                new SeekAfterEvent(ConsumerId.A, 1),        // int offsets: seek(1 + 1) reaches the oldest, #2
                new ReadEvents(ConsumerId.A, 5),
                new SeekToBeginning(ConsumerId.B),
                new FindNextOfCategory(ConsumerId.B, "groups"),
                new FindNextOfCategory(ConsumerId.B, Categories.NEVER_PUBLISHED)));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.steps()).hasSize(15);
    }

    @Test
    void withStrOffsetsSeekAfterTheEventJustBelowTheOldestIsRefused() {
        ReplayOutcome outcome = replay(OffsetKind.STR, List.of(
                publish("base"), publish("base"), new ReadEvents(ConsumerId.A, 2),
                new RetainNewest(1),
                new SeekAfterEvent(ConsumerId.A, 0),
                new SeekAfterEvent(ConsumerId.A, 1),
                new ReadEvents(ConsumerId.A, 1)));

        assertThat(outcome.failure()).isNull();
    }

    @Test
    void stepsWhoseOffsetIsNotKnownAreSkippedAndNotShown() {
        ReplayOutcome outcome = replay(OffsetKind.INT, List.of(
                publish("base"), new SeekToEvent(ConsumerId.A, 0), new SeekAfterEvent(ConsumerId.B, 3),
                new ReadEvents(ConsumerId.B, 2), new SeekAfterEvent(ConsumerId.B, 0), new ReadEvents(ConsumerId.B, 1)));

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.steps()).extracting(ReplayedStep::description).containsExactly(
                "publish #0: [base] added",
                "consumer B: read up to 2 events (position #0)",
                "consumer B: seekAfter(offset of #0 = 0)",
                "consumer B: read up to 1 event (position #1)");
    }

    @Test
    void aWrongBusFailsAtTheStepThatShowsItWithExpectedAndObserved() {
        ReplayOutcome outcome = new SequenceReplayer(() -> ListBackedBus.bus(Flaw.SEEK_OFF_BY_ONE), LIMIT)
                .replay(List.of(publish("base"), publish("users"), new ReadEvents(ConsumerId.A, 1),
                        new SeekToEvent(ConsumerId.A, 0), new ReadEvents(ConsumerId.A, 1), publish("base")));

        assertThat(outcome.steps()).hasSize(5);
        assertThat(outcome.failure().step()).isEqualTo("consumer A: read up to 1 event (position #0)");
        assertThat(outcome.failure().expected()).contains("#0 [base] added at offset 0");
        assertThat(outcome.failure().observed()).contains("[users] added at offset 1");
    }

    @Test
    void theSameSeedGeneratesTheSameSequence() {
        BusFeatures features = new BusFeatures(OffsetKind.INT, true, Duration.ZERO);

        assertThat(SequenceGenerator.generate(123L, 40, features))
                .isEqualTo(SequenceGenerator.generate(123L, 40, features))
                .isNotEqualTo(SequenceGenerator.generate(124L, 40, features));
    }
}
