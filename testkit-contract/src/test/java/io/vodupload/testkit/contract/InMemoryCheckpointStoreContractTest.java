package io.vodupload.testkit.contract;

import io.vodupload.ports.CheckpointStore;
import io.vodupload.testkit.InMemoryCheckpointStore;

/** The in-memory store keeps no stored form: the damage and stored-form cases are skipped. */
class InMemoryCheckpointStoreContractTest extends CheckpointStoreContract {

    private final InMemoryCheckpointStore store = new InMemoryCheckpointStore();

    @Override
    protected CheckpointStore store() {
        return store;
    }
}
