package io.vodupload.bench;

import java.util.Locale;

/**
 * Byte sizes as people write them on a command line ({@code 1GiB}, {@code 256MiB}, {@code 8m},
 * {@code 1048576}) and as the reports print them. Units are binary: {@code K}, {@code KiB}, {@code KB}
 * all mean 1024. Stateless.
 */
final class Sizes {

    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;
    static final long GIB = 1024 * MIB;

    private Sizes() {
    }

    /**
     * Parses a size: digits with an optional unit (B, K/KB/KiB, M/MB/MiB, G/GB/GiB), any case.
     *
     * @throws IllegalArgumentException naming the value when it is not a positive size
     */
    static long parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        if (end == 0) {
            throw new IllegalArgumentException("not a size: " + text);
        }
        long unit = switch (s.substring(end).trim()) {
            case "", "b" -> 1;
            case "k", "kb", "kib" -> KIB;
            case "m", "mb", "mib" -> MIB;
            case "g", "gb", "gib" -> GIB;
            default -> throw new IllegalArgumentException("unknown unit in size: " + text);
        };
        long n;
        try {
            n = Long.parseLong(s.substring(0, end));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("size too large: " + text);
        }
        if (n <= 0) {
            throw new IllegalArgumentException("size is not positive: " + text);
        }
        if (n > Long.MAX_VALUE / unit) {
            throw new IllegalArgumentException("size too large: " + text);
        }
        return n * unit;
    }

    /** {@code 1 GiB}, {@code 256 MiB}, {@code 100 KiB}, {@code 1.5 MiB}, {@code 999 B}. */
    static String format(long bytes) {
        if (bytes >= GIB) {
            return trim(bytes / (double) GIB) + " GiB";
        }
        if (bytes >= MIB) {
            return trim(bytes / (double) MIB) + " MiB";
        }
        if (bytes >= KIB) {
            return trim(bytes / (double) KIB) + " KiB";
        }
        return bytes + " B";
    }

    /** Mebibytes with one decimal, for tables. */
    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (double) MIB);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
