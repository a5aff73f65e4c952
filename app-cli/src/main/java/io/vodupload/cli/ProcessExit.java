package io.vodupload.cli;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hands the command's exit code from {@link Main} to a shutdown hook. Once the JVM has begun shutting down
 * (a signal), {@code System.exit} blocks forever, so the hook that paused the upload waits here for the code
 * the command returned and halts the JVM with it; that is how an interrupted upload exits 130 on SIGTERM
 * as well as on SIGINT.
 *
 * <p>Thread-safe; one per process.
 */
public final class ProcessExit {

    private final CompletableFuture<Integer> code = new CompletableFuture<>();

    /** Reports the command's exit code (the first report wins). */
    public void report(int exitCode) {
        code.complete(exitCode);
    }

    /** The reported exit code, waiting at most {@code timeout}; empty if none came in time. */
    public OptionalInt await(Duration timeout) {
        try {
            return OptionalInt.of(code.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        } catch (ExecutionException | TimeoutException e) {
            return OptionalInt.empty();
        }
    }
}
