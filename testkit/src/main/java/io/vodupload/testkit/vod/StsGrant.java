package io.vodupload.testkit.vod;

import java.time.Duration;
import java.util.Objects;

/**
 * Temporary credentials a {@link TicketIssuer} hands out for one upload: what {@link FakeVodServer} puts in
 * the {@code UploadAuth} ticket ({@code AccessKeyId}, {@code AccessKeySecret}, {@code SecurityToken},
 * {@code Expiration} as the lifetime in seconds, {@code ExpireUTCTime} as the server's clock plus the
 * lifetime). {@link #toString()} hides the secret and the token.
 *
 * @param accessKeyId     the STS AccessKeyId ({@code STS.…})
 * @param accessKeySecret the secret
 * @param securityToken   the security token
 * @param lifetime        how long the credentials are valid from the moment they are issued, positive
 */
public record StsGrant(String accessKeyId, String accessKeySecret, String securityToken, Duration lifetime) {

    public StsGrant {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(accessKeySecret, "accessKeySecret");
        Objects.requireNonNull(securityToken, "securityToken");
        Objects.requireNonNull(lifetime, "lifetime");
        if (accessKeyId.isBlank() || accessKeySecret.isBlank() || securityToken.isBlank()) {
            throw new IllegalArgumentException("accessKeyId, accessKeySecret and securityToken must not be blank"
                    + " (AccessKeyId " + accessKeyId + ")");
        }
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.getNano() != 0) {
            throw new IllegalArgumentException("lifetime must be a positive number of whole seconds: " + lifetime);
        }
    }

    @Override
    public String toString() {
        return "StsGrant[accessKeyId=" + accessKeyId + ", accessKeySecret=***, securityToken=***, lifetime="
                + lifetime + "]";
    }
}
