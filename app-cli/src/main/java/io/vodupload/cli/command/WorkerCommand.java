package io.vodupload.cli.command;

import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.CliException;
import io.vodupload.cli.batch.BatchLauncher;
import io.vodupload.cli.batch.WorkerRequest;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code vodupload worker [--queue URL] [--jobs N] [--follow]}: uploads the files of every batch in the queue
 * with the settings each was submitted with and this process's credentials, until none is pending or in
 * progress (or forever with {@code --follow}). Exit 0 when every file it took succeeded, 1 when one failed,
 * 130 on SIGINT/SIGTERM (its files are released at once, so other workers take them).
 */
@Command(name = "worker", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Upload the queue's files, beside any number of other workers on the same database.")
public final class WorkerCommand implements Callable<Integer> {

    @Mixin
    QueueOption queue;

    @Option(names = "--jobs", paramLabel = "N", description = "Files at once, 1..64 (default 2).")
    Integer jobs;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Connections across this worker's files (default 16).")
    Integer maxConnections;

    @Option(names = "--follow", description = "Keep waiting for new files instead of stopping when none is left.")
    boolean follow;

    @Option(names = "--heartbeat", paramLabel = "SECONDS",
            description = "How often this worker tells the database it is alive (default 5); a worker silent for six heartbeats is taken for dead and its files taken over (within 60 s at the default).")
    BigDecimal heartbeat;

    @Mixin
    CheckpointDirOption checkpointDir;

    @Mixin
    GlobalOptions global;

    private final CliEnvironment env;
    private final Provider<BatchLauncher> batches;

    @Inject
    WorkerCommand(CliEnvironment env, Provider<BatchLauncher> batches) {
        this.env = env;
        this.batches = batches;
    }

    @Override
    public Integer call() {
        int jobCount = jobs != null ? jobs : UploadCommand.DEFAULT_JOBS;
        if (jobCount < 1 || jobCount > UploadCommand.MAX_JOBS) {
            throw CliException.usage("--jobs must be 1.." + UploadCommand.MAX_JOBS + ": " + jobCount);
        }
        int connections = maxConnections != null ? maxConnections : UploadCommand.DEFAULT_MAX_CONNECTIONS;
        if (connections < 1 || connections > UploadCommand.MAX_CONNECTIONS) {
            throw CliException.usage("--max-connections must be 1.." + UploadCommand.MAX_CONNECTIONS + ": "
                    + connections);
        }
        Optional<Duration> beat = Optional.empty();
        if (heartbeat != null) {
            if (heartbeat.compareTo(new BigDecimal("0.05")) < 0 || heartbeat.compareTo(new BigDecimal("3600")) > 0) {
                throw CliException.usage("--heartbeat must be 0.05..3600 seconds: " + heartbeat.toPlainString());
            }
            beat = Optional.of(Duration.ofMillis(heartbeat.movePointRight(3).longValue()));
        }
        return batches.get().worker(new WorkerRequest(queue.value().or(() -> env.variable("VODUPLOAD_QUEUE")),
                checkpointDir.resolve(env), jobCount, connections, follow, beat, global.json(), global.quiet()));
    }
}
