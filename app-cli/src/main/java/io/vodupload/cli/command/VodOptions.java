package io.vodupload.cli.command;

import io.vodupload.cli.options.VodLocation;
import picocli.CommandLine.Option;

import java.util.Optional;

/** Where VOD's OpenAPI is: {@code --vod-region} and, for tests or private endpoints, {@code --vod-endpoint}. */
public final class VodOptions {

    @Option(names = "--vod-region", paramLabel = "REGION",
            description = "VOD region (cn-shanghai, ap-southeast-1, ...): call CreateUploadVideo/CreateUploadImage and RefreshUploadVideo.")
    String region;

    @Option(names = "--vod-endpoint", paramLabel = "URL",
            description = "VOD OpenAPI endpoint (default https://vod.REGION.aliyuncs.com).")
    String endpoint;

    /** The flags as given, as a value. */
    public VodLocation value() {
        return new VodLocation(Optional.ofNullable(region), Optional.ofNullable(endpoint));
    }
}
