package io.vodupload.cli.batch;

import jakarta.inject.Inject;
import jakarta.inject.Provider;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The door from the commands to the batch queue: {@code upload PATH...}, {@code worker} and {@code queue}.
 * Its signatures name no type of the {@code batch} module or of db-scheduler, so that wiring it (which every
 * command does) loads neither: they are loaded when a batch actually runs ({@link BatchRuns}), and a
 * single-file upload never opens a database.
 */
public final class BatchLauncher {

    // a Provider: BatchRuns (and through it the batch module) is loaded when a batch command runs
    private final Provider<BatchRuns> runs;

    @Inject
    BatchLauncher(Provider<BatchRuns> runs) {
        this.runs = runs;
    }

    /** {@code vodupload upload PATH...} of several files; returns the exit code. */
    public int upload(BatchRequest request) {
        return runs.get().upload(request);
    }

    /** {@code vodupload worker}; returns the exit code. */
    public int worker(WorkerRequest request) {
        return runs.get().worker(request);
    }

    /** {@code vodupload queue status}; returns the exit code. */
    public int status(Optional<String> queue, Path checkpointDir, Optional<String> batch, boolean json) {
        return runs.get().status(queue, checkpointDir, batch, json);
    }

    /** {@code vodupload queue retry-failed}; returns the exit code. */
    public int retryFailed(Optional<String> queue, Path checkpointDir, Optional<String> batch, boolean json) {
        return runs.get().retryFailed(queue, checkpointDir, batch, json);
    }

    /** {@code vodupload queue cancel}; returns the exit code. */
    public int cancel(Optional<String> queue, Path checkpointDir, Optional<String> batch, boolean json) {
        return runs.get().cancel(queue, checkpointDir, batch, json);
    }
}
