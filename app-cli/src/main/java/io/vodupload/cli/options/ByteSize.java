package io.vodupload.cli.options;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as users write them on the command line, the way ossutil and the aws CLI read part sizes: a number
 * of bytes ({@code 1048576}) or a number with a unit, where {@code K}, {@code KB} and {@code KiB} all mean
 * 1024 bytes (likewise {@code M}/{@code MB}/{@code MiB} and {@code G}/{@code GB}/{@code GiB}); the unit is
 * case-insensitive, a space before it is allowed, {@code B} is bytes, and the number may have decimals
 * ({@code 1.5GiB}). A fraction of a byte is dropped.
 *
 * <p>Stateless and thread-safe.
 */
public final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("\\s*(\\d{1,19}(?:\\.\\d{1,9})?)\\s*([A-Za-z]*)\\s*");

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
            throw new IllegalArgumentException("not a size (bytes, or a number with K, M or G, as in 16M, 16MB, "
                    + "16MiB or 1.5GiB): '" + text + "'");
        }
        long multiplier;
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "":
            case "b":
                multiplier = 1;
                break;
            case "k":
            case "kb":
            case "kib":
                multiplier = 1L << 10;
                break;
            case "m":
            case "mb":
            case "mib":
                multiplier = 1L << 20;
                break;
            case "g":
            case "gb":
            case "gib":
                multiplier = 1L << 30;
                break;
            default:
                throw new IllegalArgumentException("unknown size unit '" + m.group(2) + "' in '" + text
                        + "' (use K, M or G, as in 16M, 16MB or 16MiB)");
        }
        try {
            return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(multiplier))
                    .setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
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
