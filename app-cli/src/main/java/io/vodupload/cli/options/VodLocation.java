package io.vodupload.cli.options;

import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.CliException;
import io.vodupload.ports.StorageTarget;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where VOD's OpenAPI is, as the flags give it. Immutable.
 *
 * @param region   {@code --vod-region}, when given
 * @param endpoint {@code --vod-endpoint}, when given
 */
public record VodLocation(Optional<String> region, Optional<String> endpoint) {

    public VodLocation {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** Whether either flag was given (the VOD target form). */
    public boolean given() {
        return region.isPresent() || endpoint.isPresent();
    }

    /**
     * The settings for a client, with the AccessKey from {@code keys}.
     *
     * @throws CliException (exit 2) for a missing region or a bad endpoint
     */
    public VodApiSettings settings(AccessKeys keys, CliEnvironment env, Duration timeout) {
        if (region.isEmpty() || region.get().isBlank()) {
            throw CliException.usage("--vod-region is required for VOD (e.g. --vod-region cn-shanghai)");
        }
        Optional<URI> uri = Optional.empty();
        if (endpoint.isPresent()) {
            try {
                uri = Optional.of(StorageTarget.parseEndpoint(endpoint.get()));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--vod-endpoint: " + e.getMessage());
            }
        }
        return new VodApiSettings(region.get().trim(), uri, keys.resolve(env, "VOD (--vod-region)"), timeout);
    }
}
