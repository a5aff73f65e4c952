package io.vodupload.cli.wiring;

import io.vodupload.adapters.local.JsonFileCheckpointStore;
import io.vodupload.cli.CliEnvironment;
import io.vodupload.ports.CheckpointStore;

import java.nio.file.Path;
import java.util.Objects;

/**
 * adapters-local's JSON files as the {@link CheckpointStoreFactory} (one file per upload, written atomically,
 * owner-only, no secret, locked while an upload uses them), made by {@link CoreWiring} and bound by
 * {@link CheckpointModule}. A damaged checkpoint the store discards is reported as one
 * {@code vodupload: warning: ...} line on stderr, whether or not {@code --debug} is on (stdout stays for
 * results and JSON events). Opening a store does no I/O until it is used. Thread-safe.
 */
final class JsonCheckpointStores implements CheckpointStoreFactory {

    private final CliEnvironment env;

    JsonCheckpointStores(CliEnvironment env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public CheckpointStore open(Path directory) {
        return new JsonFileCheckpointStore(directory, line -> {
            env.err().println("vodupload: warning: " + line);
            env.err().flush();
        });
    }
}
