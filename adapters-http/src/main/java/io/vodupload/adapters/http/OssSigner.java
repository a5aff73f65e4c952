package io.vodupload.adapters.http;

import io.vodupload.ports.Credentials;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs OSS requests with signature V1 ({@code OSS ak:sig}) or V4 ({@code OSS4-HMAC-SHA256}), written
 * from the rules in OSS-PROTOCOL §2 and checked against every vector in §8.
 *
 * <p>{@link #sign} adds the headers that take part in the signature ({@code Date}, {@code x-oss-date},
 * {@code x-oss-content-sha256}, {@code x-oss-security-token}) before computing it, so the headers it
 * returns are exactly the ones that must go on the wire. Stateless and thread-safe.
 */
final class OssSigner {

    static final String V4_ALGORITHM = "OSS4-HMAC-SHA256";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    static final String SECURITY_TOKEN = "x-oss-security-token";
    static final String OSS_DATE = "x-oss-date";
    static final String CONTENT_SHA256 = "x-oss-content-sha256";

    /**
     * The sub-resources V1 signs (OSS-PROTOCOL §2.1, from SDK1 {@code SignParameters}); every other query
     * parameter ({@code max-parts}, {@code part-number-marker}, ...) is left out of the signature.
     * {@code response-*} parameters are signed too.
     */
    private static final Set<String> V1_SUB_RESOURCES = Set.of(
            "uploads", "uploadId", "partNumber", "acl", "append", "position", "delete", "tagging",
            "objectMeta", "security-token", "sequential", "versionId", "symlink", "restore", "callback",
            "callback-var", "resourceGroup");

    private OssSigner() {
    }

    /** The signature versions. */
    enum Version { V1, V4 }

    /**
     * A request as the signer sees it, before signing.
     *
     * @param method  the HTTP method, upper case
     * @param bucket  the bucket, or empty for a service-level request
     * @param key     the raw object key (not encoded), or empty for a bucket-level request
     * @param query   the query parameters in the order they are sent; an empty value means a bare name
     *                ({@code ?uploads})
     * @param headers the headers to send, any case; {@code Content-Type} and {@code Content-MD5} take
     *                part in both signatures
     */
    record Request(String method, Optional<String> bucket, Optional<String> key, Map<String, String> query,
                   Map<String, String> headers) {
        Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
            TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            h.putAll(headers);
            headers = Collections.unmodifiableMap(h);
        }

