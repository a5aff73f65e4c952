package io.vodupload.adapters.oss;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.StorageTarget;
import io.vodupload.testkit.StorageFaults;
import io.vodupload.testkit.contract.ObjectStorageContract;
import io.vodupload.testkit.oss.OssCredentials;
import io.vodupload.testkit.oss.OssObject;
import io.vodupload.testkit.oss.OssServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

import java.util.Optional;

/**
 * The storage contract suite against the testkit OSS server in-process, signed with an STS token: once
 * with signature V1 (the target names no region) and once with V4 (it does).
 */
class OssObjectStorageContractTest {

    static final String BUCKET = "media";
    static final Credentials CREDENTIALS = Credentials.sts("STS.contract", "contract-secret-value",
            "contract-token-value", null);
    static final Credentials WRONG_SECRET = Credentials.sts("STS.contract", "not-the-secret",
            "contract-token-value", null);

    static OssServer server;
    static OssObjectStorage storage;

    @BeforeAll
    static void start() {
        server = OssServer.builder().bucket(BUCKET)
                .credentials(OssCredentials.sts(CREDENTIALS.accessKeyId(), CREDENTIALS.accessKeySecret(),
                        CREDENTIALS.securityToken().orElseThrow()))
                .start();
        storage = OssObjectStorage.create();
    }

    @AfterAll
    static void stop() {
        storage.close();
        server.close();
    }

    abstract static class AgainstTheServer extends ObjectStorageContract {

        @Override
        protected ObjectStorage storage() {
            return storage;
        }

        @Override
        protected Credentials credentials() {
            return CREDENTIALS;
        }

        @Override
        protected Credentials wrongSecretCredentials() {
            return WRONG_SECRET;
        }

        @Override
        protected StorageFaults faults() {
            return server.storageFaults();
        }

        @Override
        protected byte[] readObject(StorageTarget target) {
            Optional<OssObject> stored = server.object(target.bucket(), target.key());
            return stored.orElseThrow(() -> new AssertionError("not stored: " + target.displayName())).bytes();
        }
    }

    @Nested
    class SignatureV1 extends AgainstTheServer {
        @Override
        protected StorageTarget target(String key) {
            return StorageTarget.of(server.endpoint().toString(), BUCKET, key);
        }
    }

    @Nested
    class SignatureV4 extends AgainstTheServer {
        @Override
        protected StorageTarget target(String key) {
            return StorageTarget.of(server.endpoint().toString(), BUCKET, key).withRegion(server.region());
        }
    }
}
