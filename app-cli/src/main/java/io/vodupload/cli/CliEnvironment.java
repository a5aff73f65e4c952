package io.vodupload.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the command sees of the process it runs in: environment variables, the two output streams, the
 * working directory (relative paths resolve against it), the user's home, and whether stderr is a terminal.
 * Tests build one with a captured stdout/stderr and an injected environment; {@link #system()} is the real
 * one.
 *
 * <p>Immutable; the streams are shared and thread-safe ({@link PrintStream} locks).
 *
 * @param env            the environment variables
 * @param out            standard output (JSON events, command results)
 * @param err            standard error (progress, warnings, errors)
 * @param workingDir     the directory relative paths are resolved against, absolute
 * @param userHome       the user's home, {@code $HOME} when set (the default checkpoint directory, the
 *                       config file and the aliyun CLI's profiles live under it)
 * @param stderrTerminal whether stderr is an interactive terminal (progress bar) or not (plain lines)
 */
public record CliEnvironment(Map<String, String> env, PrintStream out, PrintStream err, Path workingDir,
                             Path userHome, boolean stderrTerminal) {

    public CliEnvironment {
        env = Map.copyOf(env);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(userHome, "userHome");
        workingDir = workingDir.toAbsolutePath().normalize();
    }

    /** The process's own environment, streams and directories. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(),
                new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8),
                new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8),
                Paths.get("").toAbsolutePath(), home(System.getenv(), System.getProperty("user.home")),
                stderrIsTerminal());
    }

    /**
     * The user's home: {@code $HOME} when it is set (containers and CI set it for a user the password
     * database may not know, and Java's {@code user.home} comes from that database), else {@code user.home}.
     */
    static Path home(Map<String, String> env, String userHome) {
        String home = env.get("HOME");
        return Paths.get(home == null || home.isBlank() ? userHome : home).toAbsolutePath().normalize();
    }

    /** An environment variable, when set and not blank. */
    public Optional<String> variable(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** {@code path} resolved against the working directory. */
    public Path resolve(Path path) {
        return workingDir.resolve(path).normalize();
    }

    /**
     * Whether file descriptor 2 is a terminal. Java 17 has no isatty for stderr ({@link System#console()}
     * looks at stdin and stdout), so on Linux read where {@code /proc/self/fd/2} points; elsewhere fall back
     * to the console check.
     */
    static boolean stderrIsTerminal() {
        if (Optional.ofNullable(System.getenv("TERM")).orElse("").equals("dumb")) {
            return false;
        }
        Path fd2 = Paths.get("/proc/self/fd/2");
        if (Files.exists(fd2, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return System.console() != null;
            }
        }
        return System.console() != null;
    }
}
