package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code vodupload} as a real process ({@code java -cp <test classpath> io.vodupload.cli.Main}), its stdout and
 * stderr in files of {@code dir}, for tests of what only a whole process shows: what reaches the terminal,
 * exit codes, signals and children.
 */
final class Subprocess implements AutoCloseable {

    final Process process;
    private final Path stdout;
    private final Path stderr;

    private Subprocess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code vodupload args} in {@code dir} with {@code env} added to this process's environment. */
    static Subprocess start(Path dir, Map<String, String> env, List<String> args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classpath, Main.class.getName()));
        command.addAll(args);
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        return new Subprocess(pb.start(), out, err);
    }

    /** Waits at most {@code limit} for the process to end and returns its exit code. */
    int waitFor(Duration limit) throws InterruptedException {
        assertThat(process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS))
                .as("the process ended within %s; stderr:%n%s", limit, stderr()).isTrue();
        return process.exitValue();
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    long stderrSize() throws IOException {
        return Files.size(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<cannot read " + file + ": " + e + ">";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
