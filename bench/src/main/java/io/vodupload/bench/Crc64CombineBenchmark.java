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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one {@code combine(crc1, crc2, len2)}: the step that folds a part's CRC into the whole
 * object's CRC without reading the data again. Both uploaders fold once per part at the end, so an upload
 * of N parts pays N of these. Its cost grows with log2(len2): 64 KiB, an 8 MiB part, and a 5 GiB part
 * (the largest OSS allows).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class Crc64CombineBenchmark {

    @Param({"65536", "8388608", "5368709120"})
    public long len2;

    // fields, not constants, so the JIT cannot fold the whole computation away
    public long crc1 = 0x995DC9BBDF1939FAL;
    public long crc2 = 0x6C40DF5F0B497347L;

    @Benchmark
    public long vodupload() {
        return Crc64.combine(crc1, crc2, len2);
    }

    @Benchmark
    public long aliyunSdk() {
        return com.aliyun.oss.common.utils.CRC64.combine(crc1, crc2, len2);
    }
}
