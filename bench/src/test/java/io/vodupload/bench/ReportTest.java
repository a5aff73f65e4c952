package io.vodupload.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportTest {

    static final BenchOptions.Config C = new BenchOptions.Config(8 * Sizes.MIB, 4);

    static Report.Measurement m(ClientKind k, int round, double seconds) {
        return new Report.Measurement(k, C, round, new WorkerProtocol.Reply((long) (seconds * 1e9), 500_000_000L,
                new UploadClient.Outcome(7, 128), new HeapMeter.Usage(20L << 20, 8L << 20, 40L << 20, 2, 10)),
                Sizes.GIB + 100, 128, "1.50 1.00 0.50");
    }

    @Test
    void median_oddAndEvenCounts_isTheMiddleOrTheMeanOfTheMiddleTwo() {
        assertThat(Report.median(List.of(5L, 1L, 3L))).isEqualTo(3.0);
        assertThat(Report.median(List.of(4L, 1L, 3L, 2L))).isEqualTo(2.5);
        assertThatThrownBy(() -> Report.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void summary_twoClients_oneRowEachWithTheMedianAndThroughput() {
        Report r = new Report(Sizes.GIB);
        r.add(m(ClientKind.ALIYUN_SDK, 1, 8.0));
        r.add(m(ClientKind.VODUPLOAD_HTTP, 1, 4.0));
        r.add(m(ClientKind.VODUPLOAD_HTTP, 2, 5.0));
        r.add(m(ClientKind.ALIYUN_SDK, 2, 6.0));
        r.add(m(ClientKind.ALIYUN_SDK, 3, 7.0));
        r.add(m(ClientKind.VODUPLOAD_HTTP, 3, 6.0));

        String summary = r.summary();

        assertThat(summary).contains("| 8 MiB | 4 | VodUpload Uploader + HttpObjectStorage | 5.00 s | 205 | 4.00 s–6.00 s | 20.0 | 8.0 | 40.0 | 2 | 0.50 s | 1073741924 | 1.50–1.50 |");
        assertThat(summary).contains("| 8 MiB | 4 | aliyun-sdk-oss 3.18.5 uploadFile | 7.00 s | 146 |");
        // ours first whatever order the rounds ran in
        assertThat(summary.indexOf("VodUpload")).isLessThan(summary.indexOf("aliyun-sdk-oss"));
        assertThat(r.comparison()).contains("5.00 s vs aliyun-sdk-oss 3.18.5 uploadFile 7.00 s → 1.40× faster");
        assertThat(r.rounds().lines().count()).isEqualTo(2 + 6);
    }

    @Test
    void comparison_slowerFirstClient_saysSlower() {
        Report r = new Report(Sizes.GIB);
        r.add(m(ClientKind.VODUPLOAD_HTTP, 1, 9.0));
        r.add(m(ClientKind.ALIYUN_SDK, 1, 6.0));

        assertThat(r.comparison()).contains("→ 1.50× slower");
    }

    @Test
    void probeTable_failedProbe_saysWhy() {
        Report r = new Report(Sizes.GIB);
        r.add(new Report.Probe(ClientKind.ALIYUN_SDK, "16m", C, Optional.empty(),
                Optional.of("worker exited with code 3 (OutOfMemoryError: the heap was too small)")));

        assertThat(r.probeTable()).contains("| 16m | aliyun-sdk-oss 3.18.5 uploadFile | 8 MiB × 4 | **failed**: worker exited with code 3");
    }
}
