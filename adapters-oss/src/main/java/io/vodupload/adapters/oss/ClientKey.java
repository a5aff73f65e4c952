package io.vodupload.adapters.oss;

import io.vodupload.ports.Credentials;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one SDK client is bound to: a credential set (AccessKeyId, secret, token) and an endpoint with its
 * signing and addressing settings. Two calls with equal keys share a client (and its connection pool).
 *
 * <p>The expiry is carried along but is not part of equality: the same credential set is the same
 * client, whatever expiry two tickets claim for it. {@link #toString()} shows no secret.
 *
 * <p>Immutable and thread-safe.
 */
final class ClientKey {

    /** V1 or V4, resolved (never AUTO). */
    enum Signature { V1, V4 }

    private final String accessKeyId;
    private final String accessKeySecret;
    private final String securityToken;
    private final URI endpoint;
    private final Signature signature;
    private final String region;
    private final boolean pathStyle;
    private final Optional<Instant> expiration;

    ClientKey(Credentials credentials, URI endpoint, Signature signature, Optional<String> region,
              boolean pathStyle) {
        Objects.requireNonNull(credentials, "credentials");
        this.accessKeyId = credentials.accessKeyId();
        this.accessKeySecret = credentials.accessKeySecret();
        this.securityToken = credentials.securityToken().orElse(null);
        this.expiration = credentials.expiration();
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.signature = Objects.requireNonNull(signature, "signature");
        this.region = Objects.requireNonNull(region, "region").orElse(null);
        if (signature == Signature.V4 && this.region == null) {
            throw new IllegalArgumentException("signature V4 needs a region: " + endpoint);
        }
        this.pathStyle = pathStyle;
    }

    String accessKeyId() {
        return accessKeyId;
    }

    String accessKeySecret() {
        return accessKeySecret;
    }

    Optional<String> securityToken() {
        return Optional.ofNullable(securityToken);
    }

    URI endpoint() {
        return endpoint;
    }

    Signature signature() {
        return signature;
    }

    Optional<String> region() {
        return Optional.ofNullable(region);
    }

    boolean pathStyle() {
        return pathStyle;
    }

    /** Whether the credentials are known to have expired at {@code now}. */
    boolean isExpiredAt(Instant now) {
        return expiration.map(e -> !now.isBefore(e)).orElse(false);
    }

    /** Whether this key and {@code other} name the same endpoint settings (with any credentials). */
    boolean sameEndpointAs(ClientKey other) {
        return endpoint.equals(other.endpoint) && signature == other.signature
                && Objects.equals(region, other.region) && pathStyle == other.pathStyle;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ClientKey)) {
            return false;
        }
        ClientKey k = (ClientKey) o;
        return sameEndpointAs(k) && accessKeyId.equals(k.accessKeyId) && accessKeySecret.equals(k.accessKeySecret)
                && Objects.equals(securityToken, k.securityToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accessKeyId, accessKeySecret, securityToken, endpoint, signature, region, pathStyle);
    }

    @Override
    public String toString() {
        return "ClientKey[accessKeyId=" + accessKeyId + (securityToken != null ? ", sts" : "")
                + ", endpoint=" + endpoint + ", " + signature + (region != null ? " " + region : "")
                + (pathStyle ? ", path style" : ", virtual host") + "]";
    }
}
