package io.vodupload.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapMeterTest {

    static volatile Object sink;

    @Test
    void stop_afterRetainingAndChurningMemory_countsBothAsAllocatedAndTheRetainedPartInThePeak() throws Exception {
        try (HeapMeter meter = new HeapMeter()) {
            meter.start();
            // 64 KiB arrays: never humongous in G1, so the heap holds them at their own size
            byte[][] kept = new byte[32 * 16][];
            for (int i = 0; i < kept.length; i++) {
                kept[i] = new byte[64 * 1024];
            }
            // garbage on top: 64 MiB in small arrays that die at once
            for (int i = 0; i < 64 * 16; i++) {
                sink = new byte[64 * 1024];
            }
            HeapMeter.Usage usage = meter.stop();
            sink = kept;

            // G1 reports eden use in whole regions (1 MiB at -Xmx512m): a few regions either way
            assertThat(usage.allocated()).isBetween((96L - 4) << 20, (96L + 16) << 20);
            assertThat(usage.peakUsed()).isGreaterThanOrEqualTo(32L << 20);
            assertThat(usage.maxRetained()).isLessThanOrEqualTo(usage.peakUsed());
            assertThat(usage.collections()).isNotNegative();
        }
    }

    @Test
    void start_eachWindow_beginsAfresh() throws Exception {
        try (HeapMeter meter = new HeapMeter()) {
            meter.start();
            sink = new byte[16 << 20];
            HeapMeter.Usage first = meter.stop();
            sink = null;

            meter.start();
            HeapMeter.Usage second = meter.stop();

            assertThat(first.allocated()).isGreaterThanOrEqualTo(16L << 20);
            assertThat(second.allocated()).isLessThan(4L << 20);
        }
    }
}
