package io.vodupload.adapters.http;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding as OSS expects it (RFC 3986: unreserved {@code A-Za-z0-9-_.~} kept, every other
 * UTF-8 byte as upper-case {@code %XX}, so a space is {@code %20} and {@code +} is {@code %2B}).
 *
 * <p>One encoder serves the request path, the query and the V4 canonical request, so what is sent and
 * what is signed can never disagree. Stateless.
 */
final class OssEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private OssEncoding() {
    }

    /** Encodes every byte outside the unreserved set, including {@code /}. */
    static String encode(String s) {
        return encode(s, false);
    }

    /** Encodes a path: like {@link #encode} but keeps {@code /} as the segment separator. */
    static String encodePath(String s) {
        return encode(s, true);
    }

    private static String encode(String s, boolean keepSlash) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >>> 4]).append(HEX[c & 0x0F]);
            }
        }
        return sb.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }
}
