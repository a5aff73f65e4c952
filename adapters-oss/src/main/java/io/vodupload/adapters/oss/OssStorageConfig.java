package io.vodupload.adapters.oss;

import io.vodupload.ports.SignatureVersion;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link OssObjectStorage} sets up Alibaba's SDK: which signature to use, how to address buckets, the
 * region to fall back on for V4, timeouts and pool sizes. What it never lets you change: the SDK's own
 * retries (always off: the domain's retry policy is the only one), its CRC check (off: the adapter
 * computes CRC-64 itself while streaming), redirects (off: a signed request is never replayed
 * elsewhere) and TLS verification (always on).
 *
 * <p>Immutable and thread-safe. Start from {@link #DEFAULTS} and change what you need:
 * <pre>{@code
 * OssStorageConfig config = OssStorageConfig.DEFAULTS
 *         .withSignatureVersion(OssStorageConfig.SignatureVersion.V4)
 *         .withDefaultRegion("cn-shanghai");
 * }</pre>
 *
 * @param signatureVersion which signature to send; {@link SignatureVersion#AUTO} by default
 * @param addressingStyle  path style or virtual host; {@link AddressingStyle#AUTO} by default
 * @param defaultRegion    the region for V4 when neither the target nor the endpoint names one
 * @param connectTimeout   how long to wait for a TCP (and TLS) connection, positive, at most
 *                         {@link Integer#MAX_VALUE} ms
 * @param socketTimeout    how long a response may keep silent, and a request body may stop moving (a
 *                         watchdog closes the connection then), positive, at most {@link Integer#MAX_VALUE} ms
 * @param poolTimeout      how long a call may wait for a free pooled connection, positive, at most
 *                         {@link Integer#MAX_VALUE} ms
 * @param maxConnections   the connection pool size per SDK client, at least 1
 * @param maxCachedClients how many SDK clients (one per credential set and endpoint) stay open at
 *                         once, at least 1; the least recently used beyond that is closed
 */
public record OssStorageConfig(SignatureVersion signatureVersion, AddressingStyle addressingStyle,
                               Optional<String> defaultRegion, Duration connectTimeout, Duration socketTimeout,
                               Duration poolTimeout, int maxConnections, int maxCachedClients) {

    /** How a bucket is addressed. */
    public enum AddressingStyle {
        /** Path style for an IP-literal, {@code localhost} or {@code *.localhost} endpoint, virtual host otherwise. */
        AUTO,
        /** {@code http://endpoint/bucket/key} (OSS calls it second-level domain, "SLD"). */
        PATH,
        /** {@code http://bucket.endpoint/key}, required by public OSS endpoints. */
        VIRTUAL_HOST
    }

    /**
     * V1 or V4 by region, addressing by host, no default region, 10 s to connect, 60 s of silence or of a
     * stalled body, 5 min for a pooled connection, 64 connections per client, 8 cached clients.
     */
    public static final OssStorageConfig DEFAULTS = new OssStorageConfig(SignatureVersion.AUTO,
            AddressingStyle.AUTO, Optional.empty(), Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofMinutes(5), 64, 8);

    public OssStorageConfig {
        Objects.requireNonNull(signatureVersion, "signatureVersion");
        Objects.requireNonNull(addressingStyle, "addressingStyle");
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(socketTimeout, "socketTimeout");
        Objects.requireNonNull(poolTimeout, "poolTimeout");
        if (defaultRegion.isPresent()) {
            String r = defaultRegion.get().trim().toLowerCase(Locale.ROOT);
            if (r.isEmpty()) {
                throw new IllegalArgumentException("defaultRegion is blank");
            }
            if (r.startsWith("oss-")) {
                throw new IllegalArgumentException("defaultRegion has the oss- prefix (give cn-hangzhou, not"
                        + " oss-cn-hangzhou): " + defaultRegion.get());
            }
            defaultRegion = Optional.of(r);
        }
        requireMillis("connectTimeout", connectTimeout);
        requireMillis("socketTimeout", socketTimeout);
        requireMillis("poolTimeout", poolTimeout);
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections < 1: " + maxConnections);
        }
        if (maxCachedClients < 1) {
            throw new IllegalArgumentException("maxCachedClients < 1: " + maxCachedClients);
        }
    }

    private static void requireMillis(String name, Duration d) {
        if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " is not within 1 ms.." + Integer.MAX_VALUE + " ms: " + d);
        }
    }

    /** The same configuration with another signature version. */
    public OssStorageConfig withSignatureVersion(SignatureVersion version) {
        return new OssStorageConfig(version, addressingStyle, defaultRegion, connectTimeout, socketTimeout,
                poolTimeout, maxConnections, maxCachedClients);
    }

    /** The same configuration with another addressing style. */
    public OssStorageConfig withAddressingStyle(AddressingStyle style) {
        return new OssStorageConfig(signatureVersion, style, defaultRegion, connectTimeout, socketTimeout,
                poolTimeout, maxConnections, maxCachedClients);
    }

    /** The same configuration with a default region for V4 (for example {@code cn-shanghai}). */
    public OssStorageConfig withDefaultRegion(String region) {
        return new OssStorageConfig(signatureVersion, addressingStyle, Optional.of(region), connectTimeout,
                socketTimeout, poolTimeout, maxConnections, maxCachedClients);
    }

    /** The same configuration with other timeouts. */
    public OssStorageConfig withTimeouts(Duration connect, Duration socket) {
        return new OssStorageConfig(signatureVersion, addressingStyle, defaultRegion, connect, socket,
                poolTimeout, maxConnections, maxCachedClients);
    }

    /** The same configuration with another wait limit for a pooled connection. */
    public OssStorageConfig withPoolTimeout(Duration timeout) {
        return new OssStorageConfig(signatureVersion, addressingStyle, defaultRegion, connectTimeout, socketTimeout,
                timeout, maxConnections, maxCachedClients);
    }

    /** The same configuration with another pool size per client. */
    public OssStorageConfig withMaxConnections(int connections) {
        return new OssStorageConfig(signatureVersion, addressingStyle, defaultRegion, connectTimeout,
                socketTimeout, poolTimeout, connections, maxCachedClients);
    }

    /** The same configuration with another client cache size. */
    public OssStorageConfig withMaxCachedClients(int clients) {
        return new OssStorageConfig(signatureVersion, addressingStyle, defaultRegion, connectTimeout,
                socketTimeout, poolTimeout, maxConnections, clients);
    }
}
