package io.hermesbus.tck.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hermesbus.api.OffsetKind;
import io.hermesbus.tck.random.ListBackedBus.Flaw;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentest4j.AssertionFailedError;

/** The engine on a correct in-test bus and on wrong variants of it: wrong ones are caught, shrunk and replayable. */
class ModelBasedCheckTest {
    private static final Pattern SHRUNK_STEPS = Pattern.compile("(\\d+) after shrinking");

    @Test
    void aCorrectBusPasses200Sequences() {
        PassedRun run = ModelBasedCheck.forBuses(() -> ListBackedBus.bus(Flaw.NONE)).seed(20240601L).sequences(200).run();

        assertThat(run.describe()).isEqualTo(
                "passed: 200 of 200 sequences; run seed 20240601 (-Dhermesbus.tck.seed=20240601 replays it)");
    }

    @Test
    void aSlowBusStopsAtTheTimeBudgetAsPassedAfterTheSequencesThatRan() {
        Duration budget = Duration.ofMillis(1500);
        long start = System.nanoTime();
        PassedRun run = ModelBasedCheck.forBuses(() -> ListBackedBus.bus(Flaw.SLOW_EMPTY_READS)).seed(8L)
                .timeBudget(budget).run();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(run.stoppedAtBudget()).isTrue();
        assertThat(run.sequencesRun()).isLessThan(run.sequencesPlanned());
        assertThat(run.describe()).isEqualTo("passed: stopped at the time budget of 1500 ms after " + run.sequencesRun()
                + " of 50 sequences; run seed 8 (-Dhermesbus.tck.seed=8 replays it)");
        assertThat(took).as("the budget, then at most one slow step and closing the bus")
                .isBetween(budget, budget.plusMillis(ListBackedBus.SLOW_READ_MS + 1000));
    }

    @Test
    void aWrongBusFailsWithinItsBudgetAsWithout() {
        String message = assertThrows(AssertionFailedError.class,
                () -> ModelBasedCheck.forBuses(() -> ListBackedBus.bus(Flaw.SEEK_OFF_BY_ONE)).seed(3L)
                        .timeBudget(Duration.ofMinutes(1)).run())
                .getMessage();

        assertThat(message).startsWith("Rule 10.1 (model-based check) failed").contains("Run seed: 3 ");
    }

    @Test
    void aCorrectBusWithStrOffsetsPasses() {
        ModelBasedCheck.forBuses(() -> ListBackedBus.bus(Flaw.NONE, OffsetKind.STR, true, new CountDownLatch(0)))
                .seed(7L).sequences(100).run();
    }

    @Test
    void aCorrectBusWithoutRetentionPassesAndIsNeverAskedToRetain() {
        // Without retention declared, BusUnderTest.retainNewest throws: any call would fail the check.
        ModelBasedCheck.forBuses(() -> ListBackedBus.bus(Flaw.NONE, OffsetKind.INT, false, new CountDownLatch(0)))
                .seed(11L).sequences(50).run();
    }

    @ParameterizedTest(name = "{0} (seed {1}) is caught and shrunk to at most {2} steps")
    @CsvSource({
        "SEEK_OFF_BY_ONE, 1, 5", "SEEK_OFF_BY_ONE, 2, 5",
        "FIND_DOES_NOT_MOVE, 1, 4", "FIND_DOES_NOT_MOVE, 2, 4",
        "SHARED_POSITION, 1, 4", "SHARED_POSITION, 2, 4",
        "LOSES_FIFTH_EVENT, 1, 6", "LOSES_FIFTH_EVENT, 2, 6",
        "READS_DELETED_EVENTS, 1, 4", "READS_DELETED_EVENTS, 2, 4"})
    void aWrongBusIsCaughtAndShrunk(Flaw flaw, long seed, int maxShrunkSteps) {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> ModelBasedCheck.forBuses(() -> ListBackedBus.bus(flaw)).seed(seed).run());

