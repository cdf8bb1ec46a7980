package io.hermesbus.tck.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.api.AbstractMessageBusConsumerPlugin;
import io.hermesbus.memory.MemoryBusUnderTestFactory;
import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;
import io.hermesbus.tck.RecommendedRuleNotMet;
import io.hermesbus.tck.RuleNotApplicable;
import io.hermesbus.tck.selftest.WrongConsumers.*;
import io.hermesbus.tck.testing.KitRuns;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * The kit proves itself: each deliberately wrong consumer must fail the rule that describes its fault, with a
 * message that cites the rule; the same harness around a correct consumer passes every rule. (Faults the base
 * class rules out are not here: see {@link WrongConsumers}.)
 */
class KitCatchesWrongConsumersTest {

    /** A fault, the consumer that has it, and the rule that must catch it. */
    enum Fault {
        OFF_BY_ONE_SEEK(() -> OffByOneSeek::new, "3.3"),
        IGNORES_TIMEOUT(() -> IgnoresTimeout::new, "4.1"),
        TIMEOUT_IN_SECONDS(() -> TimeoutInSeconds::new, "4.1"),
        NULL_TIMEOUT_AS_ZERO(() -> NullTimeoutAsZero::new, "4.5"),
        TIMEOUT_IS_A_DEADLINE(() -> TimeoutIsADeadline::new, "4.3"),
        SWALLOWS_INTERRUPT(() -> SwallowsInterrupt::new, "4.6"),
        LOOSE_CATEGORY_MATCH(() -> LooseCategoryMatch::new, "5.3"),
        FIND_KEEPS_POSITION(() -> FindKeepsPosition::new, "5.1"),
        FIND_NEVER_WAITS(() -> FindNeverWaits::new, "5.2"),
        DUPLICATES_EVENTS(() -> DuplicatesEvents::new, "2.1"),
        LOSES_EVENTS(() -> LosesEvents::new, "2.1"),
        REPEATS_OFFSETS(() -> RepeatsOffsets::new, "2.2"),
        UNSET_POSITION(() -> UnsetPosition::new, "2.3"),
        TIMESTAMP_IS_READ_TIME(() -> TimestampIsReadTime::new, "6.1"),
        SEEK_CLAMPS(() -> SeekClamps::new, "3.6"),
        SILENT_RETENTION_JUMP(() -> SilentRetentionJump::new, "7.3"),
        SHARED_POSITION(SharedPosition::newSharing, "6.3"),
        FIXED_WAIT(() -> FixedWait::new, "4.1"),
        NULL_TIMEOUT_AS_ONE_SECOND(() -> NullTimeoutAsOneSecond::new, "4.5"),
        WAKE_UP_LOST_AFTER_REOPEN(() -> WakeUpLostAfterReopen::new, "4.4"),
        END_DELETED_BY_RETENTION(() -> EndDeletedByRetention::new, "7.4"),
        LOST_WAKE_UP(() -> LostWakeUp::new, "4.7");

        /** Makes the wrapping for one bus (a new one per bus, since some faults keep state per bus). */
        final Supplier<UnaryOperator<AbstractMessageBusConsumerPlugin>> wrap;
        /** The rules that must fail; the first is the one that describes the fault. */
        final String[] rules;

        Fault(Supplier<UnaryOperator<AbstractMessageBusConsumerPlugin>> wrap, String... rules) {
            this.wrap = wrap;
            this.rules = rules;
        }
    }

    /** Settings of the memory bus under the wrong consumers: ints from 0, and ints with gaps (10, 20, 30, ...). */
    private static final Map<String, Object> CONSECUTIVE = Map.of();
    private static final Map<String, Object> GAPPED = Map.of("offset_kind", "int", "first_offset", 10, "offset_step", 10);

    /** The kit, on a bus whose consumers get the fault under test. Not a test by itself (no Test suffix). */
    static class KitOnWrongBus extends MessageBusConsumerVerification {
        static volatile Supplier<UnaryOperator<AbstractMessageBusConsumerPlugin>> fault = UnaryOperator::identity;
        static volatile Map<String, Object> settings = CONSECUTIVE;

