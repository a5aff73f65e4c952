package io.vodupload.osswire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StallWatchdogTest {

    @Test
    void check_progressBetweenChecks_neverAborts() {
        AtomicLong progress = new AtomicLong();
        AtomicInteger aborts = new AtomicInteger();
        StallWatchdog.Check check = new StallWatchdog.Check(() -> true, progress::get, aborts::incrementAndGet);

        for (int i = 0; i < 5; i++) {
            progress.addAndGet(100);
            check.run();
        }

        assertThat(aborts).hasValue(0);
        assertThat(check.stalled()).isFalse();
    }

    @Test
    void check_noProgressForOneWholePeriod_abortsOnce() {
        AtomicLong progress = new AtomicLong(500);
        AtomicInteger aborts = new AtomicInteger();
        StallWatchdog.Check check = new StallWatchdog.Check(() -> true, progress::get, aborts::incrementAndGet);

        check.run();
        assertThat(aborts).hasValue(0);
        check.run();
        check.run();

        assertThat(aborts).hasValue(1);
        assertThat(check.stalled()).isTrue();
    }

    @Test
    void check_notSending_forgetsTheLastReading() {
        AtomicLong progress = new AtomicLong(7);
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger aborts = new AtomicInteger();
        StallWatchdog.Check check = new StallWatchdog.Check(sending::get, progress::get, aborts::incrementAndGet);

        check.run();
        sending.set(false);
        check.run();
        sending.set(true);
        check.run();

        assertThat(aborts).hasValue(0);
    }

    @Test
    void watch_bodyThatNeverMoves_abortedOnTheWatchdogThread() throws InterruptedException {
        CountDownLatch aborted = new CountDownLatch(1);
        String[] thread = new String[1];
        try (StallWatchdog watchdog = new StallWatchdog("test-watchdog");
             StallWatchdog.Watch watch = watchdog.watch(Duration.ofMillis(5), () -> true, () -> 42, () -> {
                 thread[0] = Thread.currentThread().getName();
                 aborted.countDown();
             })) {
            assertThat(aborted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(watch.stalled()).isTrue();
        }
        assertThat(thread[0]).isEqualTo("test-watchdog");
    }

    @Test
    void deadline_timeoutAndBody_threeTimeoutsPlusTheBodyAtTheMinimumThroughput() {
        assertThat(StallWatchdog.deadline(Duration.ofSeconds(3), 0)).isEqualTo(Duration.ofSeconds(9));
        assertThat(StallWatchdog.deadline(Duration.ofSeconds(3), 8 * 1024 * 10)).isEqualTo(Duration.ofSeconds(19));
        assertThat(StallWatchdog.deadline(Duration.ofSeconds(1), 1, 1000)).isEqualTo(Duration.ofMillis(3001));
        assertThat(StallWatchdog.deadline(Duration.ofSeconds(1), Long.MAX_VALUE, 1)).isPositive();
        assertThat(StallWatchdog.deadline(Duration.ofDays(1_000_000_000L), Long.MAX_VALUE)).isPositive();
        assertThatThrownBy(() -> StallWatchdog.deadline(Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StallWatchdog.deadline(Duration.ofSeconds(1), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deadline_requestStillOpenWhenItPasses_tooSlowAndAbortedOnce() throws InterruptedException {
        CountDownLatch aborted = new CountDownLatch(1);
        AtomicInteger aborts = new AtomicInteger();
        try (StallWatchdog watchdog = new StallWatchdog("deadline-watchdog");
             StallWatchdog.Watch watch = watchdog.deadline(Duration.ofMillis(20), () -> {
                 aborts.incrementAndGet();
                 aborted.countDown();
             })) {
            assertThat(aborted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(watch.tooSlow()).isTrue();
            assertThat(watch.stalled()).isFalse();
        }
        assertThat(aborts).hasValue(1);
    }

    @Test
    void watch_bodyThatKeepsMovingPastTheDeadline_tooSlowNotStalled() throws InterruptedException {
        CountDownLatch aborted = new CountDownLatch(1);
        AtomicLong progress = new AtomicLong();
        // the body moves at every reading (a trickle), so only the whole-request deadline can end it
        try (StallWatchdog watchdog = new StallWatchdog("trickle-watchdog");
             StallWatchdog.Watch watch = watchdog.watch(Duration.ofMillis(5), Duration.ofMillis(50), () -> true,
                     progress::incrementAndGet, aborted::countDown)) {
            assertThat(aborted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(watch.tooSlow()).isTrue();
            assertThat(watch.stalled()).isFalse();
        }
    }

    @Test
    void deadline_closedBeforeItPasses_neverAborts() throws InterruptedException {
        AtomicInteger aborts = new AtomicInteger();
        try (StallWatchdog watchdog = new StallWatchdog("closed-deadline")) {
            StallWatchdog.Watch watch = watchdog.deadline(Duration.ofMillis(30), aborts::incrementAndGet);
            watch.close();
            // a second, later deadline that does fire proves the first one had its chance
            CountDownLatch later = new CountDownLatch(1);
            watchdog.deadline(Duration.ofMillis(60), later::countDown);
            assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(watch.tooSlow()).isFalse();
        }
        assertThat(aborts).hasValue(0);
    }

    @Test
    void watch_afterClose_doesNothingAndDoesNotThrow() {
        StallWatchdog watchdog = new StallWatchdog("closed-watchdog");
        watchdog.close();

        StallWatchdog.Watch watch = watchdog.watch(Duration.ofMillis(1), () -> true, () -> 0, () -> {
            throw new AssertionError("no abort after close");
        });
        watch.close();

        assertThat(watch.stalled()).isFalse();
        assertThatThrownBy(() -> watchdog.watch(Duration.ZERO, () -> true, () -> 0, () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
