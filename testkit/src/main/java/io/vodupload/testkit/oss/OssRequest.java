package io.vodupload.testkit.oss;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the server needs to know about one request, already decoded: method, the bucket and key (from
 * either addressing style), the query parameters in their order, and the headers by lowercase name.
 * Immutable. Built from the raw request line and headers by {@link #parse}, or directly by tests.
 */
final class OssRequest {

    /**
     * One query parameter, percent-decoded. {@code value} is empty both for {@code ?uploads} and
     * {@code ?uploads=}; both sign the same (OSS-PROTOCOL.md §2).
     */
    record QueryParam(String name, String value) {
        QueryParam {
            if (name == null || value == null) {
                throw new IllegalArgumentException("query parameter name and value must not be null: " + name);
            }
        }
    }

    private final String method;
    private final String host;
    private final String bucket;
    private final String key;
    private final boolean virtualHosted;
    private final List<QueryParam> query;
    private final Map<String, String> headers;

    OssRequest(String method, String host, Optional<String> bucket, Optional<String> key, boolean virtualHosted,
            List<QueryParam> query, Map<String, String> headers) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.host = host;
        this.bucket = bucket.orElse(null);
        this.key = key.filter(k -> !k.isEmpty()).orElse(null);
        if (this.bucket == null && this.key != null) {
            throw new IllegalArgumentException("a key without a bucket: " + this.key);
        }
        this.virtualHosted = virtualHosted;
        this.query = List.copyOf(query);
        TreeMap<String, String> h = new TreeMap<>();
        headers.forEach((name, value) -> h.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b));
        this.headers = Collections.unmodifiableMap(h);
    }

    /**
     * Decodes one request. Virtual-hosted when the host is {@code <bucket>.<domain>} for one of
     * {@code serviceDomains}, or when its first label names a configured bucket (and it is not an IP
     * literal); path style ({@code /bucket/key}) otherwise.
     *
     * @param rawPath  the path as sent, still percent-encoded
     * @param rawQuery the query as sent, without {@code '?'}, possibly null
     * @throws OssError 400 InvalidURI when an escape is malformed
     */
    static OssRequest parse(String method, String hostHeader, String rawPath, String rawQuery,
            Map<String, List<String>> rawHeaders, Set<String> buckets, Collection<String> serviceDomains) {
        String host = stripPort(hostHeader == null ? "" : hostHeader.trim()).toLowerCase(Locale.ROOT);
        Map<String, String> headers = new TreeMap<>();
        rawHeaders.forEach((name, values) -> {
            if (name != null) {
                headers.merge(name.toLowerCase(Locale.ROOT), String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        try {
            List<QueryParam> query = parseQuery(rawQuery);
            String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
            if (!path.startsWith("/")) {
                throw new OssError(400, "InvalidURI", "The path must start with '/': " + rawPath);
            }
            Optional<String> virtualBucket = virtualBucket(host, buckets, serviceDomains);
            if (virtualBucket.isPresent()) {
                String key = OssCodec.percentDecode(path.substring(1));
                return new OssRequest(method, host, virtualBucket, Optional.of(key), true, query, headers);
            }
            String rest = path.substring(1);
            if (rest.isEmpty()) {
                return new OssRequest(method, host, Optional.empty(), Optional.empty(), false, query, headers);
            }
            int slash = rest.indexOf('/');
            String bucket = OssCodec.percentDecode(slash < 0 ? rest : rest.substring(0, slash));
            String key = slash < 0 ? "" : OssCodec.percentDecode(rest.substring(slash + 1));
            return new OssRequest(method, host, Optional.of(bucket), Optional.of(key), false, query, headers);
        } catch (IllegalArgumentException e) {
            throw new OssError(400, "InvalidURI", "Couldn't parse the specified URI: " + e.getMessage());
        }
    }

    private static Optional<String> virtualBucket(String host, Set<String> buckets, Collection<String> domains) {
        if (host.isEmpty() || isIpLiteral(host)) {
            return Optional.empty();
        }
        for (String domain : domains) {
            String d = domain.toLowerCase(Locale.ROOT);
            if (host.endsWith("." + d) && host.length() > d.length() + 1) {
                return Optional.of(host.substring(0, host.length() - d.length() - 1));
            }
        }
        int dot = host.indexOf('.');
        if (dot > 0 && buckets.contains(host.substring(0, dot))) {
            return Optional.of(host.substring(0, dot));
        }
        return Optional.empty();
    }

    private static boolean isIpLiteral(String host) {
        if (host.startsWith("[")) {
            return true;
        }
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static String stripPort(String hostHeader) {
        if (hostHeader.startsWith("[")) {
            int end = hostHeader.indexOf(']');
            return end < 0 ? hostHeader : hostHeader.substring(0, end + 1);
        }
        int colon = hostHeader.lastIndexOf(':');
        return colon < 0 ? hostHeader : hostHeader.substring(0, colon);
    }

    static List<QueryParam> parseQuery(String rawQuery) {
        List<QueryParam> out = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = OssCodec.percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : OssCodec.percentDecode(pair.substring(eq + 1));
            out.add(new QueryParam(name, value));
        }
        return out;
    }

    String method() {
        return method;
    }

    /** The host the client addressed, lowercase, without the port. */
    String host() {
        return host;
    }

    Optional<String> bucket() {
        return Optional.ofNullable(bucket);
    }

    /** The object key; empty for bucket- and service-level requests. */
    Optional<String> key() {
        return Optional.ofNullable(key);
    }

    boolean virtualHosted() {
        return virtualHosted;
    }

    List<QueryParam> query() {
        return query;
    }

    boolean hasParam(String name) {
        return query.stream().anyMatch(p -> p.name().equals(name));
    }

    Optional<String> param(String name) {
        return query.stream().filter(p -> p.name().equals(name)).map(QueryParam::value).findFirst();
    }

    /** Headers by lowercase name; repeated headers joined with {@code ','}. */
    Map<String, String> headers() {
        return headers;
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The request as a log line: no header values, so no token or signature. */
    @Override
    public String toString() {
        return method + " " + (bucket == null ? "" : "/" + bucket) + (key == null ? "" : "/" + key)
                + (query.isEmpty() ? "" : "?" + query.stream().map(QueryParam::name).reduce((a, b) -> a + "&" + b).orElse(""));
    }
}
