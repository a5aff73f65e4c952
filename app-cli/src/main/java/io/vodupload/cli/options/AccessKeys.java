package io.vodupload.cli.options;

import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.CliException;
import io.vodupload.ports.Credentials;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The AccessKey flags as given ({@code --access-key-id}, {@code --access-key-secret},
 * {@code --security-token}); each falls back to its environment variable when resolved. Immutable;
 * {@link #toString()} shows no secret.
 *
 * @param id     {@code --access-key-id}, when given
 * @param secret {@code --access-key-secret}, when given (secret)
 * @param token  {@code --security-token}, when given (secret)
 */
public record AccessKeys(Optional<String> id, Optional<String> secret, Optional<String> token) {

    public static final String ENV_ID = "VODUPLOAD_ACCESS_KEY_ID";
    public static final String ENV_SECRET = "VODUPLOAD_ACCESS_KEY_SECRET";
    public static final String ENV_TOKEN = "VODUPLOAD_SECURITY_TOKEN";

    public AccessKeys {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(token, "token");
    }

    /** Whether any of the flags was given. */
    public boolean anyFlag() {
        return id.isPresent() || secret.isPresent() || token.isPresent();
    }

    /** The names of the flags given, for messages. */
    public List<String> flagsGiven() {
        List<String> given = new ArrayList<>();
        id.ifPresent(v -> given.add("--access-key-id"));
        secret.ifPresent(v -> given.add("--access-key-secret"));
        token.ifPresent(v -> given.add("--security-token"));
        return given;
    }

    /**
     * The credentials from the flags, else the environment.
     *
     * @param what the target they are for, for the message
     * @throws CliException (exit 2) naming what is missing
     */
    public Credentials resolve(CliEnvironment env, String what) {
        Optional<String> i = flagOrEnv(id, env, ENV_ID);
        Optional<String> s = flagOrEnv(secret, env, ENV_SECRET);
        Optional<String> t = flagOrEnv(token, env, ENV_TOKEN);
        if (i.isEmpty() || s.isEmpty()) {
            throw CliException.usage("no AccessKey for " + what + ": set " + ENV_ID + " and " + ENV_SECRET
                    + " (or give --access-key-id and --access-key-secret)"
                    + (i.isPresent() ? "; the secret is missing" : s.isPresent() ? "; the id is missing" : ""));
        }
        return new Credentials(i.get().trim(), s.get().trim(), t.map(String::trim), Optional.empty());
    }

    private static Optional<String> flagOrEnv(Optional<String> flag, CliEnvironment env, String variable) {
        if (flag.isPresent()) {
            if (flag.get().isBlank()) {
                throw CliException.usage("empty value for the flag of $" + variable);
            }
            return flag;
        }
        return env.variable(variable);
    }

    @Override
    public String toString() {
        return "AccessKeys[flags=" + flagsGiven() + "]";
    }
}
