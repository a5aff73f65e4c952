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
