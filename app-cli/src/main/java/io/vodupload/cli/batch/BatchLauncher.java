package io.vodupload.cli.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.InterruptSignals;
import io.vodupload.cli.target.TargetResolver;
import io.vodupload.cli.wiring.CheckpointStoreFactory;
import io.vodupload.ports.Sleeper;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The door from the commands to the batch queue: {@code upload PATH...}, {@code worker} and {@code queue}.
 * Its signatures name no type of the {@code batch} module or of db-scheduler, so that wiring it (which every
 * command does) loads neither: they are loaded when a batch actually runs ({@link BatchRuns}), and a
 * single-file upload never opens a database.
 */
public final class BatchLauncher {

    private final CliEnvironment env;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ObjectMapper mapper;
    private final TargetResolver resolver;
    private final CheckpointStoreFactory checkpointStores;
    private final InterruptSignals interrupts;

    @Inject
    BatchLauncher(CliEnvironment env, Clock clock, Sleeper sleeper, ObjectMapper mapper, TargetResolver resolver,
                  CheckpointStoreFactory checkpointStores, InterruptSignals interrupts) {
        this.env = env;
        this.clock = clock;
        this.sleeper = sleeper;
        this.mapper = mapper;
        this.resolver = resolver;
        this.checkpointStores = checkpointStores;
        this.interrupts = interrupts;
    }

    /** {@code vodupload upload PATH...} of several files; returns the exit code. */
    public int upload(BatchRequest request) {
        return new BatchRuns(env, clock, sleeper, mapper, resolver, checkpointStores, interrupts).upload(request);
    }

    /** {@code vodupload worker}; returns the exit code. */
    public int worker(WorkerRequest request) {
        return new BatchRuns(env, clock, sleeper, mapper, resolver, checkpointStores, interrupts).worker(request);
    }

    /** {@code vodupload queue status}; returns the exit code. */
    public int status(Optional<String> queue, Path checkpointDir, Optional<String> batch, boolean json) {
        return new BatchRuns(env, clock, sleeper, mapper, resolver, checkpointStores, interrupts).status(queue, checkpointDir, batch, json);
    }

    /** {@code vodupload queue retry-failed}; returns the exit code. */
    public int retryFailed(Optional<String> queue, Path checkpointDir, Optional<String> batch, boolean json) {
        return new BatchRuns(env, clock, sleeper, mapper, resolver, checkpointStores, interrupts).retryFailed(queue, checkpointDir, batch, json);
    }

    /** {@code vodupload queue cancel}; returns the exit code. */
    public int cancel(Optional<String> queue, Path checkpointDir, Optional<String> batch, boolean json) {
        return new BatchRuns(env, clock, sleeper, mapper, resolver, checkpointStores, interrupts).cancel(queue, checkpointDir, batch, json);
    }
}
