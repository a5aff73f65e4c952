package io.vodupload.testkit.vod;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of POP RPC signing (SignatureVersion 1.0, HMAC-SHA1), written independently of any
 * client: byte-wise RFC 3986 encoding rather than {@code URLEncoder} with fix-ups, so that a client and
 * this check share no code and a bug on either side shows up as a rejected request.
 */
final class PopSignature {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PopSignature() {
    }

    /** RFC 3986 percent-encoding of the UTF-8 bytes: only {@code A-Za-z0-9-_.~} stay literal. */
    static String percentEncode(String text) {
        StringBuilder sb = new StringBuilder(text.length() * 3 / 2);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return sb.toString();
    }

    /**
     * Decodes one query component: {@code %XX} to a byte, {@code +} to a space (what a servlet container
     * does with a query string), the bytes as UTF-8.
     *
     * @throws IllegalArgumentException on a malformed escape
     */
    static String percentDecode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new IllegalArgumentException("truncated percent escape at index " + i);
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad percent escape at index " + i);
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The parameters of a raw query string, decoded, sorted by name.
     *
     * @throws IllegalArgumentException on a malformed escape or a parameter given twice
     */
    static TreeMap<String, String> parseQuery(String rawQuery) {
        TreeMap<String, String> params = new TreeMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
            if (params.put(name, value) != null) {
                throw new IllegalArgumentException("parameter " + name + " is given more than once");
            }
        }
        return params;
    }

    /**
     * {@code "GET&%2F&" + encode(k1=v1&k2=v2…)} over every parameter but {@code Signature}, sorted by name
     * (byte order of the names, which are ASCII).
     */
    static String stringToSign(Map<String, String> params) {
        StringBuilder canonical = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if (e.getKey().equals("Signature")) {
                continue;
            }
            if (canonical.length() > 0) {
                canonical.append('&');
            }
            canonical.append(percentEncode(e.getKey())).append('=').append(percentEncode(e.getValue()));
        }
        return "GET&" + percentEncode("/") + "&" + percentEncode(canonical.toString());
    }

    /** {@code Base64(HMAC-SHA1(key = secret + "&", stringToSign))}. */
    static String sign(String accessKeySecret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }
}
