package io.vodupload.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkOptionsTest {

    @Test
    void defaults_takeADeadWorkersFileOverWithinAMinute() {
        WorkOptions defaults = WorkOptions.defaults();

        assertThat(defaults.threads()).isEqualTo(2);
        assertThat(defaults.onlyBatch()).isEmpty();
        assertThat(defaults.follow()).isFalse();
        assertThat(defaults.maxAttempts()).isEqualTo(3);
        assertThat(defaults.takeoverWithin()).isLessThanOrEqualTo(Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 65})
    void threads_outOfRange_isRefusedNamingTheValue(int threads) {
        assertThatThrownBy(() -> WorkOptions.defaults().withThreads(threads))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Integer.toString(threads));
    }

    @Test
    void missedHeartbeats_belowDbSchedulersMinimum_isRefused() {
        assertThatThrownBy(() -> WorkOptions.defaults().withMissedHeartbeats(3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3");
    }

    @Test
    void onlyBatch_withCharactersOutsideTheAlphabet_isRefused() {
        assertThatThrownBy(() -> WorkOptions.defaults().withOnlyBatch("a'; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sixArgumentConstructor_keepsTheDefaultsOfTheNewerFields() {
        WorkOptions options = new WorkOptions(4, Optional.of("b"), true, 5, Duration.ofSeconds(1),
                Duration.ofMillis(100));

        assertThat(options.missedHeartbeats()).isEqualTo(WorkOptions.DEFAULT_MISSED_HEARTBEATS);
        assertThat(options.retryDelay()).isEqualTo(WorkOptions.DEFAULT_RETRY_DELAY);
    }
}
