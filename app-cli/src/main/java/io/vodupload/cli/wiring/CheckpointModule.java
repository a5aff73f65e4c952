package io.vodupload.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.vodupload.adapters.local.JsonFileCheckpointStore;
import io.vodupload.cli.CliEnvironment;

/**
 * Binds {@link CheckpointStoreFactory} to adapters-local's JSON files (one per upload, written atomically,
 * owner-only, no secret, locked while an upload uses them). Opening a store does no I/O until it is used.
 * A damaged checkpoint the store discards is reported as one {@code vodupload: warning: ...} line on
 * stderr, whether or not {@code --debug} is on (stdout stays for results and JSON events).
 */
public final class CheckpointModule extends AbstractModule {

    @Provides
    CheckpointStoreFactory checkpointStores(CliEnvironment env) {
        return directory -> new JsonFileCheckpointStore(directory, line -> {
            env.err().println("vodupload: warning: " + line);
            env.err().flush();
        });
    }
}
