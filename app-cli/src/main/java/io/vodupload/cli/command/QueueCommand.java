package io.vodupload.cli.command;

import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.batch.BatchLauncher;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code vodupload queue status|retry-failed|cancel}: what the batch queue holds, and changing it. The queue
 * is {@code --queue URL}, else {@code $VODUPLOAD_QUEUE}, else this machine's embedded database.
 */
@Command(name = "queue", mixinStandardHelpOptions = true,
        description = "Show the batch queue, retry its failed files, or cancel a batch.",
        subcommands = {QueueCommand.StatusCommand.class, QueueCommand.RetryFailedCommand.class,
            QueueCommand.CancelCommand.class})
public final class QueueCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: give status, retry-failed or cancel");
    }

    /** What the three subcommands share: the queue, the checkpoint directory, an optional batch id, output. */
    abstract static class QueueSubcommand implements Callable<Integer> {

        @Mixin
        QueueOption queue;

        @Parameters(index = "0", arity = "0..1", paramLabel = "BATCH", description = "Only this batch (default: all).")
        String batch;

        @Mixin
        CheckpointDirOption checkpointDir;

        @Mixin
        GlobalOptions global;

        final CliEnvironment env;
        final Provider<BatchLauncher> batches;

        QueueSubcommand(CliEnvironment env, Provider<BatchLauncher> batches) {
            this.env = env;
            this.batches = batches;
        }

        Optional<String> batchId() {
            return Optional.ofNullable(batch);
        }
    }

    /** {@code queue status [BATCH]}: counts and each file's state. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Counts and each file's state.")
    public static final class StatusCommand extends QueueSubcommand {
        @Inject
        StatusCommand(CliEnvironment env, Provider<BatchLauncher> batches) {
            super(env, batches);
        }

        @Override
        public Integer call() {
            return batches.get().status(queue.value(), checkpointDir.resolve(env), batchId(), global.json());
        }
    }

    /** {@code queue retry-failed [BATCH]}: failed files pending again. */
    @Command(name = "retry-failed", mixinStandardHelpOptions = true,
            description = "Make the failed files pending again (a worker or the same upload command takes them).")
    public static final class RetryFailedCommand extends QueueSubcommand {
        @Inject
        RetryFailedCommand(CliEnvironment env, Provider<BatchLauncher> batches) {
            super(env, batches);
        }

        @Override
        public Integer call() {
            return batches.get().retryFailed(queue.value(), checkpointDir.resolve(env), batchId(), global.json());
        }
    }

    /** {@code queue cancel [BATCH]}: pending and failed files canceled. */
    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel the pending and failed files (of BATCH, or of every batch).")
    public static final class CancelCommand extends QueueSubcommand {
        @Inject
        CancelCommand(CliEnvironment env, Provider<BatchLauncher> batches) {
            super(env, batches);
        }

        @Override
        public Integer call() {
            return batches.get().cancel(queue.value(), checkpointDir.resolve(env), batchId(), global.json());
        }
    }
}
