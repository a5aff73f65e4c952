package io.vodupload.ports;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The credentials a storage request is signed with: an AccessKey pair, and for temporary (STS)
 * credentials the security token and when they expire.
 *
 * <p>{@link #toString()} shows the AccessKeyId and the expiry only; the secret and the token never leave
 * this object except through their accessors, which adapters call to sign.
 *
 * <p>Immutable and thread-safe.
 *
 * @param accessKeyId     the AccessKeyId (not secret), not blank
 * @param accessKeySecret the AccessKeySecret, not blank; never logged
 * @param securityToken   the STS security token, when the credentials are temporary; never logged
 * @param expiration      when temporary credentials expire, when known
 */
public record Credentials(String accessKeyId, String accessKeySecret, Optional<String> securityToken,
                          Optional<Instant> expiration) {

    /**
     * Checks the components; a bad one throws, naming the value.
     *
     * @param accessKeyId     the AccessKeyId (not secret), not blank
     * @param accessKeySecret the AccessKeySecret, not blank; never logged
     * @param securityToken   the STS security token, when the credentials are temporary; never logged
     * @param expiration      when temporary credentials expire, when known
     */
    public Credentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(accessKeySecret, "accessKeySecret");
        Objects.requireNonNull(securityToken, "securityToken");
        Objects.requireNonNull(expiration, "expiration");
        if (accessKeyId.isBlank()) {
            throw new IllegalArgumentException("accessKeyId is blank");
        }
        if (accessKeySecret.isBlank()) {
            throw new IllegalArgumentException("accessKeySecret is blank (for AccessKeyId " + accessKeyId + ")");
        }
        if (securityToken.isPresent() && securityToken.get().isBlank()) {
            throw new IllegalArgumentException("securityToken is blank (for AccessKeyId " + accessKeyId + ")");
        }
    }

    /**
     * Long-lived AccessKey credentials (no token, no expiry).
     *
     * @param accessKeyId the AccessKeyId, not blank
     * @param accessKeySecret the AccessKeySecret, not blank
     * @return the credentials
     */
    public static Credentials of(String accessKeyId, String accessKeySecret) {
        return new Credentials(accessKeyId, accessKeySecret, Optional.empty(), Optional.empty());
    }

    /**
     * Temporary STS credentials.
     *
     * @param accessKeyId the AccessKeyId, not blank
     * @param accessKeySecret the AccessKeySecret, not blank
     * @param securityToken the STS token, not blank
     * @param expiration when they expire, or null when unknown
     * @return the credentials
     */
    public static Credentials sts(String accessKeyId, String accessKeySecret, String securityToken,
                                  Instant expiration) {
        return new Credentials(accessKeyId, accessKeySecret, Optional.of(securityToken),
                Optional.ofNullable(expiration));
    }

    /**
     * Whether these credentials are past their expiry at {@code now} (false when no expiry is known).
     *
     * @param now the time to compare with
     * @return whether they have expired
     */
    public boolean isExpiredAt(Instant now) {
        return expiration.map(e -> !now.isBefore(e)).orElse(false);
    }

    @Override
    public String toString() {
        return "Credentials[accessKeyId=" + accessKeyId
                + ", accessKeySecret=***"
                + (securityToken.isPresent() ? ", securityToken=***" : "")
                + expiration.map(e -> ", expiration=" + e).orElse("") + "]";
    }
}
