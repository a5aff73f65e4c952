package io.vodupload.cli.wiring;

import io.vodupload.ports.CheckpointStore;

import java.nio.file.Path;

/**
 * Opens the checkpoint store in a directory ({@code --checkpoint-dir}). Bound by the local adapter's Guice
 * module (JSON files, one per upload, owner-only, no secret).
 */
public interface CheckpointStoreFactory {

    /** The store in {@code directory}, created on first save. */
    CheckpointStore open(Path directory);
}
