package io.vodupload.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.vodupload.cli.options.Transport;
import io.vodupload.cli.output.DebugLogging;
import io.vodupload.cli.output.ErrorReporter;
import io.vodupload.cli.output.HelpWrapping;
import io.vodupload.cli.wiring.CheckpointModule;
import io.vodupload.cli.wiring.CliModule;
import io.vodupload.cli.wiring.GuiceFactory;
import io.vodupload.cli.wiring.HttpStorageModule;
import io.vodupload.cli.wiring.LocalStorageModule;
import io.vodupload.cli.wiring.OssStorageModule;
import io.vodupload.cli.wiring.StorageBackend;
import io.vodupload.cli.wiring.TicketModule;
import io.vodupload.cli.wiring.VodApiModule;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of {@code vodupload}. It creates the one Guice injector from {@link #modules} (the
 * command's own wiring plus one module per adapter built into this version), hands picocli a factory backed
 * by it, runs the command and exits with its code.
 *
 * <p>The storage adapter depends on flags (the target form, {@code --transport}), so each adapter module
 * contributes a {@link StorageBackend} to a map keyed by {@link Transport} and the command picks one after
 * parsing; no child injector is needed. Which transports exist is decided by which modules are installed
 * here.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        DebugLogging.configure(java.util.Arrays.asList(args).contains("--debug"));
        Injector injector = Guice.createInjector(modules(CliEnvironment.system()));
        int code = execute(injector, args);
        injector.getInstance(ProcessExit.class).report(code);
        System.exit(code);
    }

    /** The production modules: the command's own, and one per adapter built into this version. */
    public static List<Module> modules(CliEnvironment environment) {
        List<Module> modules = new ArrayList<>();
        modules.add(new CliModule(environment));
        modules.add(new TicketModule());
        modules.add(new CheckpointModule());
        modules.add(new LocalStorageModule());
        modules.add(new HttpStorageModule());
        modules.add(new OssStorageModule());
        modules.add(new VodApiModule());
        return modules;
    }

    /** Parses {@code args}, runs the command they name, and returns its exit code (never exits). */
    public static int execute(Injector injector, String... args) {
        return commandLine(injector).execute(args);
    }

    /** The command tree, wired to {@code injector}, writing to the environment's streams. */
    public static CommandLine commandLine(Injector injector) {
        CliEnvironment env = injector.getInstance(CliEnvironment.class);
        ErrorReporter errors = injector.getInstance(ErrorReporter.class);
        CommandLine cl = new CommandLine(VoduploadCommand.class, new GuiceFactory(injector));
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
