package io.vodupload.cli.command;

import io.vodupload.cli.CliEnvironment;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --checkpoint-dir DIR}: where checkpoints are kept; default {@code ~/.vodupload/checkpoints}. */
public final class CheckpointDirOption {

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Where checkpoints are kept (default ~/.vodupload/checkpoints).")
    Path dir;

    /** The directory in use, absolute. */
    Path resolve(CliEnvironment env) {
        return dir != null ? env.resolve(dir) : defaultDir(env);
    }

    static Path defaultDir(CliEnvironment env) {
        return env.userHome().resolve(".vodupload").resolve("checkpoints").toAbsolutePath().normalize();
    }
}
