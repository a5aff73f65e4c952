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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
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
 * <p>A refresh that fails (non-zero exit, no output, output that is not an UploadAuth, more than 64 KiB of
 * output, no end within the time limit — {@link #DEFAULT_TIMEOUT}, or {@value #TIMEOUT_ENV} seconds) returns
 * empty and records why ({@link #lastFailure()}), so the command can say so and exit 3.
 *
 * <p>The command runs in a process group of its own ({@code setsid}); whenever a run ends — done, failed,
 * timed out, interrupted, or vodupload itself ending on Ctrl-C or SIGTERM (a shutdown hook) — the whole group
 * is ended, so nothing it started outlives vodupload.
 *
 * <p>Thread-safe: the domain refreshes one at a time; {@link #current()} may be called from any thread.
 */
public final class AuthCommandCredentialsProvider implements CredentialsProvider {

    /** How long the command may run unless {@value #TIMEOUT_ENV} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    /** The environment variable with the command's time limit in seconds. */
    public static final String TIMEOUT_ENV = "VODUPLOAD_AUTH_COMMAND_TIMEOUT";
    /** The most stdout read from the command; an UploadAuth is about 2 KiB. */
    static final int MAX_OUTPUT = 64 * 1024;
    private static final List<String> SETSID = List.of("/usr/bin/setsid", "/bin/setsid");

    private final String command;
    private final Map<String, String> environment;
    private final Path workingDir;
    private final PrintStream err;
    private final UploadTicketDecoder decoder;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration timeout;
    private volatile Credentials current;
    private volatile String lastFailure = "";

    /**
     * @param command     the shell command
     * @param initial     the credentials to start with
     * @param environment the command's environment
     * @param workingDir  its working directory
     * @param err         where its stderr goes
     * @param timeout     how long one run may take before it is ended
     */
    public AuthCommandCredentialsProvider(String command, Credentials initial, Map<String, String> environment,
                                          Path workingDir, PrintStream err, UploadTicketDecoder decoder,
                                          ObjectMapper mapper, Clock clock, Duration timeout) {
        this.command = Objects.requireNonNull(command, "command");
        this.current = Objects.requireNonNull(initial, "initial");
        this.environment = Map.copyOf(environment);
        this.workingDir = Objects.requireNonNull(workingDir, "workingDir");
        this.err = Objects.requireNonNull(err, "err");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
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
        ProcessBuilder pb = new ProcessBuilder(commandLine()).directory(workingDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new RefreshFailed("--auth-command could not start: " + e.getMessage());
        }
        Thread reaper = new Thread(() -> endGroup(process), "auth-command-reaper");
        boolean hooked = addShutdownHook(reaper);
        try {
            BoundedBuffer stdout = new BoundedBuffer(MAX_OUTPUT);
            Thread outReader = copy(process.getInputStream(), stdout, "auth-command-stdout");
            Thread errReader = copy(process.getErrorStream(), err, "auth-command-stderr");
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!process.waitFor(Math.min(50, Math.max(0, deadline - System.nanoTime()) / 1_000_000 + 1),
                    TimeUnit.MILLISECONDS)) {
                if (stdout.overflowed()) {
                    throw new RefreshFailed("--auth-command printed more than " + MAX_OUTPUT / 1024
                            + " KiB (expected a base64 UploadAuth)");
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new RefreshFailed("--auth-command did not finish within " + timeout.toSeconds() + " s"
                            + " (set " + TIMEOUT_ENV + " to wait longer)");
                }
            }
            outReader.join(timeout.toMillis());
            errReader.join(1000);
            if (stdout.overflowed()) {
                throw new RefreshFailed("--auth-command printed more than " + MAX_OUTPUT / 1024
                        + " KiB (expected a base64 UploadAuth)");
            }
            if (process.exitValue() != 0) {
                throw new RefreshFailed("--auth-command exited with status " + process.exitValue());
            }
            String text = stdout.text().trim();
            if (text.isEmpty()) {
                throw new RefreshFailed("--auth-command printed nothing (expected a base64 UploadAuth)");
            }
            try {
                UploadAuth auth = decoder.decodeAuth(toBase64Auth(text), clock.instant());
                return auth.credentials();
            } catch (IllegalArgumentException e) {
                throw new RefreshFailed("--auth-command printed no usable UploadAuth: " + e.getMessage());
            }
        } finally {
            // on every way out (done, timed out, too much output, interrupted) nothing it started lives on
            endGroup(process);
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(reaper);
                } catch (IllegalStateException shutdownInProgress) {
                    // the hook runs anyway and ends the group
                }
            }
        }
    }

    /**
     * {@code sh -c CMD}, in a session (and process group) of its own when {@code setsid} exists, so that
     * {@link #endGroup} can end everything the command started — a signal to vodupload alone does not reach
     * the command's children.
     */
    private List<String> commandLine() {
        for (String setsid : SETSID) {
            if (Files.isExecutable(Path.of(setsid))) {
                return List.of(setsid, "sh", "-c", command);
            }
        }
        return List.of("sh", "-c", command);
    }

    /**
     * Ends the command and everything it started: its descendants as Java sees them (taken before the shell
     * goes, when they are re-parented), then its process group with {@code kill -KILL -- -PGID}, which also
     * reaches children that left the tree. Quick enough to run in a shutdown hook.
     */
    static void endGroup(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (process.isAlive() || descendants.stream().anyMatch(ProcessHandle::isAlive)) {
            try {
                Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                kill.waitFor(2, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                // the fallback below still ends the ones Java knows
            }
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static boolean addShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException shutdownInProgress) {
            return false;
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

    /** At most {@code limit} bytes of the command's stdout; past that it only notes the overflow. */
    private static final class BoundedBuffer extends java.io.OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int limit;
        private volatile boolean overflowed;

        BoundedBuffer(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (bytes.size() + (long) len > limit) {
                overflowed = true;
                throw new IOException("output limit reached"); // stops the copy; the process is ended
            }
            bytes.write(b, off, len);
        }

        boolean overflowed() {
            return overflowed;
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
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
