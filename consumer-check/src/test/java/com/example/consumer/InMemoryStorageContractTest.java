package com.example.consumer;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.StorageTarget;
import io.vodupload.testkit.StorageFaults;
import io.vodupload.testkit.contract.ObjectStorageContract;
import io.vodupload.testkit.memory.InMemoryObjectStorage;

/** A user's storage runs VodUpload's contract suite (here the testkit's own in-memory storage stands in for it). */
class InMemoryStorageContractTest extends ObjectStorageContract {

    private static final Credentials GOOD = Credentials.of("consumer-key", "consumer-secret-1234");
    private final InMemoryObjectStorage storage = new InMemoryObjectStorage(GOOD);

    @Override
    protected ObjectStorage storage() {
        return storage;
    }

    @Override
    protected StorageTarget target(String key) {
        return StorageTarget.of("oss-cn-shanghai.aliyuncs.com", "consumer-bucket", key);
    }

    @Override
    protected Credentials credentials() {
        return GOOD;
    }

    @Override
    protected Credentials wrongSecretCredentials() {
        return Credentials.of("consumer-key", "not-the-secret-9876");
    }

    @Override
    protected StorageFaults faults() {
        return storage;
    }

    @Override
    protected byte[] readObject(StorageTarget target) {
        return storage.objectBytes(target).orElseThrow();
    }
}
