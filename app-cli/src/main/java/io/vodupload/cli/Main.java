package io.vodupload.cli;

import com.google.inject.Module;
import io.vodupload.cli.options.Transport;
import io.vodupload.cli.output.DebugLogging;
import io.vodupload.cli.output.ErrorReporter;
import io.vodupload.cli.output.HelpWrapping;
import io.vodupload.cli.wiring.CheckpointModule;
import io.vodupload.cli.wiring.CliModule;
import io.vodupload.cli.wiring.CoreWiring;
import io.vodupload.cli.wiring.GuiceFactory;
import io.vodupload.cli.wiring.HttpStorageModule;
import io.vodupload.cli.wiring.LocalStorageModule;
import io.vodupload.cli.wiring.OssStorageModule;
import io.vodupload.cli.wiring.StorageBackend;
import io.vodupload.cli.wiring.TicketModule;
import io.vodupload.cli.wiring.VodApiModule;
import picocli.CommandLine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of {@code vodupload}. It hands picocli a factory backed by the one Guice injector of
 * {@link #modules} (the command's own wiring plus one module per adapter built into this version), runs the
 * command and exits with its code.
 *
 * <p>The injector is created only when a command runs ({@link GuiceFactory}): {@code --version},
 * {@code --help} and usage errors answer from picocli alone, without Guice, Jackson or any adapter
 * (docs/benchmarks.md, "Start-up"). A single upload runs on the {@link CoreWiring}, made with plain
 * constructors, and creates the injector only when its target needs an adapter module other than the
 * embedded local store's: an upload to the local store loads no Guice.
 *
 * <p>The storage adapter depends on flags (the target form, {@code --transport}), so each adapter module
 * contributes a {@link StorageBackend} to a map keyed by {@link Transport} and the command picks one after
 * parsing; no child injector is needed. Which transports exist is decided by which modules are installed
 * here. A backend loads its adapter's classes only when it is opened, so the HTTP path never loads
 * aliyun-sdk-oss.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // the command people time: answered before picocli builds the model of every subcommand (a third
            // of its start-up); the same lines picocli prints, from the same provider
            PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
            for (String line : new VersionProvider().getVersion()) {
                out.println(line);
            }
            out.flush();
            System.exit(Exit.OK);
        }
        DebugLogging.configure(java.util.Arrays.asList(args).contains("--debug"));
        CoreWiring core = new CoreWiring(CliEnvironment.system());
        GuiceFactory factory = new GuiceFactory(core, () -> modules(core));
        int code = execute(factory, args);
        // for the shutdown hook of an interrupted upload, which waits for this code (the injector shares it)
        core.reportExit(code);
        System.exit(code);
    }

    /** The production modules over a core of their own. */
    public static List<Module> modules(CliEnvironment environment) {
        return modules(new CoreWiring(environment));
    }

    /** The production modules: the command's own (sharing {@code core}'s instances), and one per adapter built into this version. */
    public static List<Module> modules(CoreWiring core) {
        List<Module> modules = new ArrayList<>();
        modules.add(new CliModule(core));
        modules.add(new TicketModule());
        modules.add(new CheckpointModule());
        modules.add(new LocalStorageModule());
        modules.add(new HttpStorageModule());
        modules.add(new OssStorageModule());
        modules.add(new VodApiModule());
        return modules;
    }

    /**
     * Parses {@code args}, runs the command they name, and returns its exit code (never exits). (No Guice type
     * in this class's signatures: the launcher reflects on them, which would load Guice for {@code --version}.)
     */
    public static int execute(GuiceFactory factory, String... args) {
        return commandLine(factory, args).execute(args);
    }

    /**
     * The command tree for {@code args}, its objects made by {@code factory}, writing to its environment's
     * streams. Only the subcommand {@code args} name is registered when that is all they need
     * ({@link VoduploadCommand#subcommandsFor}).
     */
    public static CommandLine commandLine(GuiceFactory factory, String... args) {
        CliEnvironment env = factory.environment();
        ErrorReporter errors;
        try {
            errors = factory.create(ErrorReporter.class);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the error reporter", e);
        }
        CommandLine cl = new CommandLine(VoduploadCommand.class, factory);
        // before the settings below, which picocli applies to the subcommands registered so far
        for (Class<?> subcommand : VoduploadCommand.subcommandsFor(args)) {
            cl.addSubcommand(subcommand);
        }
        cl.setOut(new PrintWriter(env.out(), true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(env.err(), true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionExceptionHandler(errors);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        cl.setHelpFactory(HelpWrapping::new); // wraps at spaces: paths and URLs stay whole
        return cl;
    }
}
