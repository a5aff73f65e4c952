package io.vodupload.cli.wiring;

import io.vodupload.cli.options.Transport;
import io.vodupload.ports.ObjectStorage;

/**
 * Builds the storage adapter of one {@link Transport} for a run. Each adapter's Guice module contributes
 * one to the map keyed by {@link Transport}; the command picks the one its flags ask for. Building does the
 * I/O that {@code configure()} must not (connection pools, directories).
 */
public interface StorageBackend {

    /**
     * A new storage adapter; the caller closes it.
     *
     * @throws IllegalArgumentException naming the bad setting
     */
    ObjectStorage open(StorageSettings settings);
}
