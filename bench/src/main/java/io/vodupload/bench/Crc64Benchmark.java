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
 * CRC-64/ECMA throughput over one buffer: {@link Crc64} (slice-by-8) against aliyun-sdk-oss's
 * {@code com.aliyun.oss.common.utils.CRC64}, the class the SDK runs over every byte it uploads. 64 KiB is
 * the chunk our HTTP adapter folds in at a time; 8 MiB is a whole default part.
 *
 * <p>{@code jdkCrc32} is a reference line, not a competitor: a different (32-bit) CRC that HotSpot
 * computes with a CPU intrinsic, showing what the hardware does when it helps.
 *
 * <p>The score is buffers per second; {@code docs/benchmarks.md} converts it to MiB/s
 * ({@code score × size / 2^20}). A unit test checks that the three return what they should before anyone
 * times them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class Crc64Benchmark {

    @Param({"65536", "8388608"})
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
}
