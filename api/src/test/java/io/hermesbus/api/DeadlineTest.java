package io.hermesbus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Deadline} as a consumer's timeout makes it: null never, 0 at once, a length from the first look on. */
class DeadlineTest {

    @Test
    void nullNeverPasses() {
        Deadline never = Deadline.after(null);

        assertThat(never.isNever()).isTrue();
        assertThat(never.passed()).isFalse();
        assertThat(never.remainingNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(never.remainingMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(Deadline.never().isNever()).isTrue();
    }

    @Test
    void zeroHasPassedAtOnce() {
        Deadline atOnce = Deadline.after(0);

        assertThat(atOnce.isNever()).isFalse();
        assertThat(atOnce.passed()).isTrue();
        assertThat(atOnce.remainingMs()).isZero();
    }

    @Test
    void aLengthRunsFromTheFirstLookAndRoundsUp() throws InterruptedException {
        Deadline deadline = Deadline.after(300);
        Thread.sleep(50); // not yet asked about: the clock has not started

        assertThat(deadline.remainingMs()).isBetween(250L, 300L);
        assertThat(deadline.passed()).isFalse();
        long started = System.nanoTime();
        deadline.sleep(10_000);

        assertThat(deadline.passed()).isTrue();
        assertThat(deadline.remainingMs()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(deadline.elapsedMs()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void aNegativeTimeoutIsRefused() {
        assertThatThrownBy(() -> Deadline.after(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1 ms");
    }

    @Test
    void sleepingAfterTheDeadlineReturnsAtOnceAndAnInterruptEndsASleep() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> {
            Deadline.after(0).sleep(5_000);
            Thread.currentThread().interrupt();
            Deadline.never().sleep(5_000);
        }).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).as("status cleared, as InterruptedException does").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }
}
