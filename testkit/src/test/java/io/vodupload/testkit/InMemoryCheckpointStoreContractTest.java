package io.vodupload.testkit;

import io.vodupload.ports.CheckpointStore;
import io.vodupload.testkit.contract.CheckpointStoreContract;

/** The in-memory store keeps no stored form: the damage and stored-form cases are skipped. */
class InMemoryCheckpointStoreContractTest extends CheckpointStoreContract {

    private final InMemoryCheckpointStore store = new InMemoryCheckpointStore();

    @Override
    protected CheckpointStore store() {
        return store;
    }
}
