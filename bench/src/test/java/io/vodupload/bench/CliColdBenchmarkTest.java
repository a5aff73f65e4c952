package io.vodupload.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.testkit.oss.OssCredentials;
import io.vodupload.testkit.oss.OssServer;
import io.vodupload.testkit.oss.StorageMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

/** The cold-process harness's own pieces: its time parsing, its medians, its raw PUT and its check. */
class CliColdBenchmarkTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"0:03.88, 3.88", "1:02.50, 62.5", "1:00:01, 3601"})
    void wallSeconds_timeVFormats_areSeconds(String text, double seconds) {
        assertThat(CliColdBenchmark.wallSeconds(text)).isEqualTo(seconds);
    }

    @Test
    void median_oddAndEvenCounts_isTheMiddle() {
        assertThat(CliColdBenchmark.median(List.of(5.0, 1.0, 3.0))).isEqualTo(3.0);
        assertThat(CliColdBenchmark.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void rawPutThenVerify_signedV1_passesAndAWrongCrcFails() throws Exception {
        Path file = dir.resolve("f.bin");
        long size = 300_000;
        TestFile.write(file, size, 3);
        long crc = TestFile.crcOf(file);
        try (OssServer server = OssServer.builder().bucket(CliColdBenchmark.BUCKET)
                .credentials(OssCredentials.of(CliColdBenchmark.ACCESS_KEY_ID, "s3cret"))
                .storageMode(StorageMode.CHECKSUM_ONLY).start()) {
            CliColdBenchmark.rawPut(server.endpoint(), file, "k", "s3cret");
            CliColdBenchmark.verify(server.endpoint(), "k", size, crc, "s3cret");
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> CliColdBenchmark.verify(server.endpoint(), "k", size, crc + 1, "s3cret"))
                    .hasMessageContaining("not as uploaded");
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> CliColdBenchmark.rawPut(server.endpoint(), file, "k2", "wrong"))
                    .hasMessageContaining("HTTP 403");
        }
    }

    @Test
    void command_clientsB_runTheSecondLauncherWithTheSameArguments() throws Exception {
        java.util.Map<String, String> o = java.util.Map.of("--cli", "./a", "--cli-b", "./b");
        java.net.URI endpoint = java.net.URI.create("http://127.0.0.1:9");
        Path file = dir.resolve("f.bin");

        List<String> a = CliColdBenchmark.command("vodupload-oss", o, endpoint, file, "k", dir);
        List<String> b = CliColdBenchmark.command("vodupload-oss-b", o, endpoint, file, "k", dir);

        assertThat(a.get(0)).isEqualTo("./a");
        assertThat(b.get(0)).isEqualTo("./b");
        assertThat(b).contains("--transport", "oss", "--json");
        assertThat(b.subList(1, b.indexOf("--checkpoint-dir"))).isEqualTo(a.subList(1, a.indexOf("--checkpoint-dir")));
    }

    @Test
    void report_twoClients_givesMediansAndRatios() {
        List<CliColdBenchmark.Run> runs = List.of(
                new CliColdBenchmark.Run("vodupload-http", 1L << 30, 1, 2.0, 1.0, 100),
                new CliColdBenchmark.Run("aliyun-sdk", 1L << 30, 1, 4.0, 2.0, 50));
        String report = CliColdBenchmark.report(runs, List.of("vodupload-http", "aliyun-sdk"), List.of(1L << 30), 1,
                "1", "2");
        assertThat(report).contains("| 1 GiB | vodupload-http | 2.00 | 512 | 1.00 | 100 |")
                .contains("vodupload-http vs aliyun-sdk: throughput 2.00×, CPU 0.50×, peak RSS 2.00×");
    }
}
