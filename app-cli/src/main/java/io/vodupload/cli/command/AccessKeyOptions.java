package io.vodupload.cli.command;

import io.vodupload.cli.options.AccessKeys;
import picocli.CommandLine.Option;

import java.util.Optional;

/**
 * The AccessKey flags of the OSS and VOD targets. Each falls back to its environment variable
 * ({@code VODUPLOAD_ACCESS_KEY_ID}, {@code VODUPLOAD_ACCESS_KEY_SECRET}, {@code VODUPLOAD_SECURITY_TOKEN}),
 * which is the recommended way: a secret given as a flag is visible in the process list and draws a warning.
 * Then come {@code ALIBABA_CLOUD_*}, {@code OSS_*} and the aliyun CLI's profiles ({@link AccessKeys}).
 * Parsing only: {@link #value()} hands the flags on as an immutable {@link AccessKeys}.
 */
public final class AccessKeyOptions {

    @Option(names = "--access-key-id", paramLabel = "ID",
            description = "AccessKeyId (default: $" + AccessKeys.ENV_ID + ").")
    String accessKeyId;

    @Option(names = "--access-key-secret", paramLabel = "SECRET",
            description = "AccessKeySecret (default: $" + AccessKeys.ENV_SECRET + "; a flag is visible in the process list).")
    String accessKeySecret;

    @Option(names = "--security-token", paramLabel = "TOKEN",
            description = "STS security token for temporary credentials (default: $" + AccessKeys.ENV_TOKEN + ").")
    String securityToken;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "The profile of the aliyun CLI's ~/.aliyun/config.json to read when no flag or environment variable gives an AccessKey (default: its current profile).")
    String profile;

    /** The flags as given, as a value. */
    public AccessKeys value() {
        return new AccessKeys(Optional.ofNullable(accessKeyId), Optional.ofNullable(accessKeySecret),
                Optional.ofNullable(securityToken), Optional.ofNullable(profile));
    }
}
