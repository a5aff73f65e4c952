package io.vodupload.adapters.http;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.SignatureVersion;
import io.vodupload.ports.StorageTarget;
import io.vodupload.testkit.StorageFaults;
import io.vodupload.testkit.contract.ObjectStorageContract;
import io.vodupload.testkit.oss.OssCredentials;
import io.vodupload.testkit.oss.OssServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The storage contract against adapters-http talking real HTTP to the testkit OSS server, which checks
 * every signature and token: once with signature V4 and an STS token, once with V1 and a long-term key.
 */
class HttpObjectStorageContractTest {

    private static final String BUCKET = "contract";

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class OverServer extends ObjectStorageContract {

        private OssServer server;
        private HttpObjectStorage storage;

        abstract Credentials accepted();

        abstract OssCredentials serverSide();

        abstract SignatureVersion signature();

        @BeforeAll
        void start() {
            server = OssServer.builder().bucket(BUCKET).credentials(serverSide()).start();
            storage = HttpObjectStorage.builder()
                    .signatureVersion(signature())
                    .region(server.region())
                    .responseTimeout(Duration.ofSeconds(5))
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
        }

        @AfterAll
        void stop() {
            storage.close();
            server.close();
        }

        @Override
        protected ObjectStorage storage() {
            return storage;
        }

        @Override
        protected StorageTarget target(String key) {
            return new StorageTarget(server.endpoint(), BUCKET, key, Optional.of(server.region()));
        }

        @Override
        protected Credentials credentials() {
            return accepted();
        }

        @Override
        protected Credentials wrongSecretCredentials() {
            Credentials ok = accepted();
            return new Credentials(ok.accessKeyId(), "wrong-" + ok.accessKeySecret(), ok.securityToken(),
                    ok.expiration());
        }

        @Override
        protected StorageFaults faults() {
            return server.storageFaults();
        }

        @Override
        protected byte[] readObject(StorageTarget target) {
            return server.object(target.bucket(), target.key()).orElseThrow().bytes();
        }
    }

    @Nested
    class V4WithStsToken extends OverServer {
        @Override
        Credentials accepted() {
            return Credentials.sts("STS.contract-ak", "contract-sts-secret", "contract-sts-token",
                    Instant.parse("2099-01-01T00:00:00Z"));
        }

        @Override
        OssCredentials serverSide() {
            return OssCredentials.sts("STS.contract-ak", "contract-sts-secret", "contract-sts-token");
        }

        @Override
        SignatureVersion signature() {
            return SignatureVersion.V4;
        }
    }

    @Nested
    class V1WithLongTermKey extends OverServer {
        @Override
        Credentials accepted() {
            return Credentials.of("contract-ak", "contract-secret");
        }

        @Override
        OssCredentials serverSide() {
            return OssCredentials.of("contract-ak", "contract-secret");
        }

        @Override
        SignatureVersion signature() {
            return SignatureVersion.V1;
        }
    }
}