        @Override
        public String toString() {
            // headers may hold the security token
            return "Request[" + method + " " + bucket.orElse("") + "/" + key.orElse("") + "]";
        }
    }

    /**
     * A signed request's headers (including {@code Authorization}) and, for tests and debugging, the
     * intermediate strings. Holds the token in {@link #headers}: never log it; {@link #toString} does not
     * show it.
     */
    record Signed(Map<String, String> headers, String canonicalRequest, String stringToSign) {
        String authorization() {
            return headers.get("Authorization");
        }

        @Override
        public String toString() {
            return "Signed[stringToSign length " + stringToSign.length() + "]";
        }
    }

    /**
     * Signs {@code request} at {@code time}.
     *
     * @param region            the V4 region (no {@code oss-} prefix); ignored for V1
     * @param additionalHeaders V4 {@code AdditionalHeaders} names, any case; ignored for V1
     */
    static Signed sign(Version version, Request request, Credentials credentials, Instant time, String region,
                       Set<String> additionalHeaders) {
        TreeMap<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        headers.put("Date", OssDates.httpDate(time));
        credentials.securityToken().ifPresent(token -> headers.put(SECURITY_TOKEN, token));
        if (version == Version.V1) {
            String stringToSign = v1StringToSign(request.method(), headers, request.bucket(), request.key(),
                    request.query());
            headers.put("Authorization", "OSS " + credentials.accessKeyId() + ":"
                    + v1Signature(credentials.accessKeySecret(), stringToSign));
            return new Signed(Collections.unmodifiableMap(headers), "", stringToSign);
        }
        Objects.requireNonNull(region, "region");
        headers.put(OSS_DATE, OssDates.ISO_BASIC.format(time));
        headers.put(CONTENT_SHA256, UNSIGNED_PAYLOAD);
        TreeSet<String> additional = v4AdditionalHeaders(headers, additionalHeaders);
        String canonicalRequest = v4CanonicalRequest(request.method(), request.bucket(), request.key(),
                request.query(), headers, additional);
        String scope = v4Scope(time, region);
        String stringToSign = v4StringToSign(time, scope, canonicalRequest);
        byte[] key = v4SigningKey(credentials.accessKeySecret(), time, region);
        String signature = hex(hmac("HmacSHA256", key, stringToSign));
        StringBuilder auth = new StringBuilder(V4_ALGORITHM).append(" Credential=")
                .append(credentials.accessKeyId()).append('/').append(scope);
        if (!additional.isEmpty()) {
            // an empty AdditionalHeaders= is rejected (EC 0002-00000209), so it is left out then
            auth.append(",AdditionalHeaders=").append(String.join(";", additional));
        }
        auth.append(",Signature=").append(signature);
        headers.put("Authorization", auth.toString());
        return new Signed(Collections.unmodifiableMap(headers), canonicalRequest, stringToSign);
    }

    // ---- V1 ---------------------------------------------------------------------------------------

    static String v1StringToSign(String method, Map<String, String> headers, Optional<String> bucket,
                                 Optional<String> key, Map<String, String> query) {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append('\n');
        sb.append(headerOrEmpty(headers, "Content-MD5")).append('\n');
        sb.append(headerOrEmpty(headers, "Content-Type")).append('\n');
        sb.append(headerOrEmpty(headers, "Date")).append('\n');
        TreeMap<String, String> ossHeaders = new TreeMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-oss-")) {
                ossHeaders.put(lower, value.trim());
            }
        });
        ossHeaders.forEach((name, value) -> sb.append(name).append(':').append(value).append('\n'));
        sb.append(v1Resource(bucket, key, query));
        return sb.toString();
    }

    static String v1Resource(Optional<String> bucket, Optional<String> key, Map<String, String> query) {
        StringBuilder sb = new StringBuilder("/");
        if (bucket.isPresent()) {
            sb.append(bucket.get()).append('/');
            key.ifPresent(sb::append);
        }
        TreeMap<String, String> signed = new TreeMap<>();
        query.forEach((name, value) -> {
            if (V1_SUB_RESOURCES.contains(name) || name.startsWith("response-")) {
                signed.put(name, value);
            }
        });
        char sep = '?';
        for (Map.Entry<String, String> e : signed.entrySet()) {
            sb.append(sep).append(e.getKey());
            if (!e.getValue().isEmpty()) {
                sb.append('=').append(e.getValue());
            }
            sep = '&';
        }
        return sb.toString();
    }

    /** {@code Base64(HMAC-SHA1(secret, stringToSign))}. */
    static String v1Signature(String secret, String stringToSign) {
        return Base64.getEncoder().encodeToString(
                hmac("HmacSHA1", secret.getBytes(StandardCharsets.UTF_8), stringToSign));
    }

    // ---- V4 ---------------------------------------------------------------------------------------

    static String v4CanonicalRequest(String method, Optional<String> bucket, Optional<String> key,
                                     Map<String, String> query, Map<String, String> headers,
                                     Set<String> additional) {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append('\n');
        StringBuilder uri = new StringBuilder("/");
        if (bucket.isPresent()) {
            uri.append(bucket.get()).append('/');
            key.ifPresent(uri::append);
        }
        sb.append(OssEncoding.encodePath(uri.toString())).append('\n');

        TreeMap<String, String> encodedQuery = new TreeMap<>();
        query.forEach((name, value) -> encodedQuery.put(OssEncoding.encode(name), OssEncoding.encode(value)));
        List<String> queryParts = new ArrayList<>();
        encodedQuery.forEach((name, value) -> queryParts.add(value.isEmpty() ? name : name + "=" + value));
        sb.append(String.join("&", queryParts)).append('\n');

        TreeMap<String, String> canonicalHeaders = new TreeMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            String trimmed = value.trim();
            if (!trimmed.isEmpty() && (isV4DefaultSigned(lower) || additional.contains(lower))) {
                canonicalHeaders.put(lower, trimmed);
            }
        });
        canonicalHeaders.forEach((name, value) -> sb.append(name).append(':').append(value).append('\n'));
        sb.append('\n');
        sb.append(String.join(";", additional)).append('\n');
        sb.append(headerOrDefault(headers, CONTENT_SHA256, UNSIGNED_PAYLOAD));
        return sb.toString();
    }

    static String v4StringToSign(Instant time, String scope, String canonicalRequest) {
        return V4_ALGORITHM + "\n" + OssDates.ISO_BASIC.format(time) + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest));
    }

    static String v4Scope(Instant time, String region) {
        return OssDates.SCOPE_DATE.format(time) + "/" + region + "/oss/aliyun_v4_request";
    }

    /** The signing-key chain, each step returned so tests can check it against the vectors. */
    static List<byte[]> v4SigningKeyChain(String secret, Instant time, String region) {
        byte[] k0 = ("aliyun_v4" + secret).getBytes(StandardCharsets.UTF_8);
        byte[] kDate = hmac("HmacSHA256", k0, OssDates.SCOPE_DATE.format(time));
        byte[] kRegion = hmac("HmacSHA256", kDate, region);
        byte[] kProduct = hmac("HmacSHA256", kRegion, "oss");
        byte[] kSigning = hmac("HmacSHA256", kProduct, "aliyun_v4_request");
        return List.of(kDate, kRegion, kProduct, kSigning);
    }

    static byte[] v4SigningKey(String secret, Instant time, String region) {
        return v4SigningKeyChain(secret, time, region).get(3);
    }

    /** Lower-cased, sorted, de-duplicated names that are in the request and not already signed. */
    static TreeSet<String> v4AdditionalHeaders(Map<String, String> headers, Set<String> requested) {
        TreeSet<String> present = new TreeSet<>();
        headers.forEach((name, value) -> {
            if (!value.trim().isEmpty()) {
                present.add(name.toLowerCase(Locale.ROOT));
            }
        });
        TreeSet<String> result = new TreeSet<>();
        for (String name : requested) {
            String lower = name.toLowerCase(Locale.ROOT).trim();
            if (present.contains(lower) && !isV4DefaultSigned(lower)) {
                result.add(lower);
            }
        }
        return result;
    }

    private static boolean isV4DefaultSigned(String lowerName) {
        return lowerName.equals("content-type") || lowerName.equals("content-md5")
                || lowerName.startsWith("x-oss-");
    }

    // ---- primitives -------------------------------------------------------------------------------

    private static String headerOrEmpty(Map<String, String> headers, String name) {
        return headerOrDefault(headers, name, "");
    }

    private static String headerOrDefault(Map<String, String> headers, String name, String dflt) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue().trim();
            }
        }
        return dflt;
    }

    static byte[] hmac(String algorithm, byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // every JRE must provide HmacSHA1 and HmacSHA256
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    private static byte[] sha256(String data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >>> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
