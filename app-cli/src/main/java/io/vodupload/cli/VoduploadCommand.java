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

import java.util.List;
import java.util.Set;

/**
 * The top-level {@code vodupload} command: only subcommands, {@code --help} and {@code --version}.
 *
 * <p>Its subcommands are {@link #SUBCOMMANDS}, registered by {@link Main#commandLine} rather than in the
 * annotation: picocli builds the model of every registered command up front (reflection over each option and
 * mixin, about a third of a small upload's start-up), so a run that names its command registers only that
 * one ({@link #subcommandsFor}). Help, completion and an unknown command see them all.
 */
@Command(name = "vodupload",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Upload media files to ApsaraVideo VOD storage (OSS) in resumable, CRC-64-verified parts.",
        footer = {"", "Exit codes: 0 success, 1 upload failed, 2 usage or bad input,",
            "3 credentials expired with no way to refresh, 130 interrupted (a rerun resumes).",
            "Reference: docs/cli.md"})
public final class VoduploadCommand implements Runnable {

    /** The subcommands, in the order {@code --help} lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            UploadCommand.class,
            CreateUploadCommand.class,
            RefreshUploadCommand.class,
            CheckpointsCommand.class,
            WorkerCommand.class,
            QueueCommand.class,
            GenerateCompletionCommand.class,
            CommandLine.HelpCommand.class);

    /** The commands that read the whole tree ({@code help upload}, the completion script). */
    private static final Set<String> READ_THE_TREE = Set.of("help", "generate-completion");

    @Spec
    CommandSpec spec;

    /**
     * The subcommands to register for {@code args}: only the one {@code args[0]} names, when it names one that
     * does not read the others; every one otherwise (no arguments, {@code --help}, a typo that needs the
     * names for its "did you mean", {@code help}, {@code generate-completion}).
     */
    static List<Class<?>> subcommandsFor(String... args) {
        if (args.length == 0 || READ_THE_TREE.contains(args[0])) {
            return SUBCOMMANDS;
        }
        for (Class<?> command : SUBCOMMANDS) {
            // the annotation holds the name: one place for it, and cheap to read beside building the model
            if (command.getAnnotation(Command.class).name().equals(args[0])) {
                return List.of(command);
            }
        }
        return SUBCOMMANDS;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: give one of upload, create-upload, refresh-upload, checkpoints, worker, queue,"
                        + " generate-completion");
    }
}
