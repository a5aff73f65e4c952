package io.vodupload.cli.command;

import picocli.CommandLine.Option;

/** Options every subcommand takes: output format and verbosity. */
public final class GlobalOptions {

    @Option(names = "--json", description = "Newline-delimited JSON on stdout (events for upload, results otherwise).")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress or summary; errors are still reported on stderr.")
    boolean quiet;

    @Option(names = "--debug", description = "Show stack traces and debug detail with errors.")
    boolean debug;

    public boolean json() {
        return json;
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean debug() {
        return debug;
    }
}
