package io.vodupload.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.vodupload.cli.CliEnvironment;

/**
 * Binds {@link CheckpointStoreFactory} to adapters-local's JSON files ({@link JsonCheckpointStores}). (A
 * single upload gets the same factory from {@link CoreWiring}, without the injector.)
 */
public final class CheckpointModule extends AbstractModule {

    @Provides
    CheckpointStoreFactory checkpointStores(CliEnvironment env) {
        return new JsonCheckpointStores(env);
    }
}
