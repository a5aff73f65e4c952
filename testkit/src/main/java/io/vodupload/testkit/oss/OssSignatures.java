package io.vodupload.testkit.oss;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of OSS header signatures V1 and V4 (OSS-PROTOCOL.md §2): the canonical strings built
 * from a decoded request, and the HMACs. Written from the protocol description, independently of the
 * client signer in {@code adapters-http}, so that the two check each other; both are proven against
 * the §8 vectors and against aliyun-sdk-oss. Stateless and thread-safe.
 */
final class OssSignatures {

    static final String V4_ALGORITHM = "OSS4-HMAC-SHA256";
    static final String V4_TERMINATOR = "aliyun_v4_request";
    static final String V4_PRODUCT = "oss";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    /**
     * Sub-resources that V1 signs (SDK1 {@code SignParameters.SIGNED_PARAMTERS} and JSDK2's set); every
     * other query parameter is left out of the CanonicalizedResource.
     */
    static final Set<String> V1_SUBRESOURCES = Set.of(
            "acl", "uploads", "location", "cors", "logging", "website", "referer", "lifecycle", "delete",
            "append", "tagging", "objectMeta", "uploadId", "partNumber", "security-token", "position",
            "response-cache-control", "response-content-disposition", "response-content-encoding",
            "response-content-language", "response-content-type", "response-expires", "img", "style",
            "styleName", "replication", "replicationProgress", "replicationLocation", "cname", "bucketInfo",
            "comp", "qos", "live", "status", "vod", "startTime", "endTime", "x-oss-process",
            "processConfiguration", "symlink", "stat", "udf", "udfName", "udfImage", "udfImageDesc",
            "udfApplication", "udfLog", "restore", "versions", "versioning", "versionId", "encryption",
            "policy", "requestPayment", "x-oss-traffic-limit", "qosInfo", "asyncFetch", "sequential",
            "x-oss-request-payer", "vpcip", "vip", "inventory", "inventoryId", "continuation-token", "worm",
            "wormId", "wormExtend", "callback", "callback-var", "resourceGroup", "transferAcceleration",
            "accessPoint", "accessPointPolicy", "metaQuery", "regionList", "objectInfo", "bucketArchiveDirectRead",
            "responseHeader", "userDefinedLogFieldsConfig", "reservedcapacity", "publicAccessBlock",
            "policyStatus", "httpsConfig", "dataRedundancyTransition", "cors-configuration", "x-oss-async-process");

    private OssSignatures() {
    }

    // ---- V1 ----------------------------------------------------------------------------------------

