package io.vodupload.cli;

import io.vodupload.cli.command.CheckpointsCommand;
import io.vodupload.cli.command.CreateUploadCommand;
import io.vodupload.cli.command.GenerateCompletionCommand;
import io.vodupload.cli.command.QueueCommand;
import io.vodupload.cli.command.RefreshUploadCommand;
import io.vodupload.cli.command.UploadCommand;
import io.vodupload.cli.command.WorkerCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The top-level {@code vodupload} command: only subcommands, {@code --help} and {@code --version}.
 */
@Command(name = "vodupload",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Upload media files to ApsaraVideo VOD storage (OSS) in resumable, CRC-64-verified parts.",
        subcommands = {
            UploadCommand.class,
            CreateUploadCommand.class,
            RefreshUploadCommand.class,
            CheckpointsCommand.class,
            WorkerCommand.class,
            QueueCommand.class,
            GenerateCompletionCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {"", "Exit codes: 0 success, 1 upload failed, 2 usage or bad input,",
            "3 credentials expired with no way to refresh, 130 interrupted (a rerun resumes).",
            "Reference: docs/cli.md"})
public final class VoduploadCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: give one of upload, create-upload, refresh-upload, checkpoints, worker, queue,"
                        + " generate-completion");
    }
}
