package io.vodupload.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.Crc64;
import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmarks must compute the right thing before their speed means anything. */
class Crc64BenchmarkTest {

    @ParameterizedTest
    @ValueSource(ints = {65536, 8388608})
    void everyBenchmark_computesTheChecksumOfTheBuffer(int size) {
        Crc64Benchmark b = new Crc64Benchmark();
        b.size = size;
        b.fill();
        byte[] data = new byte[size];
        new java.util.Random(42).nextBytes(data);
        CRC32 crc32 = new CRC32();
        crc32.update(data);

        assertThat(b.vodupload()).isEqualTo(Crc64.of(data)).isNotZero();
        assertThat(b.aliyunSdk()).isEqualTo(Crc64.of(data));
        assertThat(b.jdkCrc32()).isEqualTo(crc32.getValue());
    }

    @ParameterizedTest
    @ValueSource(longs = {65536, 8388608, 5368709120L})
    void combine_oursAndTheSdks_agree(long len2) {
        Crc64CombineBenchmark b = new Crc64CombineBenchmark();
        b.len2 = len2;

        assertThat(b.vodupload()).isEqualTo(b.aliyunSdk()).isNotEqualTo(b.crc1 ^ b.crc2);
    }
}
