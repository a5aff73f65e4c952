package io.vodupload.cli.wiring;

import com.google.inject.AbstractModule;
import io.vodupload.adapters.local.JsonFileCheckpointStore;

/**
 * Binds {@link CheckpointStoreFactory} to adapters-local's JSON files (one per upload, written atomically,
 * owner-only, no secret). Opening a store does no I/O until it is used.
 */
public final class CheckpointModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(CheckpointStoreFactory.class).toInstance(JsonFileCheckpointStore::new);
    }
}
