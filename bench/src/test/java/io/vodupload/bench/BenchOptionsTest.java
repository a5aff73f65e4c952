package io.vodupload.bench;

import io.vodupload.testkit.oss.LinkEmulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchOptionsTest {

    @Test
    void parse_noArguments_isTheDocumentedDefaultRun() {
        BenchOptions o = BenchOptions.parse();

        assertThat(o.size()).isEqualTo(Sizes.GIB);
        assertThat(o.rounds()).isEqualTo(3);
        assertThat(o.warmup()).isEqualTo(1);
        assertThat(o.clients()).containsExactly(ClientKind.VODUPLOAD_HTTP, ClientKind.VODUPLOAD_OSS,
                ClientKind.ALIYUN_SDK);
        assertThat(o.signature()).isEqualTo("V4");
        assertThat(o.checkpoint()).isFalse();
        assertThat(o.heapProbe()).isEmpty();
        assertThat(o.link().isNone()).isTrue();
        assertThat(o.configs()).containsExactly(
                new BenchOptions.Config(Sizes.MIB, 1), new BenchOptions.Config(Sizes.MIB, 4),
                new BenchOptions.Config(8 * Sizes.MIB, 1), new BenchOptions.Config(8 * Sizes.MIB, 4));
        assertThat(o.probeConfig()).isEqualTo(new BenchOptions.Config(8 * Sizes.MIB, 4));
    }

    @Test
    void parse_everyOption_isTaken() {
        BenchOptions o = BenchOptions.parse("--size", "256MiB", "--rounds", "5", "--warmup", "0",
                "--part-sizes", "2MiB, 16MiB", "--parallelism", "2,8", "--clients", "aliyun-sdk,vodupload-http",
                "--signature", "v1", "--worker-heap", "1g", "--heap-probe", "16m,32m", "--checkpoint",
                "--dir", "/tmp/x", "--timeout", "30", "--seed", "7", "--link", "100ms,2MiB/s,12MiB/s");

        assertThat(o.size()).isEqualTo(256 * Sizes.MIB);
        assertThat(o.rounds()).isEqualTo(5);
        assertThat(o.warmup()).isZero();
        assertThat(o.partSizes()).containsExactly(2 * Sizes.MIB, 16 * Sizes.MIB);
        assertThat(o.parallelisms()).containsExactly(2, 8);
        assertThat(o.clients()).containsExactly(ClientKind.ALIYUN_SDK, ClientKind.VODUPLOAD_HTTP);
        assertThat(o.signature()).isEqualTo("V1");
        assertThat(o.workerHeap()).isEqualTo("1g");
        assertThat(o.heapProbe()).containsExactly("16m", "32m");
        assertThat(o.checkpoint()).isTrue();
        assertThat(o.dir()).contains(Path.of("/tmp/x"));
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.seed()).isEqualTo(7);
        assertThat(o.link()).isEqualTo(new LinkEmulation(Duration.ofMillis(100), 2 * Sizes.MIB, 12 * Sizes.MIB));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "--frobnicate 1; unknown option: --frobnicate",
        "--size; missing value after --size",
        "--rounds -1; rounds < 0: -1",
        "--rounds 0; rounds 0 without --heap-probe",
        "--rounds many; --rounds is not an integer: many",
        "--part-sizes 64KiB; part size out of 100 KiB..5 GiB: 65536",
        "--parallelism 65; parallelism out of 0..64: 65",
        "--clients aliyun-sdk,aliyun-sdk; a client is named twice",
        "--clients boto3; unknown client: boto3",
        "--signature V2; signature is not V1 or V4: V2",
        "--worker-heap lots; not a JVM heap size (like 512m): lots",
        "--heap-probe 16m,1x; not a JVM heap size (like 512m): 1x",
        "--timeout 0; timeout is not positive",
        "--link 30ms; not a link like 30ms,10MiB/s,40MiB/s: 30ms"
    })
    void parse_badArgument_throwsNamingIt(String args, String message) {
        assertThatThrownBy(() -> BenchOptions.parse(args.split(" ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void parse_zeroRoundsWithAHeapProbe_isAProbeOnlyRun() {
        BenchOptions o = BenchOptions.parse("--rounds", "0", "--heap-probe", "16m");

        assertThat(o.rounds()).isZero();
        assertThat(o.heapProbe()).containsExactly("16m");
    }

    @Test
    void header_probeOnlyRun_describesTheProbeNotRounds() {
        String header = UploadBenchmark.header(BenchOptions.parse("--size", "256MiB", "--rounds", "0",
                "--part-sizes", "8MiB", "--parallelism", "4", "--heap-probe", "12m,16m"), "1.00 2.00 3.00", "4.00 5.00 6.00");

        assertThat(header).startsWith("## End-to-end upload: 256 MiB")
                .contains("heap probe: one upload (8 MiB × 4) per client in a fresh JVM (cold JIT) of each -Xmx: 12m, 16m")
                .contains("before: 1.00 2.00 3.00, after: 4.00 5.00 6.00")
                .doesNotContain("measured rounds");
    }

    @Test
    void rotate_threeClients_everyClientGoesFirstOnceInThreeRounds() {
        List<ClientKind> all = List.of(ClientKind.values());

        assertThat(UploadBenchmark.rotate(all, 1)).containsExactly(ClientKind.VODUPLOAD_OSS, ClientKind.ALIYUN_SDK,
                ClientKind.VODUPLOAD_HTTP);
        assertThat(UploadBenchmark.rotate(all, 2)).containsExactly(ClientKind.ALIYUN_SDK, ClientKind.VODUPLOAD_HTTP,
                ClientKind.VODUPLOAD_OSS);
    }

    @Test
    void rotate_eachRound_startsWithTheNextClient() {
        List<ClientKind> both = List.of(ClientKind.VODUPLOAD_HTTP, ClientKind.ALIYUN_SDK);

        assertThat(UploadBenchmark.rotate(both, 0)).containsExactly(ClientKind.VODUPLOAD_HTTP, ClientKind.ALIYUN_SDK);
        assertThat(UploadBenchmark.rotate(both, 1)).containsExactly(ClientKind.ALIYUN_SDK, ClientKind.VODUPLOAD_HTTP);
        assertThat(UploadBenchmark.rotate(both, 2)).containsExactly(ClientKind.VODUPLOAD_HTTP, ClientKind.ALIYUN_SDK);
    }
}
