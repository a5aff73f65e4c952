package io.vodupload.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Modules;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/**
 * Runs {@code vodupload} in-process the way {@link Main} does (the production modules, one injector, the
 * picocli factory), with captured stdout/stderr, an injected environment, a working directory and home of
 * the test's choosing, and an interrupt the test fires itself.
 */
final class CliHarness {

    final Path workingDir;
    final Path home;
    final Map<String, String> env = new HashMap<>();
    final ManualInterrupts interrupts = new ManualInterrupts();
    boolean terminal;

    CliHarness(Path workingDir, Path home) {
        this.workingDir = workingDir;
        this.home = home;
    }

    CliHarness env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment environment = new CliEnvironment(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), workingDir, home, terminal);
        Injector injector = Guice.createInjector(Modules.override(Main.modules(environment)).with(new AbstractModule() {
            @Override
            protected void configure() {
                bind(InterruptSignals.class).toInstance(interrupts);
            }
        }));
        int code = Main.execute(injector, args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What a run left: its exit code and its two streams. */
    record Result(int exitCode, String stdout, String stderr) {
        /** Both streams, for "never printed" checks. */
        String all() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
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

        /** Fires every registered action, each on its own thread; returns those threads. */
        List<Thread> fire() {
            List<Thread> threads = new java.util.ArrayList<>();
            for (Runnable r : actions) {
                Thread t = new Thread(r, "test-interrupt");
                t.start();
                threads.add(t);
            }
            return threads;
        }

        boolean armed() {
            return !actions.isEmpty();
        }
    }
}
