package io.vodupload.cli.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.CliException;
import io.vodupload.cli.Exit;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reports what goes wrong outside an upload's own callbacks, as the contract asks: one line on stderr that
 * names the bad value (a stack trace only with {@code --debug}), a {@code failed} event on stdout with
 * {@code --json}, and the exit code. It is picocli's handler for bad arguments (exit 2) and for exceptions a
 * command throws ({@link CliException} carries its own exit code; anything else is exit 1).
 */
public final class ErrorReporter implements CommandLine.IParameterExceptionHandler,
        CommandLine.IExecutionExceptionHandler {

    private final CliEnvironment env;
    // providers: only a --json error needs them, and --version or a usage error must not build the wiring
    private final Provider<ObjectMapper> mapper;
    private final Provider<Clock> clock;

    @Inject
    ErrorReporter(CliEnvironment env, Provider<ObjectMapper> mapper, Provider<Clock> clock) {
        this.env = Objects.requireNonNull(env, "env");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        String command = ex.getCommandLine().getCommandSpec().qualifiedName();
        report(List.of(args), "InvalidArgument", ParseErrors.describe(ex, List.of(args)), null);
        env.err().println("Try '" + command + " --help' for usage.");
        env.err().flush();
        return Exit.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine,
                                        CommandLine.ParseResult parseResult) {
        List<String> args = parseResult.originalArgs();
        if (ex instanceof CliException) {
            CliException c = (CliException) ex;
            report(args, c.code(), c.getMessage() == null ? "" : c.getMessage().strip(), c);
            return c.exitCode();
        }
        report(args, "InternalError", "unexpected error: " + oneLine(String.valueOf(ex)), ex);
        return Exit.FAILED;
    }

    /**
     * Writes the error line (and the JSON event when {@code --json} was given).
     *
     * @param cause shown as a stack trace with {@code --debug}, may be null
     */
    public void report(List<String> args, String code, String message, Throwable cause) {
        if (args.contains("--json")) {
            new JsonEventWriter(env.out(), mapper.get(), clock.get(), Optional.empty()).failed(code, message);
        }
        env.err().println("vodupload: " + HumanText.escape(message));
        if (cause != null && args.contains("--debug")) {
            StringWriter trace = new StringWriter();
            cause.printStackTrace(new PrintWriter(trace));
            env.err().print(trace);
        }
        env.err().flush();
    }

    public static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        return Arrays.stream(message.split("\\R")).map(String::strip).filter(s -> !s.isEmpty())
                .reduce((a, b) -> a + "; " + b).orElse("");
    }
}
