package io.vodupload.cli.command;

import io.vodupload.cli.options.AccessKeys;
import io.vodupload.cli.options.UploadOptions;
import io.vodupload.ports.SafeUrl;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Warns, once per flag, when a secret was given on the command line itself: other users can read it in
 * the process list. A URL argument that carries credentials (a password, a presigned signature or token:
 * {@link SafeUrl}) draws the same warning, naming it redacted. Flags that came from an {@code @file} argument (picocli expands those) are not in the
 * original arguments and draw no warning.
 */
final class SecretFlags {

    private static final Map<String, String> SECRET_FLAGS = new LinkedHashMap<>();

    static {
        SECRET_FLAGS.put("--access-key-secret", "set " + AccessKeys.ENV_SECRET + " instead");
        SECRET_FLAGS.put("--security-token", "set " + AccessKeys.ENV_TOKEN + " instead");
        SECRET_FLAGS.put("--upload-auth", "set " + UploadOptions.ENV_UPLOAD_AUTH + " instead");
    }

    private SecretFlags() {
    }

    static void warn(CommandSpec spec, PrintStream err) {
        List<String> args = spec.commandLine().getParseResult() == null ? List.of()
                : spec.commandLine().getParseResult().originalArgs();
        for (Map.Entry<String, String> flag : SECRET_FLAGS.entrySet()) {
            boolean given = args.stream().anyMatch(a -> a.equals(flag.getKey()) || a.startsWith(flag.getKey() + "="));
            if (given) {
                err.println("vodupload: warning: " + flag.getKey() + " holds a secret and is visible in the process list; "
                        + flag.getValue() + " (or pass it in an @file)");
            }
        }
        for (String arg : args) {
            String lower = arg.toLowerCase(Locale.ROOT);
            if ((lower.startsWith("http://") || lower.startsWith("https://")) && SafeUrl.hasSecrets(arg)) {
                err.println("vodupload: warning: " + SafeUrl.redact(arg) + " holds credentials and is visible in the"
                        + " process list (pass it in an @file)");
            }
        }
        err.flush();
    }
}
