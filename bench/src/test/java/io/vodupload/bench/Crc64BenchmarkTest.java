package io.vodupload.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.Crc64;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmarks must compute the right thing before their speed means anything. */
class Crc64BenchmarkTest {

    @ParameterizedTest
    @ValueSource(ints = {4096, 65536, 1048576, 8388608})
    void everyBenchmark_computesTheChecksumOfTheBuffer(int size) {
        Crc64Benchmark b = new Crc64Benchmark();
        b.size = size;
        b.fill();
        byte[] data = new byte[size];
        new Random(42).nextBytes(data);
        CRC32 crc32 = new CRC32();
        crc32.update(data);

        assertThat(b.vodupload()).isEqualTo(Crc64.of(data)).isNotZero();
        assertThat(b.voduploadSliceBy8()).isEqualTo(Crc64.of(data));
        assertThat(b.aliyunSdk()).isEqualTo(Crc64.of(data));
        assertThat(b.jdkCrc32()).isEqualTo(crc32.getValue());
    }

    @ParameterizedTest
    @ValueSource(longs = {65536, 8388608, 5368709120L})
    void combine_oursAndTheSdks_agree(long len2) {
        Crc64CombineBenchmark b = new Crc64CombineBenchmark();
        b.len2 = len2;
        b.build();

        assertThat(b.vodupload()).isEqualTo(b.aliyunSdk()).isNotEqualTo(b.crc1 ^ b.crc2);
        assertThat(b.voduploadCombiner()).isEqualTo(b.aliyunSdk());
        assertThat(b.voduploadMatrix()).isEqualTo(b.aliyunSdk());
    }

    /** Cross-checks ours with the SDK's own CRC64 over every path of ours: lengths, offsets and start values. */
    @Test
    void update_anyLengthOffsetAndStart_equalsTheSdk() {
        Random random = new Random(2026);
        byte[] data = new byte[40_000];
        random.nextBytes(data);
        for (int t = 0; t < 2000; t++) {
            int len = t < 1500 ? random.nextInt(1200) : random.nextInt(data.length - 16);
            int off = random.nextInt(16);
            long start = random.nextLong();
            com.aliyun.oss.common.utils.CRC64 sdk = new com.aliyun.oss.common.utils.CRC64(start);
            sdk.update(data, off, len);
            assertThat(Crc64.update(start, data, off, len)).as("off %d, len %d", off, len).isEqualTo(sdk.getValue());
        }
    }

    @Test
    void combine_randomLengthsAndValues_equalsTheSdk() {
        Random random = new Random(7);
        for (int t = 0; t < 300; t++) {
            long crc1 = random.nextLong();
            long crc2 = random.nextLong();
            long len2 = random.nextLong() >>> (1 + random.nextInt(63));
            long sdk = com.aliyun.oss.common.utils.CRC64.combine(crc1, crc2, len2);
            assertThat(Crc64.combine(crc1, crc2, len2)).as("len2 %d", len2).isEqualTo(sdk);
            assertThat(Crc64.combiner(len2).combine(crc1, crc2)).as("len2 %d", len2).isEqualTo(sdk);
        }
    }
}
