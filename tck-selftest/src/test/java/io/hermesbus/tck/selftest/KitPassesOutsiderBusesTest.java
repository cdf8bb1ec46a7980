package io.hermesbus.tck.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.tck.BusUnderTest;
import io.hermesbus.tck.MessageBusConsumerVerification;
import io.hermesbus.tck.RecommendedRuleNotMet;
import io.hermesbus.tck.RuleNotApplicable;
import io.hermesbus.tck.testing.KitRuns;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * The kit never fails a correct bus it has never seen: {@link JsonTextBus}, written with the plugin methods only and
 * sharing no code with our buses, passes every rule with the offsets other buses choose ({@link OutsiderOffsets}:
 * ints with gaps, epoch nanoseconds, epoch seconds, ULIDs, bytes crossing the sign bit), malformed JSON (8.2, stepped
 * over by the base class's {@code seekAfter}, which never decodes) and a fetch delay (3.9: {@code seekAfter} waits for
 * the record it steps over, so nothing is delivered twice) included. A bus that refuses seeks into the gap below its
 * oldest event, as it may, gets a warning on the recommended rule 3.11 and nothing else. Since both choices SPEC.md
 * leaves open run every rule and rule 10.1's model on the same buses, this is also the check that no rule demands
 * the opposite of another or of the model.
 */
class KitPassesOutsiderBusesTest {

    /** The kit on the bus under test. Not a test by itself (no Test suffix). */
    static class KitOnOutsiderBus extends MessageBusConsumerVerification {
        static volatile Supplier<BusUnderTest> bus;
        static volatile int sequences;

        @Override
        protected BusUnderTest createBus() {
            return bus.get();
        }

        @Override
        protected int modelBasedSequences() {
            return sequences;
        }
    }

    private static Map<String, TestExecutionResult> runKit(Supplier<BusUnderTest> bus, int sequences) {
        KitOnOutsiderBus.bus = bus;
        KitOnOutsiderBus.sequences = sequences;
        return KitRuns.run(KitOnOutsiderBus.class);
    }

    @ParameterizedTest
    @EnumSource(OutsiderOffsets.class)
    void aBusStoringJsonTextWithOffsetsOfItsOwnPassesEveryRule(OutsiderOffsets offsets) {
        Map<String, TestExecutionResult> results = runKit(() -> JsonTextBus.bus(offsets), 200);

        assertThat(KitRuns.ended(results, Status.FAILED)).as("rules failed by a correct bus with %s", offsets).isEmpty();
        assertThat(KitRuns.ended(results, Status.ABORTED).values()).as("rules not passed: not applicable only")
                .allMatch(RuleNotApplicable.class::isInstance);
        assertThat(KitRuns.ended(results, Status.SUCCESSFUL)).containsKeys("3.6", "3.9", "7.2", "8.2", "10.1");
    }

    @Test
    void aBusThatRefusesSeeksIntoTheGapOnlyGetsAWarning() {
        Map<String, TestExecutionResult> results = runKit(() -> JsonTextBus.bus(OutsiderOffsets.GAPPED_INTS, false, Duration.ZERO), 200);

        assertThat(KitRuns.ended(results, Status.FAILED)).as("rules failed by a correct bus that refuses the gap").isEmpty();
        assertThat(KitRuns.ended(results, Status.ABORTED).get("3.11")).isInstanceOf(RecommendedRuleNotMet.class)
                .hasMessageContaining("Rule 3.11 [recommended]");
        assertThat(KitRuns.ended(results, Status.SUCCESSFUL)).containsKeys("3.6", "7.2", "10.1");
    }

    @Test
    void aBusWithAFetchDelayPassesEveryRuleAndSeekAfterDeliversNothingTwice() {
        // rule 10.1 waits out the declared delay at the end of most of its reads: a few sequences keep it short
        Map<String, TestExecutionResult> results = runKit(() -> JsonTextBus.bus(OutsiderOffsets.ULIDS, true, Duration.ofMillis(100)), 10);

        assertThat(KitRuns.ended(results, Status.FAILED)).as("rules failed by a correct bus with a fetch delay").isEmpty();
        assertThat(KitRuns.ended(results, Status.SUCCESSFUL)).containsKeys("3.9", "8.2");
    }
}
