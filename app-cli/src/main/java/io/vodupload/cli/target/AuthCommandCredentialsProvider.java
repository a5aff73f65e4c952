package io.vodupload.cli.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.UploadAuth;
import io.vodupload.ports.UploadTicketDecoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code --auth-command CMD}: fresh credentials from a user's command. When the token expires, the command
 * runs with {@code sh -c CMD}; its stdout is a fresh UploadAuth, base64 (as VOD returns it) or the same JSON
 * un-encoded; a whole CreateUploadVideo/RefreshUploadVideo answer ({@code {"UploadAuth": ...}}) is accepted
 * too. The command's stderr is passed through to ours; its stdout is never echoed (it holds a secret).
 *
 * <p>The command sees the process environment plus {@code VODUPLOAD_BUCKET}, {@code VODUPLOAD_KEY} and,
 * when known, {@code VODUPLOAD_VIDEO_ID}.
 *
 * <p>A refresh that fails (non-zero exit, no output, output that is not an UploadAuth, timeout) returns
 * empty and records why ({@link #lastFailure()}), so the command can say so and exit 3.
 *
 * <p>Thread-safe: the domain refreshes one at a time; {@link #current()} may be called from any thread.
 */
public final class AuthCommandCredentialsProvider implements CredentialsProvider {

    static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private final String command;
    private final Map<String, String> environment;
    private final Path workingDir;
    private final PrintStream err;
    private final UploadTicketDecoder decoder;
    private final ObjectMapper mapper;
    private final Clock clock;
    private volatile Credentials current;
    private volatile String lastFailure = "";

    /**
     * @param command     the shell command
     * @param initial     the credentials to start with
     * @param environment the command's environment
     * @param workingDir  its working directory
     * @param err         where its stderr goes
     */
    public AuthCommandCredentialsProvider(String command, Credentials initial, Map<String, String> environment,
                                          Path workingDir, PrintStream err, UploadTicketDecoder decoder,
                                          ObjectMapper mapper, Clock clock) {
        this.command = Objects.requireNonNull(command, "command");
        this.current = Objects.requireNonNull(initial, "initial");
        this.environment = Map.copyOf(environment);
        this.workingDir = Objects.requireNonNull(workingDir, "workingDir");
        this.err = Objects.requireNonNull(err, "err");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Credentials current() {
        return current;
    }

    /** Why the last refresh failed, empty if it did not. */
    public String lastFailure() {
        return lastFailure;
    }

    @Override
    public synchronized Optional<Credentials> refresh(Credentials expired) throws InterruptedException {
        if (!expired.equals(current)) {
            return Optional.of(current); // another part's refresh already replaced them
        }
        try {
            Credentials fresh = run();
            current = fresh;
            lastFailure = "";
            return Optional.of(fresh);
        } catch (RefreshFailed e) {
            lastFailure = e.getMessage();
            return Optional.empty();
        }
    }

    private Credentials run() throws InterruptedException, RefreshFailed {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).directory(workingDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new RefreshFailed("--auth-command could not start: " + e.getMessage());
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        Thread outReader = copy(process.getInputStream(), stdout, "auth-command-stdout");
        Thread errReader = copy(process.getErrorStream(), err, "auth-command-stderr");
        try {
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new RefreshFailed("--auth-command did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s");
            }
            outReader.join(COMMAND_TIMEOUT.toMillis());
            errReader.join(1000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
        if (process.exitValue() != 0) {
            throw new RefreshFailed("--auth-command exited with status " + process.exitValue());
        }
        String text = stdout.toString(StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            throw new RefreshFailed("--auth-command printed nothing (expected a base64 UploadAuth)");
        }
        try {
            UploadAuth auth = decoder.decodeAuth(toBase64Auth(text), clock.instant());
            return auth.credentials();
        } catch (IllegalArgumentException e) {
            throw new RefreshFailed("--auth-command printed no usable UploadAuth: " + e.getMessage());
        }
    }

    /** The base64 UploadAuth in {@code text}: base64 as it is, or JSON (the auth itself or a VOD answer). */
    private String toBase64Auth(String text) {
        if (!text.startsWith("{")) {
            return text;
        }
        try {
            JsonNode node = mapper.readTree(text);
            JsonNode wrapped = node.get("UploadAuth");
            if (wrapped != null && wrapped.isTextual()) {
                return wrapped.asText();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("output starts with '{' but is not JSON");
        }
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Thread copy(InputStream in, java.io.OutputStream out, String name) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(out);
                out.flush();
            } catch (IOException ignored) {
                // the process went away; what arrived is what we have
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static final class RefreshFailed extends Exception {
        private static final long serialVersionUID = 1L;

        RefreshFailed(String message) {
            super(message);
        }
    }

    @Override
    public String toString() {
        return "AuthCommandCredentialsProvider[" + current + "]";
    }
}