    /**
     * The V1 StringToSign of {@code request}: VERB, Content-MD5, Content-Type, Date (the {@code Date}
     * header; {@code x-oss-date} only when there is no {@code Date}), the {@code x-oss-*} headers, and the
     * CanonicalizedResource with the signed sub-resources.
     */
    static String v1StringToSign(OssRequest request) {
        Map<String, String> headers = request.headers();
        StringBuilder sb = new StringBuilder(256);
        sb.append(request.method()).append('\n');
        sb.append(trimmed(headers.get("content-md5"))).append('\n');
        sb.append(trimmed(headers.get("content-type"))).append('\n');
        String date = headers.containsKey("date") ? headers.get("date") : headers.get("x-oss-date");
        sb.append(trimmed(date)).append('\n');
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().startsWith("x-oss-")) {
                sb.append(h.getKey()).append(':').append(h.getValue().trim()).append('\n');
            }
        }
        sb.append(resourcePath(request));
        List<OssRequest.QueryParam> signed = new ArrayList<>();
        for (OssRequest.QueryParam p : request.query()) {
            if (V1_SUBRESOURCES.contains(p.name()) || p.name().startsWith("response-")) {
                signed.add(p);
            }
        }
        signed.sort(Comparator.comparing(OssRequest.QueryParam::name));
        char separator = '?';
        for (OssRequest.QueryParam p : signed) {
            sb.append(separator).append(p.name());
            if (!p.value().isEmpty()) {
                sb.append('=').append(p.value());
            }
            separator = '&';
        }
        return sb.toString();
    }

    /** {@code Base64(HMAC-SHA1(secret, stringToSign))}. */
    static String v1Signature(String secret, String stringToSign) {
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", utf8(secret), utf8(stringToSign)));
    }

    /** {@code /bucket/key} with the key as raw UTF-8; {@code /bucket/} for a bucket, {@code /} for the service. */
    static String resourcePath(OssRequest request) {
        if (request.bucket().isEmpty()) {
            return "/";
        }
        return "/" + request.bucket().get() + "/" + request.key().orElse("");
    }

    // ---- V4 ----------------------------------------------------------------------------------------

    /**
     * The V4 CanonicalRequest: method, the URI-encoded {@code /bucket/key}, every query parameter encoded
     * and sorted, the signed headers ({@code content-type}, {@code content-md5}, {@code x-oss-*} and the
     * {@code additionalHeaders}; empty values left out), a blank line, the additional header names, and
     * the hashed payload.
     */
    static String v4CanonicalRequest(OssRequest request, SortedSet<String> additionalHeaders) {
        StringBuilder sb = new StringBuilder(512);
        sb.append(request.method()).append('\n');
        sb.append(OssCodec.uriEncode(resourcePath(request), true)).append('\n');

        List<String[]> params = new ArrayList<>();
        for (OssRequest.QueryParam p : request.query()) {
            params.add(new String[] {OssCodec.uriEncode(p.name().trim(), false), OssCodec.uriEncode(p.value().trim(), false)});
        }
        params.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                sb.append('&');
            }
            sb.append(params.get(i)[0]);
            if (!params.get(i)[1].isEmpty()) {
                sb.append('=').append(params.get(i)[1]);
            }
        }
        sb.append('\n');

        TreeMap<String, String> signed = new TreeMap<>();
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            String name = h.getKey();
            String value = h.getValue().trim();
            boolean isSigned = name.equals("content-type") || name.equals("content-md5")
                    || name.startsWith("x-oss-") || additionalHeaders.contains(name);
            if (isSigned && !value.isEmpty()) {
                signed.put(name, value);
            }
        }
        for (Map.Entry<String, String> h : signed.entrySet()) {
            sb.append(h.getKey()).append(':').append(h.getValue()).append('\n');
        }
        sb.append('\n');
        sb.append(String.join(";", additionalHeaders)).append('\n');
        sb.append(Optional.ofNullable(request.headers().get("x-oss-content-sha256")).map(String::trim)
                .filter(v -> !v.isEmpty()).orElse(UNSIGNED_PAYLOAD));
        return sb.toString();
    }

    /** {@code OSS4-HMAC-SHA256 \n x-oss-date \n scope \n hex(sha256(canonicalRequest))}. */
    static String v4StringToSign(String ossDate, String scope, String canonicalRequest) {
        return V4_ALGORITHM + "\n" + ossDate + "\n" + scope + "\n" + OssCodec.hexLower(sha256(utf8(canonicalRequest)));
    }

    static String v4Scope(String day, String region) {
        return day + "/" + region + "/" + V4_PRODUCT + "/" + V4_TERMINATOR;
    }

    /** The chain {@code aliyun_v4+secret → day → region → oss → aliyun_v4_request}. */
    static byte[] v4SigningKey(String secret, String day, String region) {
        byte[] k = hmac("HmacSHA256", utf8("aliyun_v4" + secret), utf8(day));
        k = hmac("HmacSHA256", k, utf8(region));
        k = hmac("HmacSHA256", k, utf8(V4_PRODUCT));
        return hmac("HmacSHA256", k, utf8(V4_TERMINATOR));
    }

    static String v4Signature(byte[] signingKey, String stringToSign) {
        return OssCodec.hexLower(hmac("HmacSHA256", signingKey, utf8(stringToSign)));
    }

    // ---- primitives --------------------------------------------------------------------------------

    static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** Compares in time independent of where the strings differ. */
    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(utf8(a), utf8(b));
    }

    static String lowerAscii(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String trimmed(String s) {
        return s == null ? "" : s.trim();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
