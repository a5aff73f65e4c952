package io.vodupload.cli;

import io.vodupload.ports.Credentials;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The AccessKey flags of the OSS and VOD targets. Each falls back to its environment variable
 * ({@code VODUPLOAD_ACCESS_KEY_ID}, {@code VODUPLOAD_ACCESS_KEY_SECRET}, {@code VODUPLOAD_SECURITY_TOKEN}),
 * which is the recommended way: a secret given as a flag is visible in the process list and draws a warning.
 */
public final class AccessKeyOptions {

    static final String ENV_ID = "VODUPLOAD_ACCESS_KEY_ID";
    static final String ENV_SECRET = "VODUPLOAD_ACCESS_KEY_SECRET";
    static final String ENV_TOKEN = "VODUPLOAD_SECURITY_TOKEN";

    @Option(names = "--access-key-id", paramLabel = "ID",
            description = "AccessKeyId (default: $" + ENV_ID + ").")
    String accessKeyId;

    @Option(names = "--access-key-secret", paramLabel = "SECRET",
            description = "AccessKeySecret (default: $" + ENV_SECRET + "; a flag is visible in the process list).")
    String accessKeySecret;

    @Option(names = "--security-token", paramLabel = "TOKEN",
            description = "STS security token for temporary credentials (default: $" + ENV_TOKEN + ").")
    String securityToken;

    /** Whether any of these flags was given. */
    boolean anyFlag() {
        return accessKeyId != null || accessKeySecret != null || securityToken != null;
    }

    /** The names of the flags given, for messages. */
    List<String> flagsGiven() {
        List<String> given = new ArrayList<>();
        if (accessKeyId != null) {
            given.add("--access-key-id");
        }
        if (accessKeySecret != null) {
            given.add("--access-key-secret");
        }
        if (securityToken != null) {
            given.add("--security-token");
        }
        return given;
    }

    /**
     * The credentials from the flags, else the environment.
     *
     * @param what the target they are for, for the message
     * @throws CliException (exit 2) naming what is missing
     */
    Credentials resolve(CliEnvironment env, String what) {
        Optional<String> id = flagOrEnv(accessKeyId, env, ENV_ID);
        Optional<String> secret = flagOrEnv(accessKeySecret, env, ENV_SECRET);
        Optional<String> token = flagOrEnv(securityToken, env, ENV_TOKEN);
        if (id.isEmpty() || secret.isEmpty()) {
            throw CliException.usage("no AccessKey for " + what + ": set " + ENV_ID + " and " + ENV_SECRET
                    + " (or give --access-key-id and --access-key-secret)"
                    + (id.isPresent() ? "; the secret is missing" : secret.isPresent() ? "; the id is missing" : ""));
        }
        return new Credentials(id.get().trim(), secret.get().trim(), token.map(String::trim), Optional.empty());
    }

    private static Optional<String> flagOrEnv(String flag, CliEnvironment env, String variable) {
        if (flag != null) {
            if (flag.isBlank()) {
                throw CliException.usage("empty value for the flag of $" + variable);
            }
            return Optional.of(flag);
        }
        return env.variable(variable);
    }
}
