package io.vodupload.cli.command;

import picocli.CommandLine.Option;

import java.util.Optional;

/** {@code --queue JDBC_URL}: the batch queue's database, a secret (a password may be in it; never echoed). */
public final class QueueOption {

    @Option(names = "--queue", paramLabel = "JDBC_URL",
            description = "The batch queue's database (default: $VODUPLOAD_QUEUE, else <checkpoint dir>/batches.db).")
    String url;

    /** The URL given, when given. */
    Optional<String> value() {
        return Optional.ofNullable(url);
    }
}
