package io.vodupload.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void defaults_areDocumented() {
        UploadConfig c = UploadConfig.defaults();

        assertThat(c.partSize()).isEqualTo(8L << 20);
        assertThat(c.parallelism()).isEqualTo(4);
        assertThat(c.maxParallelism()).isEqualTo(16);
        assertThat(c.adaptive()).isTrue();
        assertThat(c.resume()).isTrue();
        assertThat(c.retryPolicy()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(c.credentialsTimeout()).hasValue(Duration.ofMinutes(5));
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void parallelism_explicitOrWithAMax_fixesItOrBoundsTheGrowth() {
        UploadConfig fixed = UploadConfig.builder().parallelism(8).build();
        UploadConfig capped = UploadConfig.builder().maxParallelism(32).build();
        UploadConfig both = UploadConfig.builder().parallelism(2).maxParallelism(8).build();
        UploadConfig fixedAtTheDefault = UploadConfig.builder().parallelism(UploadConfig.DEFAULT_PARALLELISM).build();

        assertThat(fixed.adaptive()).isFalse();
        assertThat(fixed.maxParallelism()).isEqualTo(8);
        assertThat(fixedAtTheDefault.adaptive()).isFalse(); // asked for 4: 4 it is, not "the default"
        assertThat(capped.parallelism()).isEqualTo(4);
        assertThat(capped.maxParallelism()).isEqualTo(32);
        assertThat(both.parallelism()).isEqualTo(2);
        assertThat(both.maxParallelism()).isEqualTo(8);
        assertThat(both.toBuilder().build()).isEqualTo(both);
        assertThat(fixed.toBuilder().build().adaptive()).isFalse();
        // above the default cap the start is the cap: a fixed 20 is a fixed 20
        assertThat(UploadConfig.builder().parallelism(20).build().maxParallelism()).isEqualTo(20);
        assertThat(new UploadConfig(8L << 20, 6, RetryPolicy.DEFAULT, true, Duration.ZERO, java.util.Optional.empty())
                .adaptive()).isFalse();
        assertThatThrownBy(() -> UploadConfig.builder().parallelism(8).maxParallelism(4).build())
                .hasMessageContaining("maxParallelism out of 8..64: 4");
        assertThatThrownBy(() -> UploadConfig.builder().maxParallelism(65).build())
                .hasMessageContaining("maxParallelism out of 4..64: 65");
    }

    @Test
    void build_outOfRange_namesTheBadValue() {
        assertThatThrownBy(() -> UploadConfig.builder().partSize(1024).build()).isInstanceOfSatisfying(InvalidUploadException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessage("InvalidConfig: partSize < 100 KiB: 1024");
        assertThatThrownBy(() -> UploadConfig.builder().parallelism(0).build()).hasMessageContaining(": 0");
        assertThatThrownBy(() -> UploadConfig.builder().progressInterval(Duration.ofMillis(-1)).build())
                .hasMessageContaining("PT-0.001S");
        assertThatThrownBy(() -> UploadConfig.builder().credentialsTimeout(Duration.ZERO).build())
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).hasMessageEndingWith("maxAttempts < 1: 0");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("PT1S < PT2S");
    }

    @Test
    void backoff_isFullJitterUnderACappedExponentialCeiling() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1));
        Random random = new Random(7);

        assertThat(p.ceiling(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.ceiling(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.ceiling(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(p.ceiling(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.ceiling(200)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.backoff(3, 0.0)).isEqualTo(Duration.ZERO);
        for (int failures = 1; failures < 70; failures++) {
            assertThat(p.backoff(failures, random.nextDouble())).isBetween(Duration.ZERO, p.ceiling(failures));
        }
        assertThatThrownBy(() -> p.backoff(1, 1.0)).hasMessageContaining("1.0");
        assertThat(RetryPolicy.noRetry().maxAttempts()).isEqualTo(1);
    }
}
