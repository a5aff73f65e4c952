package io.vodupload.testkit.oss;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One credential set the server accepts: an AccessKey pair, optionally with an STS security token and
 * the instant the token stops working. Requests signed with it must carry exactly that token in
 * {@code x-oss-security-token} (and none when there is no token).
 *
 * <p>Immutable. {@link #toString()} shows the AccessKeyId only: the secret and the token never leave
 * this value in text.
 *
 * <pre>{@code
 * OssCredentials plain = OssCredentials.of("ak", "sk");
 * OssCredentials sts = OssCredentials.sts("STS.ak", "sk", "token").expiringAt(Instant.parse("2030-01-01T00:00:00Z"));
 * }</pre>
 *
 * @param accessKeyId     the AccessKeyId, non-blank
 * @param accessKeySecret the AccessKeySecret, non-empty
 * @param securityToken   the STS token, if these are temporary credentials
 * @param expiration      when the token expires (server time), if it does
 */
public record OssCredentials(String accessKeyId, String accessKeySecret, Optional<String> securityToken,
        Optional<Instant> expiration) {

    /** Validates every component; messages name the AccessKeyId, never the secret or the token. */
    public OssCredentials {
        if (accessKeyId == null || accessKeyId.isBlank() || accessKeyId.indexOf(':') >= 0 || accessKeyId.indexOf('/') >= 0) {
            throw new IllegalArgumentException("accessKeyId must be non-blank without ':' or '/': " + accessKeyId);
        }
        if (accessKeySecret == null || accessKeySecret.isEmpty()) {
            throw new IllegalArgumentException("accessKeySecret is empty for accessKeyId " + accessKeyId);
        }
        Objects.requireNonNull(securityToken, "securityToken");
        Objects.requireNonNull(expiration, "expiration");
        if (securityToken.isPresent() && securityToken.get().isEmpty()) {
            throw new IllegalArgumentException("securityToken is present but empty for accessKeyId " + accessKeyId);
        }
    }

    /** Long-term credentials: no token, no expiry. */
    public static OssCredentials of(String accessKeyId, String accessKeySecret) {
        return new OssCredentials(accessKeyId, accessKeySecret, Optional.empty(), Optional.empty());
    }

    /** STS credentials: requests must carry {@code securityToken}. */
    public static OssCredentials sts(String accessKeyId, String accessKeySecret, String securityToken) {
        return new OssCredentials(accessKeyId, accessKeySecret, Optional.of(securityToken), Optional.empty());
    }

    /** The same credentials, refused with {@code SecurityTokenExpired} from {@code instant} on (server time). */
    public OssCredentials expiringAt(Instant instant) {
        return new OssCredentials(accessKeyId, accessKeySecret, securityToken, Optional.of(instant));
    }

    @Override
    public String toString() {
        return "OssCredentials[accessKeyId=" + accessKeyId + ", sts=" + securityToken.isPresent()
                + expiration.map(e -> ", expiration=" + e).orElse("") + "]";
    }
}
