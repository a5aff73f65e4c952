package io.vodupload.ports;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an object goes: the storage endpoint, the bucket and the object key, plus the region when it is
 * known (it selects signature V4 in the HTTP adapter).
 *
 * <p>The endpoint is normalised: a bare host such as {@code oss-cn-shanghai.aliyuncs.com} (as VOD's
 * {@code UploadAddress} may carry it) becomes {@code https://oss-cn-shanghai.aliyuncs.com}. The local
 * store uses a {@code file:} URI. The key is the raw object key (not URL-encoded), without a leading
 * slash.
 *
 * <p>Immutable and thread-safe.
 *
 * @param endpoint the endpoint URI, absolute (scheme {@code http}, {@code https} or {@code file})
 * @param bucket   the bucket name, not blank
 * @param key      the object key, not blank, no leading {@code /}
 * @param region   the region id without {@code oss-} prefix (e.g. {@code cn-shanghai}), when known
 */
public record StorageTarget(URI endpoint, String bucket, String key, Optional<String> region) {

    /**
     * Checks the components; a bad one throws, naming the value.
     *
     * @param endpoint the endpoint URI, absolute (scheme {@code http}, {@code https} or {@code file})
     * @param bucket   the bucket name, not blank
     * @param key      the object key, not blank, no leading {@code /}
     * @param region   the region id without {@code oss-} prefix (e.g. {@code cn-shanghai}), when known
     */
    public StorageTarget {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(region, "region");
        if (!endpoint.isAbsolute()) {
            throw new IllegalArgumentException("endpoint is not an absolute URI: " + endpoint);
        }
        String scheme = endpoint.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
            throw new IllegalArgumentException("endpoint scheme is not http, https or file: " + endpoint);
        }
        if (!scheme.equals("file") && (endpoint.getHost() == null || endpoint.getHost().isEmpty())) {
            throw new IllegalArgumentException("endpoint has no host: " + endpoint);
        }
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("bucket is blank");
        }
        if (key.isBlank()) {
            throw new IllegalArgumentException("key is blank");
        }
        if (key.startsWith("/")) {
            throw new IllegalArgumentException("key starts with '/': " + key);
        }
        if (region.isPresent() && region.get().isBlank()) {
            throw new IllegalArgumentException("region is blank");
        }
    }

    /**
     * A target with no known region.
     *
     * @param endpoint a URL or a bare host
     * @param bucket the bucket, not blank
     * @param key the object key, not blank
     * @return the target
     */
    public static StorageTarget of(String endpoint, String bucket, String key) {
        return new StorageTarget(parseEndpoint(endpoint), bucket, key, Optional.empty());
    }

    /**
     * The same target with the region set.
     *
     * @param newRegion the region id, not blank
     * @return a new target
     */
    public StorageTarget withRegion(String newRegion) {
        return new StorageTarget(endpoint, bucket, key, Optional.of(newRegion));
    }

    /**
     * The same target with another key.
     *
     * @param newKey the object key, not blank
     * @return a new target
     */
    public StorageTarget withKey(String newKey) {
        return new StorageTarget(endpoint, bucket, newKey, region);
    }

    /**
     * Parses an endpoint as users and VOD tickets write it: a URL ({@code https://host[:port]}) or a bare
     * host ({@code host[:port]}, taken as https).
     *
     * @param endpoint a URL or a bare host
     * @return the normalised endpoint URI
     * @throws IllegalArgumentException naming the value when it is neither
     */
    public static URI parseEndpoint(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        String trimmed = endpoint.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("endpoint is blank");
        }
        String withScheme = trimmed.contains("://") ? trimmed : "https://" + trimmed;
        URI uri;
        try {
            uri = URI.create(withScheme);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("endpoint is not a URL or host: " + endpoint);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("file")) {
            return uri;
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()
                || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("endpoint is not a URL or host: " + endpoint);
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("endpoint has a path (give the host only): " + endpoint);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority());
    }

    /**
     * {@code oss://bucket/key}, for logs and messages.
     *
     * @return the display name
     */
    public String displayName() {
        return "oss://" + bucket + "/" + key;
    }
}
