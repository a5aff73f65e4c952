package io.vodupload.cli.batch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code vodupload worker} was asked.
 *
 * @param queue          {@code --queue} or {@code $VODUPLOAD_QUEUE}; empty: the embedded database
 * @param checkpointDir  this worker's checkpoint directory (and the embedded database's)
 * @param jobs           files at once
 * @param maxConnections connections across the files this worker has in flight
 * @param follow         wait for new files instead of returning when none is left
 * @param heartbeat      the heartbeat, when not the default (a dead worker's files are taken over after four
 *                       missed ones)
 * @param json           {@code --json}
 * @param quiet          {@code --quiet}
 */
public record WorkerRequest(Optional<String> queue, Path checkpointDir, int jobs, int maxConnections, boolean follow,
                            Optional<Duration> heartbeat, boolean json, boolean quiet) {

    public WorkerRequest {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(checkpointDir, "checkpointDir");
        Objects.requireNonNull(heartbeat, "heartbeat");
    }

    @Override
    public String toString() {
        return "WorkerRequest[jobs=" + jobs + ", follow=" + follow + ", heartbeat=" + heartbeat + "]";
    }
}
