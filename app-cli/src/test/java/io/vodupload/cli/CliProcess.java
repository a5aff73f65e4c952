package io.vodupload.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code vodupload} as a real child process ({@code java -cp <test classpath> io.vodupload.cli.Main}): its
 * stdout and stderr lines arrive on queues, read by daemon threads, so a test waits for a line, never on a
 * timer. The caller destroys the process when the test ends ({@link #destroy()}).
 */
final class CliProcess {

    static final Duration WAIT = Duration.ofSeconds(60);
    private static final String EOF = "<eof>";

    final Process process;
    private final Stream stdout;
    private final Stream stderr;

    private CliProcess(Process process) {
        this.process = process;
        this.stdout = new Stream(process.getInputStream(), "child-stdout");
        this.stderr = new Stream(process.getErrorStream(), "child-stderr");
    }

    /** Starts {@code vodupload args...} in {@code dir} with the environment plus {@code env}. */
    static CliProcess start(Path dir, Map<String, String> env, List<String> args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classpath, Main.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        return new CliProcess(pb.start());
    }

    /** Reads stdout lines (JSON events) until one matches; fails if the process ends or goes quiet first. */
    JsonNode awaitEvent(Predicate<JsonNode> wanted) throws Exception {
        while (true) {
            String line = stdout.next();
            if (line == null) {
                throw new AssertionError("the process ended or went quiet before the event; stdout:\n"
                        + stdout.text() + "\nstderr:\n" + stderr.text());
            }
            JsonNode node = CliHarness.MAPPER.readTree(line);
            if (wanted.test(node)) {
                return node;
            }
        }
    }

    /** Reads stderr lines until one contains {@code text}; fails if the process ends or goes quiet first. */
    String awaitStderr(String text) throws InterruptedException {
        while (true) {
            String line = stderr.next();
            if (line == null) {
                throw new AssertionError("the process ended or went quiet before a stderr line with '" + text
                        + "'; stderr:\n" + stderr.text());
            }
            if (line.contains(text)) {
                return line;
            }
        }
    }

    /** Waits for the process to end and returns its exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the process did not end; stderr:\n" + stderr.text());
        }
        return process.exitValue();
    }

    JsonNode firstEvent() throws Exception {
        return CliHarness.MAPPER.readTree(stdout.seen().get(0));
    }

    /** The last stdout line as JSON, once the process has ended. */
    JsonNode lastEvent() throws Exception {
        stdout.drain();
        List<String> seen = stdout.seen();
        return CliHarness.MAPPER.readTree(seen.get(seen.size() - 1));
    }

    /** All of stdout, once the process has ended. */
    String stdoutText() throws InterruptedException {
        stdout.drain();
        return stdout.text();
    }

    /** All of stderr, once the process has ended. */
    String stderr() {
        try {
            stderr.drain();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return stderr.text();
    }

    /**
     * Sends signal {@code name} ({@code TERM}, {@code INT}, ...) with {@code kill}. Unlike
     * {@link Process#destroy()}, which closes the child's output pipes, this leaves what the child writes
     * afterwards readable.
     */
    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
        }
    }

    void destroy() {
        process.destroyForcibly();
    }

    /** One of the child's output streams: lines on a queue, and those taken so far. */
    private static final class Stream {
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();
        private boolean ended;

        Stream(InputStream in, String name) {
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process is gone
                }
                lines.add(EOF);
            }, name);
            reader.setDaemon(true);
            reader.start();
        }

        /** The next line, or null at the end or when none came within {@link #WAIT}. */
        synchronized String next() throws InterruptedException {
            if (ended) {
                return null;
            }
            String line = lines.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (line == null || line.equals(EOF)) {
                ended = line != null;
                return null;
            }
            seen.add(line);
            return line;
        }

        synchronized void drain() throws InterruptedException {
            while (next() != null) {
                // taken into seen
            }
        }

        synchronized List<String> seen() {
            return List.copyOf(seen);
        }

        synchronized String text() {
            StringBuilder sb = new StringBuilder();
            seen.forEach(l -> sb.append(l).append('\n'));
            return sb.toString();
        }
    }
}
