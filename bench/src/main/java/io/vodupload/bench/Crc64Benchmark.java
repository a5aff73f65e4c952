package io.vodupload.bench;

import io.vodupload.ports.Crc64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
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
 * CRC-64/ECMA throughput over one buffer: {@link Crc64} (two lanes of slice-by-16) against
 * aliyun-sdk-oss's {@code com.aliyun.oss.common.utils.CRC64}, the class the SDK runs over every byte it
 * uploads, and against {@link SliceBy8}, our previous implementation, kept here as the baseline. 4 KiB is
 * what the SDK's HTTP client reads at a time (so what adapters-oss folds in); 64 KiB is the chunk
 * adapters-http folds in; 1 MiB and 8 MiB are whole parts.
 *
 * <p>{@code jdkCrc32} is a reference line, not a competitor: a different (32-bit) CRC that HotSpot
 * computes with a CPU intrinsic, showing what the hardware does when it helps.
 *
 * <p>The score is buffers per second; {@code docs/benchmarks.md} converts it to MiB/s
 * ({@code score × size / 2^20}). A unit test checks that all of them return what they should before
 * anyone times them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class Crc64Benchmark {

    @Param({"4096", "65536", "1048576", "8388608"})
    public int size;

    private byte[] data;

    @Setup
    public void fill() {
        data = new byte[size];
        new Random(42).nextBytes(data);
    }

    @Benchmark
    public long vodupload() {
        return Crc64.update(0, data, 0, data.length);
    }

    @Benchmark
    public long voduploadSliceBy8() {
        return SliceBy8.update(0, data, 0, data.length);
    }

    @Benchmark
    public long aliyunSdk() {
        com.aliyun.oss.common.utils.CRC64 crc = new com.aliyun.oss.common.utils.CRC64();
        crc.update(data, 0, data.length);
        return crc.getValue();
    }

    @Benchmark
    public long jdkCrc32() {
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length);
        return crc.getValue();
    }

    /**
     * {@code Crc64.update} as it was until the two-lane loop replaced it (one slice-by-8 chain, the
     * SDK's algorithm), frozen here so that every run measures old and new side by side.
     */
    static final class SliceBy8 {

        private static final long[][] TABLE = new long[8][256];

        static {
            for (int n = 0; n < 256; n++) {
                long c = n;
                for (int k = 0; k < 8; k++) {
                    c = (c & 1) != 0 ? (c >>> 1) ^ 0xC96C5795D7870F42L : c >>> 1;
                }
                TABLE[0][n] = c;
            }
            for (int n = 0; n < 256; n++) {
                long c = TABLE[0][n];
                for (int k = 1; k < 8; k++) {
                    c = TABLE[0][(int) (c & 0xFF)] ^ (c >>> 8);
                    TABLE[k][n] = c;
                }
            }
        }

        private SliceBy8() {
        }

        static long update(long crc, byte[] b, int off, int len) {
            long c = ~crc;
            int i = off;
            int end = off + len;
            final long[] t0 = TABLE[0], t1 = TABLE[1], t2 = TABLE[2], t3 = TABLE[3];
            final long[] t4 = TABLE[4], t5 = TABLE[5], t6 = TABLE[6], t7 = TABLE[7];
            while (end - i >= 8) {
                long x = c ^ ((b[i] & 0xFFL)
                        | (b[i + 1] & 0xFFL) << 8
                        | (b[i + 2] & 0xFFL) << 16
                        | (b[i + 3] & 0xFFL) << 24
                        | (b[i + 4] & 0xFFL) << 32
                        | (b[i + 5] & 0xFFL) << 40
                        | (b[i + 6] & 0xFFL) << 48
                        | (b[i + 7] & 0xFFL) << 56);
                c = t7[(int) (x & 0xFF)]
                        ^ t6[(int) ((x >>> 8) & 0xFF)]
                        ^ t5[(int) ((x >>> 16) & 0xFF)]
                        ^ t4[(int) ((x >>> 24) & 0xFF)]
                        ^ t3[(int) ((x >>> 32) & 0xFF)]
                        ^ t2[(int) ((x >>> 40) & 0xFF)]
                        ^ t1[(int) ((x >>> 48) & 0xFF)]
                        ^ t0[(int) (x >>> 56)];
                i += 8;
            }
            while (i < end) {
                c = t0[(int) ((c ^ b[i]) & 0xFF)] ^ (c >>> 8);
                i++;
            }
            return ~c;
        }
    }
}
