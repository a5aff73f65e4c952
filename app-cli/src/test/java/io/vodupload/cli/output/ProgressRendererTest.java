package io.vodupload.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadResult;
import io.vodupload.ports.UploadStarted;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

class ProgressRendererTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final StorageTarget target = StorageTarget.of("http://127.0.0.1:9000", "bkt", "a.mp4");
    private final long mib = 1024 * 1024;

    private ProgressRenderer renderer(ProgressRenderer.Style style) {
        return new ProgressRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock, style, 100);
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void bar_progress_showsPercentBytesThroughputAndEta() {
        ProgressRenderer r = renderer(ProgressRenderer.Style.BAR);
        r.onUploadStarted(new UploadStarted(Path.of("/tmp/a.mp4"), 10 * mib, target, Optional.of("u"), mib, 10,
                false, false, 0));
        r.onUploadProgress(0, 10 * mib);
        clock.advance(Duration.ofSeconds(2));
        r.onUploadProgress(4 * mib, 10 * mib);
        assertThat(output()).contains("uploading /tmp/a.mp4 (10.0 MiB) to oss://bkt/a.mp4 in 10 parts of 1.0 MiB")
                .contains("\ra.mp4 [")
                .contains(" 40%  4.0 MiB / 10.0 MiB  2.0 MiB/s  ETA 0:03");
    }

    @Test
    void bar_streamOfUnknownLength_showsBytesAndRateWithoutPercentOrEta() {
        ProgressRenderer r = renderer(ProgressRenderer.Style.BAR);
        r.onUploadStarted(new UploadStarted(Path.of("-"), -1, target, Optional.of("u"), mib, 0, false, false, 0));
        r.onUploadProgress(0, -1);
        clock.advance(Duration.ofSeconds(2));
        r.onUploadProgress(6 * mib, -1);

        assertThat(output()).contains("uploading - (length unknown) to oss://bkt/a.mp4")
                .contains("6.0 MiB sent  3.0 MiB/s")
                .doesNotContain("ETA").doesNotContain("%");
        assertThat(r.completing()).isFalse();
    }

    @Test
    void bar_retryAndTokenExpiry_areShownUntilMovingAgain() {
        ProgressRenderer r = renderer(ProgressRenderer.Style.BAR);
        r.onUploadProgress(10, 100);
        r.onUploadRetry("ServiceUnavailable", "busy");
        assertThat(r.status()).contains("retrying (ServiceUnavailable)");
        r.onUploadRetryResume();
        assertThat(r.status()).doesNotContain("retrying");
        r.onUploadTokenExpired();
        assertThat(r.status()).contains("token expired, refreshing");
        clock.advance(Duration.ofSeconds(1));
        r.onUploadProgress(20, 100);
        assertThat(r.status()).doesNotContain("token expired");
    }

    @Test
    void bar_success_endsTheLine() {
        ProgressRenderer r = renderer(ProgressRenderer.Style.BAR);
        r.onUploadProgress(100, 100);
        r.onUploadSuccess(new UploadResult(target, 100, 1, "E", 1, false));
        assertThat(output()).contains("100%").endsWith(System.lineSeparator());
    }

    @Test
    void lines_progress_aLineEveryFewSecondsWithoutCarriageReturns() {
        ProgressRenderer r = renderer(ProgressRenderer.Style.LINES);
        r.onUploadProgress(10, 100);
        clock.advance(Duration.ofSeconds(1));
        r.onUploadProgress(20, 100);
        clock.advance(Duration.ofSeconds(ProgressRenderer.LINE_INTERVAL_SECONDS));
        r.onUploadProgress(60, 100);
        r.onUploadRetry("RequestTimeout", "slow");
        String out = output();
        assertThat(out).doesNotContain("\r");
        assertThat(out.lines().filter(l -> l.contains("%")).count()).isEqualTo(2);
        assertThat(out).contains(" 60%").contains("vodupload: retrying after RequestTimeout: slow");
    }

    @Test
    void bar_lastByteSent_showsTheCompletingPhaseAndItsTimeInsteadOfAnEta() {
        ProgressRenderer r = renderer(ProgressRenderer.Style.BAR);
        r.onUploadStarted(new UploadStarted(Path.of("/tmp/a.mp4"), 10 * mib, target, Optional.of("u"), mib, 10,
                false, false, 0));
        r.onUploadProgress(0, 10 * mib);
        clock.advance(Duration.ofSeconds(2));
        r.onUploadProgress(10 * mib, 10 * mib);

        assertThat(r.completing()).isTrue();
        assertThat(r.status()).isEqualTo("100%  10.0 MiB / 10.0 MiB  completing, verifying CRC-64 0:00");
        clock.advance(Duration.ofSeconds(7));
        r.tick();
        assertThat(output()).contains("\ra.mp4 [").endsWith("completing, verifying CRC-64 0:07\033[K")
                .doesNotContain("ETA 0:00");

        r.onUploadSuccess(new UploadResult(target, 10 * mib, 1, "E", 10, false));
        assertThat(r.completing()).isFalse();
        assertThat(r.status()).doesNotContain("completing");
    }

    @Test
    void bar_tickBeforeTheLastByte_drawsNothing() {
        ProgressRenderer r = renderer(ProgressRenderer.Style.BAR);
        r.onUploadProgress(10, 100);
        String before = output();
        clock.advance(Duration.ofSeconds(3));
        r.tick();
        assertThat(output()).isEqualTo(before);
    }

    @Test
    void lines_lastByteSent_oneLineAtOnceThenOneEveryFewSecondsWhileCompleting() {
        ProgressRenderer r = renderer(ProgressRenderer.Style.LINES);
        r.onUploadProgress(10, 100);
        clock.advance(Duration.ofSeconds(1));
        r.onUploadProgress(100, 100);
        clock.advance(Duration.ofSeconds(1));
        r.tick();
        clock.advance(Duration.ofSeconds(ProgressRenderer.LINE_INTERVAL_SECONDS));
        r.tick();

        List<String> completing = output().lines().filter(l -> l.contains("completing")).toList();
        assertThat(completing).containsExactly("vodupload: 100%  100 B / 100 B  completing, verifying CRC-64 0:00",
                "vodupload: 100%  100 B / 100 B  completing, verifying CRC-64 0:06");
    }

    @Test
    void message_whileTheBarIsShown_printsAboveItAndRedrawsIt() {
        ProgressRenderer r = renderer(ProgressRenderer.Style.BAR);
        r.onUploadProgress(100, 100);
        r.message("vodupload: interrupt received");
        assertThat(output()).contains("\r\033[Kvodupload: interrupt received" + System.lineSeparator() + "\r [");
    }

    @Test
    void started_withADestination_namesItInsteadOfTheOssName() {
        ProgressRenderer r = new ProgressRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8), clock,
                ProgressRenderer.Style.LINES, 100, Optional.of("/srv/store/media/a.mp4"));
        r.onUploadStarted(new UploadStarted(Path.of("/tmp/a.mp4"), 100, target, Optional.empty(), mib, 1,
                false, false, 0));
        assertThat(output()).startsWith("vodupload: uploading /tmp/a.mp4 (100 B) to /srv/store/media/a.mp4")
                .doesNotContain("oss://");
    }

    @Test
    void formatDuration_hoursMinutesSeconds() {
        assertThat(ProgressRenderer.formatDuration(5)).isEqualTo("0:05");
        assertThat(ProgressRenderer.formatDuration(3725)).isEqualTo("1:02:05");
    }
}
