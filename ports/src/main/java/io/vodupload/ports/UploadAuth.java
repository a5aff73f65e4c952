package io.vodupload.ports;

import java.util.Objects;
import java.util.Optional;

/**
 * VOD's {@code UploadAuth}, decoded: the temporary credentials and the region they belong to.
 * {@link #toString()} hides the secret and token (through {@link Credentials#toString()}).
 *
 * @param credentials the STS credentials (AccessKeyId, AccessKeySecret, SecurityToken, expiry)
 * @param region      the {@code Region} field, when present
 */
public record UploadAuth(Credentials credentials, Optional<String> region) {

    /**
     * Checks the components; a missing one throws, naming it.
     *
     * @param credentials the STS credentials (AccessKeyId, AccessKeySecret, SecurityToken, expiry)
     * @param region      the {@code Region} field, when present
     */
    public UploadAuth {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(region, "region");
    }
}
