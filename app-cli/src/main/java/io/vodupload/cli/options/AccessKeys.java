package io.vodupload.cli.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.CliException;
import io.vodupload.ports.Credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The AccessKey flags as given ({@code --access-key-id}, {@code --access-key-secret},
 * {@code --security-token}, {@code --profile}) and the chain that resolves them, first found wins:
 * <ol>
 *   <li>the flags, each falling back to its {@code VODUPLOAD_*} variable (as always);</li>
 *   <li>{@code ALIBABA_CLOUD_ACCESS_KEY_ID}, {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET},
 *       {@code ALIBABA_CLOUD_SECURITY_TOKEN};</li>
 *   <li>{@code OSS_ACCESS_KEY_ID}, {@code OSS_ACCESS_KEY_SECRET}, {@code OSS_SESSION_TOKEN};</li>
 *   <li>the aliyun CLI's profile file {@code ~/.aliyun/config.json}: the profile {@code --profile} names,
 *       else its {@code current} one; modes {@code AK} and {@code StsToken}.</li>
 * </ol>
 * A source counts once its id or its secret is set; then both must be there (no mixing of sources, which
 * would pair one account's id with another's secret). Immutable; {@link #toString()} shows no secret, and
 * no message names a secret's value.
 *
 * @param id      {@code --access-key-id}, when given
 * @param secret  {@code --access-key-secret}, when given (secret)
 * @param token   {@code --security-token}, when given (secret)
 * @param profile {@code --profile}, when given
 */
public record AccessKeys(Optional<String> id, Optional<String> secret, Optional<String> token,
                         Optional<String> profile) {

    public static final String ENV_ID = "VODUPLOAD_ACCESS_KEY_ID";
    public static final String ENV_SECRET = "VODUPLOAD_ACCESS_KEY_SECRET";
    public static final String ENV_TOKEN = "VODUPLOAD_SECURITY_TOKEN";
    public static final String ALIBABA_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID";
    public static final String ALIBABA_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    public static final String ALIBABA_TOKEN = "ALIBABA_CLOUD_SECURITY_TOKEN";
    public static final String OSS_ID = "OSS_ACCESS_KEY_ID";
    public static final String OSS_SECRET = "OSS_ACCESS_KEY_SECRET";
    public static final String OSS_TOKEN = "OSS_SESSION_TOKEN";
    /** The aliyun CLI's profile file, under the home. */
    public static final String PROFILE_FILE = ".aliyun/config.json";


    public AccessKeys {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(profile, "profile");
    }

    public AccessKeys(Optional<String> id, Optional<String> secret, Optional<String> token) {
        this(id, secret, token, Optional.empty());
    }

    /**
     * Credentials and where they came from.
     *
     * @param credentials the credentials
     * @param source      where they came from, for people ({@code flags}, {@code $ALIBABA_CLOUD_*},
     *                    {@code profile 'default' in ~/.aliyun/config.json}); no secret
     */
    public record Resolved(Credentials credentials, String source) {
        public Resolved {
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(source, "source");
        }

        @Override
        public String toString() {
            return "Resolved[source=" + source + "]";
        }
    }

    /** Whether any of the flags was given. */
    public boolean anyFlag() {
        return id.isPresent() || secret.isPresent() || token.isPresent() || profile.isPresent();
    }

    /** The names of the flags given, for messages. */
    public List<String> flagsGiven() {
        List<String> given = new ArrayList<>();
        id.ifPresent(v -> given.add("--access-key-id"));
        secret.ifPresent(v -> given.add("--access-key-secret"));
        token.ifPresent(v -> given.add("--security-token"));
        profile.ifPresent(v -> given.add("--profile"));
        return given;
    }

    /**
     * The credentials from the first source of the chain that has them.
     *
     * @param what the target they are for, for the message
     * @throws CliException (exit 2) naming what is missing
     */
    public Credentials resolve(CliEnvironment env, String what) {
        return resolveWithSource(env, what).credentials();
    }

    /** As {@link #resolve}, saying where the credentials came from. */
    public Resolved resolveWithSource(CliEnvironment env, String what) {
        Optional<String> i = flagOrEnv(id, env, ENV_ID);
        Optional<String> s = flagOrEnv(secret, env, ENV_SECRET);
        Optional<String> t = flagOrEnv(token, env, ENV_TOKEN);
        if (i.isPresent() || s.isPresent()) {
            boolean flags = id.isPresent() || secret.isPresent();
            String source = flags && env.variable(ENV_ID).isEmpty() && env.variable(ENV_SECRET).isEmpty() ? "flags"
                    : flags ? "flags and $VODUPLOAD_*" : "$VODUPLOAD_*";
            return pair(i, s, t, source, what, "--access-key-id or $" + ENV_ID, "--access-key-secret or $" + ENV_SECRET);
        }
        Optional<Resolved> fromEnv = fromVariables(env, ALIBABA_ID, ALIBABA_SECRET, ALIBABA_TOKEN, "$ALIBABA_CLOUD_*", what)
                .or(() -> fromVariables(env, OSS_ID, OSS_SECRET, OSS_TOKEN, "$OSS_*", what));
        if (fromEnv.isPresent()) {
            profile.ifPresent(p -> env.err().println("vodupload: warning: --profile " + p
                    + " is not used: the credentials come from " + fromEnv.get().source() + ", which comes first"));
            return fromEnv.get();
        }
        return fromProfile(env, what);
    }

    private static Optional<Resolved> fromVariables(CliEnvironment env, String idName, String secretName,
                                                    String tokenName, String source, String what) {
        Optional<String> i = env.variable(idName);
        Optional<String> s = env.variable(secretName);
        if (i.isEmpty() && s.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(pair(i, s, env.variable(tokenName), source, what, "$" + idName, "$" + secretName));
    }

    private static Resolved pair(Optional<String> i, Optional<String> s, Optional<String> t, String source,
                                 String what, String idName, String secretName) {
        if (i.isEmpty() || s.isEmpty()) {
            throw CliException.usage("incomplete AccessKey for " + what + " from " + source + ": "
                    + (i.isEmpty() ? idName : secretName) + " is missing");
        }
        return new Resolved(new Credentials(i.get().trim(), s.get().trim(), t.map(String::trim), Optional.empty()),
                source);
    }

    /** The aliyun CLI's profile: {@code --profile NAME}, else the file's {@code current} profile. */
    private Resolved fromProfile(CliEnvironment env, String what) {
        Path file = env.userHome().resolve(PROFILE_FILE);
        String shown = "~/" + PROFILE_FILE;
        if (!Files.isRegularFile(file)) {
            if (profile.isPresent()) {
                throw CliException.usage("--profile " + profile.get() + ": there is no " + shown);
            }
            throw CliException.usage("no AccessKey for " + what + ": set " + ENV_ID + " and " + ENV_SECRET
                    + " (or give --access-key-id and --access-key-secret; " + ALIBABA_ID + ", " + OSS_ID
                    + " and the aliyun CLI's " + shown + " are read too)");
        }
        JsonNode root;
        try {
            // made here, not in a static field: a target that needs no AccessKey loads no Jackson for it
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            // Jackson's message may quote the file's text, which holds secrets: say only where it broke
            throw CliException.usage("cannot read " + shown + ": not valid JSON");
        }
        String name = profile.orElseGet(() -> text(root, "current").orElse("default"));
        JsonNode chosen = null;
        for (JsonNode p : root.path("profiles")) {
            if (name.equals(text(p, "name").orElse(null))) {
                chosen = p;
            }
        }
        if (chosen == null) {
            throw CliException.usage("no profile '" + name + "' in " + shown);
        }
        String mode = text(chosen, "mode").orElse("AK");
        if (!mode.equals("AK") && !mode.equals("StsToken")) {
            throw CliException.usage("profile '" + name + "' in " + shown + " has mode " + mode
                    + "; vodupload reads AK and StsToken profiles");
        }
        Optional<String> token = mode.equals("StsToken") ? text(chosen, "sts_token") : Optional.empty();
        if (mode.equals("StsToken") && token.isEmpty()) {
            throw CliException.usage("profile '" + name + "' in " + shown + " is StsToken but has no sts_token");
        }
        return pair(text(chosen, "access_key_id"), text(chosen, "access_key_secret"), token,
                "profile '" + name + "' in " + shown, what, "access_key_id", "access_key_secret");
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText());
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
