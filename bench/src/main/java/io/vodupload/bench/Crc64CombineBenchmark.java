package io.vodupload.bench;

import io.vodupload.ports.Crc64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one {@code combine(crc1, crc2, len2)}: the step that folds a part's CRC into the whole
 * object's CRC without reading the data again. An upload of N parts pays N of these. Lengths: 64 KiB,
 * an 8 MiB part, and a 5 GiB part (the largest OSS allows).
 *
 * <ul>
 *   <li>{@code vodupload}: {@link Crc64#combine}, products of precomputed powers x^(2^k);
 *   <li>{@code voduploadCombiner}: {@link Crc64.Combiner#combine}, the operator for {@code len2} built
 *       once in setup (as for every part of an upload but the last), so only the fold is timed;
 *   <li>{@code voduploadMatrix}: our previous {@code combine}, zlib's matrix squaring, frozen here as
 *       the baseline;
 *   <li>{@code aliyunSdk}: the SDK's {@code CRC64.combine}, the same matrix method.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class Crc64CombineBenchmark {

    @Param({"65536", "8388608", "5368709120"})
    public long len2;

    // fields, not constants, so the JIT cannot fold the whole computation away
    public long crc1 = 0x995DC9BBDF1939FAL;
    public long crc2 = 0x6C40DF5F0B497347L;

    private Crc64.Combiner combiner;

    @Setup
    public void build() {
        combiner = Crc64.combiner(len2);
    }

    @Benchmark
    public long vodupload() {
        return Crc64.combine(crc1, crc2, len2);
    }

    @Benchmark
    public long voduploadCombiner() {
        return combiner.combine(crc1, crc2);
    }

    @Benchmark
    public long voduploadMatrix() {
        return Matrix.combine(crc1, crc2, len2);
    }

    @Benchmark
    public long aliyunSdk() {
        return com.aliyun.oss.common.utils.CRC64.combine(crc1, crc2, len2);
    }

    /** {@code Crc64.combine} as it was before the precomputed powers: zlib's crc32_combine widened to 64 bits. */
    static final class Matrix {

        private Matrix() {
        }

        static long combine(long crc1, long crc2, long len2) {
            if (len2 == 0) {
                return crc1;
            }
            long[] even = new long[64];
            long[] odd = new long[64];
            odd[0] = 0xC96C5795D7870F42L; // the operator for one zero bit
            long row = 1;
            for (int n = 1; n < 64; n++) {
                odd[n] = row;
                row <<= 1;
            }
            square(even, odd); // two zero bits
            square(odd, even); // four zero bits
            long c1 = crc1;
            long len = len2;
            do {
                square(even, odd); // first time: one zero byte
                if ((len & 1) != 0) {
                    c1 = times(even, c1);
                }
                len >>>= 1;
                if (len == 0) {
                    break;
                }
                square(odd, even);
                if ((len & 1) != 0) {
                    c1 = times(odd, c1);
                }
                len >>>= 1;
            } while (len != 0);
            return c1 ^ crc2;
        }

        private static long times(long[] mat, long vec) {
            long sum = 0;
            int i = 0;
            while (vec != 0) {
                if ((vec & 1) != 0) {
                    sum ^= mat[i];
                }
                vec >>>= 1;
                i++;
            }
            return sum;
        }

        private static void square(long[] square, long[] mat) {
            for (int n = 0; n < 64; n++) {
                square[n] = times(mat, mat[n]);
            }
        }
    }
}
