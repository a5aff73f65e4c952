package io.vodupload.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;
import io.vodupload.cli.wiring.GuiceFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs {@code vodupload} in-process the way {@link Main} does (the production modules, one injector, the
 * picocli factory), with captured stdout/stderr, an injected environment, a working directory and home of
 * the test's choosing, and an interrupt the test fires itself.
 */
final class CliHarness {

    static final ObjectMapper MAPPER = new ObjectMapper();

    final Path workingDir;
    final Path home;
    final Map<String, String> env = new HashMap<>();
    final ManualInterrupts interrupts = new ManualInterrupts();
    private final java.util.Set<Class<?>> left = new java.util.HashSet<>();
    private final List<com.google.inject.Module> overrides = new ArrayList<>();

    CliHarness(Path workingDir, Path home) {
        this.workingDir = workingDir;
        this.home = home;
    }

    CliHarness env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Leaves the production module {@code module} out, as a build without that adapter would. */
    CliHarness without(Class<? extends com.google.inject.Module> module) {
        left.add(module);
        return this;
    }

    /** Overrides production bindings with {@code module}'s (a collaborator the test watches, say). */
    CliHarness override(com.google.inject.Module module) {
        overrides.add(module);
        return this;
    }

    Result run(String... args) {
        return start(args).await();
    }

    /** Starts the command on another thread; its stdout lines can be read as they come. */
    Running start(String... args) {
        LineCapture out = new LineCapture();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment environment = new CliEnvironment(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), workingDir, home, false);
        List<com.google.inject.Module> modules = new ArrayList<>(Main.modules(environment));
        modules.removeIf(m -> left.contains(m.getClass()));
        List<com.google.inject.Module> replacing = new ArrayList<>(overrides);
        replacing.add(new AbstractModule() {
            @Override
            protected void configure() {
                bind(InterruptSignals.class).toInstance(interrupts);
            }
        });
        Injector injector = Guice.createInjector(Modules.override(modules).with(replacing));
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> Main.execute(new GuiceFactory(injector), args));
        return new Running(code, out, err);
    }

    /** A command running on another thread. */
    static final class Running {
        private final CompletableFuture<Integer> code;
        private final LineCapture out;
        private final ByteArrayOutputStream err;

        Running(CompletableFuture<Integer> code, LineCapture out, ByteArrayOutputStream err) {
            this.code = code;
            this.out = out;
            this.err = err;
        }

        /** Reads stdout lines (JSON events) until one matches, at most {@code timeout}. */
        JsonNode awaitEvent(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String line = out.lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("no such event within " + timeout + "; so far:\n" + out.text()
                            + "\nstderr:\n" + err.toString(StandardCharsets.UTF_8));
                }
                try {
                    JsonNode node = MAPPER.readTree(line);
                    if (wanted.test(node)) {
                        return node;
                    }
                } catch (IOException notJson) {
                    // not an event line
                }
            }
        }

        Result await() {
            int exit;
            try {
                exit = code.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the command did not finish: " + e + "\nstdout:\n" + out.text()
                        + "\nstderr:\n" + err.toString(StandardCharsets.UTF_8), e);
            }
            return new Result(exit, out.text(), err.toString(StandardCharsets.UTF_8));
        }
    }

    /** What a run left: its exit code and its two streams. */
    record Result(int exitCode, String stdout, String stderr) {
        /** Both streams, for "never printed" checks. */
        String all() {
            return stdout + stderr;
        }

        /** The stdout lines parsed as JSON events. */
        List<JsonNode> events() {
            List<JsonNode> events = new ArrayList<>();
            for (String line : stdout.split("\n")) {
                if (line.startsWith("{")) {
                    try {
                        events.add(MAPPER.readTree(line));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            return events;
        }

        List<String> eventNames() {
            return events().stream().map(e -> e.get("event").asText()).toList();
        }

        JsonNode event(String name) {
            return events().stream().filter(e -> e.get("event").asText().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + name + " event in\n" + this));
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Keeps everything written, and hands out each complete line as it arrives. */
    static final class LineCapture extends OutputStream {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            all.write(b);
            if (b == '\n') {
                lines.add(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }

        synchronized String text() {
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    /** An {@link InterruptSignals} the test fires; the action runs on a new thread, as a shutdown hook does. */
    static final class ManualInterrupts implements InterruptSignals {
        private final List<Runnable> actions = new CopyOnWriteArrayList<>();

        @Override
        public Registration register(Runnable onInterrupt) {
            actions.add(onInterrupt);
            return () -> actions.remove(onInterrupt);
        }

        /** Fires every registered action on its own thread, as SIGINT would. */
        void fire() {
            for (Runnable r : actions) {
                new Thread(r, "test-interrupt").start();
            }
        }
    }
}
