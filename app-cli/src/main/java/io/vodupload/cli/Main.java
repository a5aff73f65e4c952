package io.vodupload.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.vodupload.cli.options.Transport;
import io.vodupload.cli.output.ErrorReporter;
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
        configureLogging(java.util.Arrays.asList(args).contains("--debug"));
        Injector injector = Guice.createInjector(modules(CliEnvironment.system()));
        int code = execute(injector, args);
        injector.getInstance(ProcessExit.class).report(code);
        System.exit(code);
    }

    /**
     * Vendor loggers held at INFO even with {@code --debug}: at FINE, HttpClient 5 (through slf4j-jdk14) logs request
     * headers, which carry the signature and the STS token, and aliyun-sdk-oss's HttpClient 4 (through
     * commons-logging) the same. Held here because java.util.logging keeps loggers only weakly: a level set on a
     * logger nobody references is lost when it is collected.
     */
    private static final List<java.util.logging.Logger> VENDOR_LOGGERS = List.of(
            java.util.logging.Logger.getLogger("org.apache.hc"),
            java.util.logging.Logger.getLogger("org.apache.http"),
            java.util.logging.Logger.getLogger("com.aliyun"));

    /**
     * Every stack ends in java.util.logging: the libraries' {@link System.Logger}, HttpClient 5's SLF4J (through
     * the bundled slf4j-jdk14) and aliyun-sdk-oss's commons-logging. The command reports what matters itself,
     * one line per problem, so their records are shown only with {@code --debug}, as one line each on stderr
     * (vendor loggers at INFO at most, see {@link #VENDOR_LOGGERS}).
     */
    static void configureLogging(boolean debug) {
        java.util.logging.LogManager.getLogManager().reset();
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        if (!debug) {
            root.setLevel(java.util.logging.Level.OFF);
            return;
        }
        java.util.logging.ConsoleHandler handler = new java.util.logging.ConsoleHandler();
        handler.setLevel(java.util.logging.Level.FINE);
        handler.setFormatter(new java.util.logging.Formatter() {
            @Override
            public String format(java.util.logging.LogRecord r) {
                String message = formatMessage(r);
                StringBuilder line = new StringBuilder("vodupload: debug: ").append(r.getLevel()).append(' ')
                        .append(r.getLoggerName()).append(": ").append(message).append(System.lineSeparator());
                if (r.getThrown() != null) {
                    java.io.StringWriter trace = new java.io.StringWriter();
                    r.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                    line.append(trace);
                }
                return line.toString();
            }
        });
        root.addHandler(handler);
        root.setLevel(java.util.logging.Level.FINE);
        VENDOR_LOGGERS.forEach(vendor -> vendor.setLevel(java.util.logging.Level.INFO));
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
        return cl;
    }
}
