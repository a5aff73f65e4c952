package io.vodupload.testkit.contract;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.StorageTarget;
import io.vodupload.testkit.StorageFaults;
import io.vodupload.testkit.memory.InMemoryObjectStorage;

class InMemoryObjectStorageContractTest extends ObjectStorageContract {

    private static final Credentials GOOD = Credentials.sts("STS.contract", "contract-secret-1234",
            "contract-token-abcd", null);
    private final InMemoryObjectStorage storage = new InMemoryObjectStorage(GOOD);

    @Override
    protected ObjectStorage storage() {
        return storage;
    }

    @Override
    protected StorageTarget target(String key) {
        return StorageTarget.of("oss-cn-shanghai.aliyuncs.com", "contract-bucket", key);
    }

    @Override
    protected Credentials credentials() {
        return GOOD;
    }

    @Override
    protected Credentials wrongSecretCredentials() {
        return Credentials.sts("STS.contract", "not-the-secret-9876", "contract-token-abcd", null);
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
