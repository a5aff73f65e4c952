package io.vodupload.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code vodupload} as a real child process ({@code java -cp <test class path> Main ...}) in a working
 * directory of the test's choosing, with an environment that holds only what the test puts in it (plus
 * {@code PATH}), and collects its exit code and both streams.
 */
final class ChildCli {

    private final Path workingDir;
    private final Map<String, String> env = new HashMap<>();
    /** What the child reads on standard input, through a pipe; empty (closed at once) when null. */
    private byte[] stdin;

    ChildCli(Path workingDir) {
        this.workingDir = workingDir;
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    ChildCli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** The child's standard input, written into its pipe while it runs (then closed). */
    ChildCli stdin(byte[] bytes) {
        this.stdin = bytes.clone();
        return this;
    }

    CliHarness.Result run(String... args) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, Main.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workingDir, "stdout", ".txt");
        Path err = Files.createTempFile(workingDir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] input = stdin;
        Thread feeder = new Thread(() -> {
            try (java.io.OutputStream in = p.getOutputStream()) {
                if (input != null) {
                    in.write(input);
                }
            } catch (IOException e) {
                // the child stopped reading (it failed or refused the input): its exit code tells
            }
        }, "child-stdin");
        feeder.setDaemon(true);
        feeder.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("vodupload " + String.join(" ", args) + " did not end within 60 s");
        }
        CliHarness.Result result = new CliHarness.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return result;
    }
}
