package io.vodupload.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine's load average, to print beside every result: on a shared machine a number means little
 * without it. Reads {@code /proc/loadavg} (1, 5 and 15 minutes) and falls back to the JVM's 1-minute value.
 */
final class LoadAverage {

    private LoadAverage() {
    }

    /** {@code "1.52 1.20 0.98"}, or the 1-minute value alone where {@code /proc} is missing. */
    static String now() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return one < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", one);
        }
    }

    /** The 1-minute value of {@link #now()}, or NaN when unknown. */
    static double oneMinute(String loadAverage) {
        try {
            return Double.parseDouble(loadAverage.split(" ")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
