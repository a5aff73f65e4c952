package io.vodupload.cli;

import io.vodupload.ports.StorageTarget;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where VOD's OpenAPI is: {@code --vod-region} and, for tests or private endpoints, {@code --vod-endpoint}. */
public final class VodOptions {

    @Option(names = "--vod-region", paramLabel = "REGION",
            description = "VOD region (cn-shanghai, ap-southeast-1, ...): call CreateUploadVideo/CreateUploadImage and RefreshUploadVideo.")
    String region;

    @Option(names = "--vod-endpoint", paramLabel = "URL",
            description = "VOD OpenAPI endpoint (default https://vod.REGION.aliyuncs.com).")
    String endpoint;

    boolean given() {
        return region != null || endpoint != null;
    }

    /**
     * The settings for a client, with the AccessKey from {@code keys}.
     *
     * @throws CliException (exit 2) for a missing region or a bad endpoint
     */
    VodApiSettings settings(AccessKeyOptions keys, CliEnvironment env, Duration timeout) {
        if (region == null || region.isBlank()) {
            throw CliException.usage("--vod-region is required for VOD (e.g. --vod-region cn-shanghai)");
        }
        Optional<URI> uri = Optional.empty();
        if (endpoint != null) {
            try {
                uri = Optional.of(StorageTarget.parseEndpoint(endpoint));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--vod-endpoint: " + e.getMessage());
            }
        }
        return new VodApiSettings(region.trim(), uri, keys.resolve(env, "VOD (--vod-region)"), timeout);
    }
}
