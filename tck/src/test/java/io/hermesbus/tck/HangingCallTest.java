package io.hermesbus.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.hermesbus.tck.ConformanceReport.Outcome;
import io.hermesbus.tck.ConformanceReport.Row;
import io.hermesbus.tck.random.ListBusFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule whose call into the plugin hangs fails within its limit, and its message shows where the call is stuck. */
class HangingCallTest {
    @TempDir
    Path reports;

    /** The kit on a bus whose hasNext() hangs until the test releases it. Not run by itself (no Test suffix). */
    static class HangingBusKit extends MessageBusConsumerVerification {
        static volatile CountDownLatch release = new CountDownLatch(0);

        @Override
        protected BusUnderTest createBus() {
            return ListBusFactory.withHasNextHangingUntil(release);
        }
    }

    @Test
    void aHangingHasNextFailsTheRuleWithTheStackOfTheStuckCall() {
        CountDownLatch release = new CountDownLatch(1);
        HangingBusKit.release = release;
        try {
            long start = System.nanoTime();
            // Rule 1.1 reads with timeout 0, so the limit is the event wait alone: 500 ms at this scale.
            ConformanceResult result = ScaledTime.at(0.1, () -> ConformanceRunner.forClasses(List.of(HangingBusKit.class.getName()))
                    .rules("1.1").reportDir(reports).run());

            Row row = result.rules().get(HangingBusKit.class.getName()).get(0);
            assertThat(row.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(row.detail()).startsWith("Rule 1.1 [required] (the bus under test starts empty and works) violated")
                    .contains("\n  observed: did not return within 500 ms; the worker was at:\n      at ")
                    .containsPattern("\n      at .*ListBackedBus\\$Consumer\\.awaitRecord\\(ListBackedBus\\.java:\\d+\\)");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        } finally {
            release.countDown();
        }
    }
}
