package io.vodupload.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ManualClockAndSleeperTest {

    @Test
    void advance_movesInstantAndZonedCopiesShareTime() {
        ManualClock clock = new ManualClock(Instant.parse("2024-05-01T10:00:00Z"));
        java.time.Clock zoned = clock.withZone(ZoneId.of("Asia/Shanghai"));

        clock.advance(Duration.ofSeconds(90));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2024-05-01T10:01:30Z"));
        assertThat(zoned.instant()).isEqualTo(clock.instant());
        assertThat(zoned.getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).hasMessageContaining("PT-1S");
    }

    @Test
    void sleep_recordsDurationsAndAdvancesTheClockWithoutSleeping() throws Exception {
        ManualClock clock = new ManualClock();
        ManualSleeper sleeper = new ManualSleeper(clock);
        long before = System.nanoTime();

        sleeper.sleep(Duration.ofHours(1));
        sleeper.sleep(Duration.ofMillis(250));
        sleeper.sleep(Duration.ZERO);

        assertThat(System.nanoTime() - before).isLessThan(Duration.ofSeconds(5).toNanos());
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofHours(1), Duration.ofMillis(250), Duration.ZERO);
        assertThat(sleeper.total()).isEqualTo(Duration.ofMillis(3_600_250));
        assertThat(clock.instant()).isEqualTo(ManualClock.DEFAULT_START.plusMillis(3_600_250));
    }

    @Test
    void sleep_interruptedThread_throwsInterruptedException() {
        ManualSleeper sleeper = new ManualSleeper(new ManualClock());
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> sleeper.sleep(Duration.ofSeconds(1))).isInstanceOf(InterruptedException.class);
        assertThat(sleeper.sleeps()).isEmpty();
    }
}