        String message = failure.getMessage();
        assertThat(message).startsWith("Rule 10.1 (model-based check) failed")
                .contains("Run seed: " + seed + " ", "-Dhermesbus.tck.seed=" + seed, "HERMESBUS_TCK_SEED=" + seed,
                        "  expected: ", "  observed: ");
        assertThat(shrunkSteps(message)).as(message).isLessThanOrEqualTo(maxShrunkSteps);
    }

    @Test
    void theMessageHasItsPartsInTheDocumentedOrder() {
        String message = assertThrows(AssertionFailedError.class,
                () -> ModelBasedCheck.forBuses(() -> ListBackedBus.bus(Flaw.SEEK_OFF_BY_ONE)).seed(3L).run())
                .getMessage();

        assertThat(message).containsSubsequence("Rule 10.1 (model-based check) failed", "Run seed: 3",
                "sequence seed: ", "-Dhermesbus.tck.seed=3", "HERMESBUS_TCK_SEED=3", " originally",
                " after shrinking", "\n  1. ", " diverged: ", "  expected: ", "  observed: ");
        assertThat(message).containsPattern("consumer [AB]: seek(After)?\\(offset of #\\d+ = \\d+\\)");
    }

    @Test
    void theSameSeedGivesTheSameFailureTwice() {
        String first = assertThrows(AssertionFailedError.class,
                () -> ModelBasedCheck.forBuses(() -> ListBackedBus.bus(Flaw.SHARED_POSITION)).seed(99L).run())
                .getMessage();
        String second = assertThrows(AssertionFailedError.class,
                () -> ModelBasedCheck.forBuses(() -> ListBackedBus.bus(Flaw.SHARED_POSITION)).seed(99L).run())
                .getMessage();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aHangingHasNextFailsTheStepWithinTheOperationLimit() {
        CountDownLatch release = new CountDownLatch(1);
        try {
            long start = System.nanoTime();
            AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                    () -> ModelBasedCheck.forBuses(() -> ListBusFactory.withHasNextHangingUntil(release))
                            .seed(5L).operationLimit(Duration.ofMillis(150)).shrinkLimit(Duration.ofSeconds(2)).run());

            assertThat(failure.getMessage())
                    .contains("did not return within 150 ms")
                    .containsPattern(" diverged: consumer [AB]: (read up to|findNextEventOfCategory)")
                    .contains("awaitReleaseIgnoringInterrupts");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        } finally {
            release.countDown();
        }
    }

    @Test
    void theConfiguredSeedComesFromTheSystemPropertyAndIsTheDefault() {
        String before = System.getProperty("hermesbus.tck.seed");
        try {
            System.setProperty("hermesbus.tck.seed", " -42 ");
            assertThat(ModelBasedCheck.configuredSeed()).hasValue(-42L);
            assertThat(ModelBasedCheck.forBuses(() -> ListBackedBus.bus(Flaw.NONE)).runSeed()).isEqualTo(-42L);

            System.setProperty("hermesbus.tck.seed", "not-a-number");
            assertThrows(IllegalArgumentException.class, ModelBasedCheck::configuredSeed);
        } finally {
            if (before == null) {
                System.clearProperty("hermesbus.tck.seed");
            } else {
                System.setProperty("hermesbus.tck.seed", before);
            }
        }
    }

    @Test
    void withoutAConfiguredSeedEachCheckGetsItsOwnRandomSeed() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ModelBasedCheck.configuredSeed().isEmpty(),
                "a seed is configured for this run");
        long first = ModelBasedCheck.forBuses(() -> ListBackedBus.bus(Flaw.NONE)).runSeed();
        long second = ModelBasedCheck.forBuses(() -> ListBackedBus.bus(Flaw.NONE)).runSeed();

        assertThat(first).isNotEqualTo(second);
    }

    private static int shrunkSteps(String message) {
        Matcher matcher = SHRUNK_STEPS.matcher(message);
        assertThat(matcher.find()).as(message).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
