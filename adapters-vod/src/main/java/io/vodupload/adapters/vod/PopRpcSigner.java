package io.vodupload.adapters.vod;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POP RPC request signing, SignatureVersion 1.0 with HMAC-SHA1, as VOD's OpenAPI documents it:
 * sort the parameters by name, percent-encode names and values (RFC 3986), join them as
 * {@code k=v&…}, sign {@code "GET&%2F&" + encode(joined)} with the key {@code secret + "&"}, Base64.
 *
 * <p>Stateless and thread-safe.
 */
final class PopRpcSigner {

    static final String SIGNATURE = "Signature";

    private PopRpcSigner() {
    }

    /**
     * RFC 3986 percent-encoding of the UTF-8 bytes: {@code A-Za-z0-9-_.~} literal, everything else
     * {@code %XX}. {@link URLEncoder} encodes form data, so three of its choices are turned back: a space
     * ({@code +}) becomes {@code %20}, {@code *} becomes {@code %2A}, and {@code %7E} becomes {@code ~}.
     */
    static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    /** {@code k1=v1&k2=v2…}, encoded, sorted by name, without {@code Signature}. */
    static String canonicalQuery(Map<String, String> params) {
        SortedMap<String, String> sorted = new TreeMap<>(params);
        sorted.remove(SIGNATURE);
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(percentEncode(e.getKey())).append('=').append(percentEncode(e.getValue()));
        }
        return query.toString();
    }

    /** {@code "GET&%2F&" + encode(canonicalQuery)}: the inner {@code &} and {@code =} are encoded too. */
    static String stringToSign(String canonicalQuery) {
        return "GET&" + percentEncode("/") + "&" + percentEncode(canonicalQuery);
    }

    /** {@code Base64(HMAC-SHA1(accessKeySecret + "&", stringToSign))}. */
    static String signature(String accessKeySecret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available in this JVM", e);
        }
    }

    /** The query string to send: the canonical query, then {@code &Signature=} and the encoded signature. */
    static String signedQuery(Map<String, String> params, String accessKeySecret) {
        String canonical = canonicalQuery(params);
        return canonical + "&" + SIGNATURE + "=" + percentEncode(signature(accessKeySecret, stringToSign(canonical)));
    }
}
