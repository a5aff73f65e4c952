package io.vodupload.testkit.oss;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Encodings the OSS wire uses: RFC 3986 percent-encoding, hex, and the three date formats. Stateless. */
final class OssCodec {

    /** RFC 1123 as OSS wants it: always a two-digit day (OSS-PROTOCOL.md §1.2, the {@code Date} pitfall). */
    static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    /** V4 {@code x-oss-date}: ISO 8601 basic. */
    static final DateTimeFormatter ISO_BASIC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.US).withZone(ZoneOffset.UTC);
    /** XML times ({@code LastModified}, {@code ServerTime}), with milliseconds as OSS writes them. */
    static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.US).withZone(ZoneOffset.UTC);

    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
    private static final char[] HEX_LOWER = "0123456789abcdef".toCharArray();

    private OssCodec() {
    }

    /**
     * Decodes {@code %XX} sequences as UTF-8. A {@code '+'} stays a plus: OSS paths and SDK query strings
     * encode spaces as {@code %20}.
     *
     * @throws IllegalArgumentException naming the input when an escape is malformed or the bytes are not UTF-8
     */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            int next = s.indexOf('%', i);
            if (next < 0) {
                out.writeBytes(s.substring(i).getBytes(StandardCharsets.UTF_8));
                break;
            }
            out.writeBytes(s.substring(i, next).getBytes(StandardCharsets.UTF_8));
            if (next + 2 >= s.length()) {
                throw new IllegalArgumentException("truncated percent escape in: " + s);
            }
            int hi = Character.digit(s.charAt(next + 1), 16);
            int lo = Character.digit(s.charAt(next + 2), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("malformed percent escape in: " + s);
            }
            out.write(hi << 4 | lo);
            i = next + 3;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent escapes are not UTF-8 in: " + s);
        }
    }

    /**
     * RFC 3986 encoding as V4 signing needs it: {@code A-Za-z0-9-_.~} stay, every other UTF-8 byte becomes
     * {@code %XX} (uppercase); {@code '/'} stays only when {@code keepSlash}.
     */
    static String uriEncode(String s, boolean keepSlash) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX_UPPER[c >>> 4]).append(HEX_UPPER[c & 0xF]);
            }
        }
        return sb.toString();
    }

    static String hexUpper(byte[] b) {
        return hex(b, HEX_UPPER);
    }

    static String hexLower(byte[] b) {
        return hex(b, HEX_LOWER);
    }

    private static String hex(byte[] b, char[] digits) {
        char[] out = new char[b.length * 2];
        for (int i = 0; i < b.length; i++) {
            out[2 * i] = digits[(b[i] >>> 4) & 0xF];
            out[2 * i + 1] = digits[b[i] & 0xF];
        }
        return new String(out);
    }

    static String httpDate(Instant t) {
        return HTTP_DATE.format(t);
    }

    static String isoMillis(Instant t) {
        return ISO_MILLIS.format(t);
    }
}
