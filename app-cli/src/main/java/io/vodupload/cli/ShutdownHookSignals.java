package io.vodupload.cli;

import java.time.Duration;
import java.util.Objects;

/**
 * The real {@link InterruptSignals}: a JVM shutdown hook, which the JVM runs on SIGINT (Ctrl-C), SIGTERM and
 * SIGHUP. The hook runs the registered action (the upload command pauses its upload and waits, bounded, for
 * the pause to settle), then waits for the command's exit code through {@link ProcessExit} and halts the JVM
 * with it ({@link Exit#INTERRUPTED} if the command does not report within the bound).
 *
 * <p>A hook is removed when the command closes its registration, so an ordinary {@code System.exit} after a
 * finished upload does not run it.
 */
public final class ShutdownHookSignals implements InterruptSignals {

    /** How long the hook waits for the command to report after the pause settled. */
    static final Duration REPORT_TIMEOUT = Duration.ofSeconds(15);

    private final ProcessExit exit;

    public ShutdownHookSignals(ProcessExit exit) {
        this.exit = Objects.requireNonNull(exit, "exit");
    }

    @Override
    public Registration register(Runnable onInterrupt) {
        Thread hook = new Thread(() -> {
            onInterrupt.run();
            int code = exit.await(REPORT_TIMEOUT).orElse(Exit.INTERRUPTED);
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(code);
        }, "vodupload-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shutdownInProgress) {
                // the hook is already running: it decides the exit
            }
        };
    }
}
