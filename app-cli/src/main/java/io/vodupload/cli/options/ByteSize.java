package io.vodupload.cli.options;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as users write them on the command line: a whole number of bytes ({@code 1048576}) or a whole
 * number with a binary unit ({@code 100KiB}, {@code 8 MiB}, {@code 1GiB}; the unit is case-insensitive,
 * {@code B} is accepted for bytes).
 *
 * <p>Stateless and thread-safe.
 */
public final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("\\s*(\\d{1,19})\\s*([A-Za-z]*)\\s*");

    private ByteSize() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming {@code text} when it is not a size or overflows
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size (bytes, or a whole number with KiB, MiB or GiB): '"
                    + text + "'");
        }
        long multiplier;
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "":
            case "b":
                multiplier = 1;
                break;
            case "kib":
                multiplier = 1L << 10;
                break;
            case "mib":
                multiplier = 1L << 20;
                break;
            case "gib":
                multiplier = 1L << 30;
                break;
            default:
                throw new IllegalArgumentException("unknown size unit '" + m.group(2) + "' in '" + text
                        + "' (use KiB, MiB or GiB)");
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("size is too large: '" + text + "'");
        }
    }

    /** {@code bytes} for people: {@code 512 B}, {@code 291.4 KiB}, {@code 1.5 GiB}. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
