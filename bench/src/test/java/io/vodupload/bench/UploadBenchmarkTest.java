package io.vodupload.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.testkit.oss.OssCredentials;
import io.vodupload.testkit.oss.OssServer;
import io.vodupload.testkit.oss.StorageMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness itself, at a size that takes seconds: it must verify what it times. This is not a benchmark
 * (nothing here asserts a speed); it runs in {@code mvn verify}.
 */
class UploadBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void run_tinyFileInChildJvms_measuresEveryRoundOfEveryClientAndVerifiesThem() throws Exception {
        BenchOptions options = BenchOptions.parse("--size", "1MiB", "--rounds", "2", "--warmup", "0",
                "--part-sizes", "256KiB", "--parallelism", "2", "--worker-heap", "128m", "--dir", dir.toString(),
                "--timeout", "60");
        long crc = TestFile.write(dir.resolve("expected"), Sizes.MIB, options.seed());

        Report report = new UploadBenchmark(options, System.out).run();

        assertThat(report.measurements()).hasSize(6);
        // the second round starts with the second client
        assertThat(report.measurements()).extracting(Report.Measurement::client)
                .containsExactly(ClientKind.VODUPLOAD_HTTP, ClientKind.VODUPLOAD_OSS, ClientKind.ALIYUN_SDK,
                        ClientKind.VODUPLOAD_OSS, ClientKind.ALIYUN_SDK, ClientKind.VODUPLOAD_HTTP);
        assertThat(report.measurements()).allSatisfy(m -> {
            assertThat(m.reply().outcome().crc64()).isEqualTo(crc);
            assertThat(m.reply().outcome().parts()).isEqualTo(4);
            assertThat(m.partRequests()).isEqualTo(4);
            assertThat(m.bytesReceived()).isGreaterThan(Sizes.MIB);
            assertThat(m.reply().nanos()).isPositive();
            assertThat(m.reply().heap().peakUsed()).isPositive();
        });
        // the generated file is removed; only what the test wrote stays
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("expected");
        }
    }

    @Test
    void verify_wrongCrcOrPartCount_refusesTheUpload() throws Exception {
        Path file = dir.resolve("f");
        long crc = TestFile.write(file, Sizes.MIB, 1);
        BenchOptions options = BenchOptions.parse("--size", "1MiB");
        UploadBenchmark bench = new UploadBenchmark(options, System.out);
        BenchOptions.Config config = new BenchOptions.Config(256 * Sizes.KIB, 2);
        try (OssServer server = OssServer.builder().bucket(UploadBenchmark.BUCKET)
                .credentials(OssCredentials.of("ak", "sk")).storageMode(StorageMode.CHECKSUM_ONLY).start();
             VoduploadClient client = VoduploadClient.overHttp(new UploadClient.Settings(
                     server.endpoint().toString(), UploadBenchmark.BUCKET, server.region(), file, "V4", "ak", "sk",
                     Optional.empty()))) {
            UploadClient.Outcome outcome = client.upload("k", config.partSize(), config.parallelism());
            HeapMeter.Usage heap = new HeapMeter.Usage(1, 1, 1, 0, 0);

            bench.verify(server, "k", new WorkerProtocol.Reply(1, 1, outcome, heap), crc, config);
            assertThatThrownBy(() -> bench.verify(server, "k", new WorkerProtocol.Reply(1, 1, outcome, heap), crc + 1,
                    config)).hasMessageContaining("the server's CRC-64");
            assertThatThrownBy(() -> bench.verify(server, "k",
                    new WorkerProtocol.Reply(1, 1, new UploadClient.Outcome(crc + 1, 4), heap), crc, config))
                    .hasMessageContaining("the client's CRC-64");
            assertThatThrownBy(() -> bench.verify(server, "k",
                    new WorkerProtocol.Reply(1, 1, new UploadClient.Outcome(crc, 5), heap), crc, config))
                    .hasMessageContaining("5 parts, expected 4");
            assertThatThrownBy(() -> bench.verify(server, "missing", new WorkerProtocol.Reply(1, 1, outcome, heap),
                    crc, config)).hasMessageContaining("no object missing");
        }
    }

    @Test
    void partsOf_sdkEtag_isTheCountAfterTheDash() {
        assertThat(AliyunSdkClient.partsOf("\"3F2A-128\"")).isEqualTo(128);
        assertThat(AliyunSdkClient.partsOf("3F2A")).isEqualTo(1);
    }
}