        @Override
        protected BusUnderTest createBus() {
            return new MemoryBusUnderTestFactory(new WrongBus(fault.get())).create(settings);
        }

        @Override
        protected int modelBasedSequences() {
            return 30;
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void kitFailsTheRulesThatDescribeTheFault(Fault fault) {
        assertCaught(fault, runRules(fault, CONSECUTIVE));
    }

    /** The same faults on a bus whose offsets have gaps: the rules that describe them catch them there too. */
    @ParameterizedTest
    @EnumSource(Fault.class)
    void kitFailsTheRulesThatDescribeTheFaultOnABusWithGaps(Fault fault) {
        assertCaught(fault, runRules(fault, GAPPED));
    }

    /** Runs the fault's own rules (the whole kit would add minutes and no assertion); returns those that failed. */
    private static Map<String, Throwable> runRules(Fault fault, Map<String, Object> settings) {
        KitOnWrongBus.fault = fault.wrap;
        KitOnWrongBus.settings = settings;
        try {
            return KitRuns.ended(KitRuns.run(KitOnWrongBus.class, Set.of(fault.rules)), Status.FAILED);
        } finally {
            KitOnWrongBus.settings = CONSECUTIVE;
        }
    }

    private static void assertCaught(Fault fault, Map<String, Throwable> failures) {
        assertThat(failures.keySet()).as("rules the kit failed for %s", fault).contains(fault.rules);
        for (String rule : fault.rules) {
            assertThat(failures.get(rule)).hasMessageStartingWith("Rule " + rule + " [required]");
        }
        assertThat(failures.get(fault.rules[0])).hasMessageContaining("expected: ").hasMessageContaining("observed: ");
    }

    @Test
    void correctConsumerPassesEveryRule() {
        Map<String, TestExecutionResult> results = runKit(UnaryOperator::identity);
        assertThat(KitRuns.ended(results, Status.FAILED)).as("rules failed by the correct in-memory consumer").isEmpty();
        Map<String, Throwable> aborted = KitRuns.ended(results, Status.ABORTED);
        assertThat(aborted.keySet()).as("rules not applicable to consecutive int offsets kept as objects")
                .containsExactlyInAnyOrder("3.4", "3.11", "8.2");
        assertThat(aborted.values()).allMatch(RuleNotApplicable.class::isInstance);
        assertThat(KitRuns.ended(results, Status.SUCCESSFUL)).hasSize(results.size() - 3);
    }

    @Test
    void correctConsumerPassesEveryRuleOnABusWithGaps() {
        KitOnWrongBus.fault = UnaryOperator::identity;
        KitOnWrongBus.settings = GAPPED;
        try {
            Map<String, TestExecutionResult> results = KitRuns.run(KitOnWrongBus.class);
            assertThat(KitRuns.ended(results, Status.FAILED)).as("rules failed by the correct consumer, offsets with gaps").isEmpty();
            assertThat(KitRuns.ended(results, Status.ABORTED).keySet()).as("rules not passed").containsExactly("8.2");
        } finally {
            KitOnWrongBus.settings = CONSECUTIVE;
        }
    }

    @Test
    void aConsumerThatStartsAtTheEndOnlyGetsAWarning() {
        Map<String, TestExecutionResult> results = runKit(() -> StartsAtEnd::new);
        assertThat(KitRuns.ended(results, Status.FAILED)).as("required rules failed by a consumer that starts at the end").isEmpty();
        assertThat(KitRuns.ended(results, Status.ABORTED).get("1.6")).isInstanceOf(RecommendedRuleNotMet.class)
                .hasMessageContaining("Rule 1.6 [recommended]");
    }

    /** Runs the whole kit on a bus with {@code fault}; returns each rule's result by rule number. */
    private static Map<String, TestExecutionResult> runKit(Supplier<UnaryOperator<AbstractMessageBusConsumerPlugin>> fault) {
        KitOnWrongBus.fault = fault;
        return KitRuns.run(KitOnWrongBus.class);
    }
}
