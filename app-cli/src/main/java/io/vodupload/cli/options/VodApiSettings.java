package io.vodupload.cli.options;

import io.vodupload.ports.Credentials;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach VOD's OpenAPI for one run.
 *
 * @param region      the VOD region ({@code cn-shanghai}), which names the default endpoint
 *                    {@code https://vod.<region>.aliyuncs.com}
 * @param endpoint    another endpoint ({@code --vod-endpoint}), e.g. a test server
 * @param credentials the app server's AccessKey (never printed)
 * @param timeout     per-request timeout
 */
public record VodApiSettings(String region, Optional<URI> endpoint, Credentials credentials, Duration timeout) {

    public VodApiSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(timeout, "timeout");
        if (region.isBlank()) {
            throw new IllegalArgumentException("region is blank");
        }
    }

    /** The endpoint in use: the one given, else {@code https://vod.<region>.aliyuncs.com}. */
    public URI effectiveEndpoint() {
        return endpoint.orElse(URI.create("https://vod." + region + ".aliyuncs.com"));
    }
}
