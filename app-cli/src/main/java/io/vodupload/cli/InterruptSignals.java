package io.vodupload.cli;

/**
 * Tells the upload command when the process is asked to stop (SIGINT, Ctrl-C, or SIGTERM), so that it can
 * pause the upload and keep its checkpoint. The real one ({@link ShutdownHookSignals}) is a JVM shutdown
 * hook; tests bind one they fire themselves.
 */
public interface InterruptSignals {

    /**
     * Registers {@code onInterrupt}, which is run (once, on another thread) when a stop is asked for. It must
     * return once the upload is paused, or after a bounded wait.
     *
     * @return closing it unregisters the action (no error if the stop has already begun)
     */
    Registration register(Runnable onInterrupt);

    /** A registered interrupt action. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
