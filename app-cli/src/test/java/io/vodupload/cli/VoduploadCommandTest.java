package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.cli.command.UploadCommand;
import io.vodupload.cli.wiring.CoreWiring;
import io.vodupload.cli.wiring.GuiceFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The command tree is built for the arguments: a run that names its command registers that one alone (picocli
 * builds the model of every registered command up front); help, completion and an unknown command see all.
 */
class VoduploadCommandTest {

    private static final String[] ALL = {"upload", "create-upload", "refresh-upload", "checkpoints", "worker", "queue",
        "generate-completion", "help"};

    @TempDir
    Path dir;

    @Test
    void subcommandsFor_aNamedCommand_isThatCommandOnly() {
        assertThat(VoduploadCommand.subcommandsFor("upload", "clip.mp4", "--help")).containsExactly(UploadCommand.class);
        assertThat(commandLine("upload", "clip.mp4").getSubcommands()).containsOnlyKeys("upload");
        assertThat(commandLine("queue", "status").getSubcommands()).containsOnlyKeys("queue");
        assertThat(commandLine("queue", "status").getSubcommands().get("queue").getSubcommands())
                .containsOnlyKeys("status", "retry-failed", "cancel");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help", "generate-completion", "uplaod", "--debug", "UPLOAD"})
    void commandLine_helpCompletionOrNoKnownCommand_registersEveryCommandInHelpOrder(String first) {
        assertThat(commandLine(first, "upload").getSubcommands().keySet()).containsExactly(ALL);
    }

    @Test
    void commandLine_noArguments_registersEveryCommand() {
        assertThat(commandLine().getSubcommands().keySet()).containsExactly(ALL);
    }

    @Test
    void subcommands_areTheOnesTheTreeNames_eachOnce() {
        Map<String, CommandLine> all = commandLine("--help").getSubcommands();
        for (Class<?> command : VoduploadCommand.SUBCOMMANDS) {
            String name = command.getAnnotation(CommandLine.Command.class).name();
            assertThat(VoduploadCommand.subcommandsFor(name).size())
                    .as(name).isEqualTo(name.equals("help") || name.equals("generate-completion") ? ALL.length : 1);
            assertThat((Object) all.get(name).getCommand()).isInstanceOf(command);
        }
    }

    private CommandLine commandLine(String... args) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CoreWiring core = new CoreWiring(new CliEnvironment(Map.of(), sink, sink, dir, dir, false));
        GuiceFactory factory = new GuiceFactory(core, () -> Main.modules(core));
        CommandLine cl = Main.commandLine(factory, args);
        assertThat(factory.createdInjector()).as("building the tree creates no injector").isEmpty();
        return cl;
    }
}
