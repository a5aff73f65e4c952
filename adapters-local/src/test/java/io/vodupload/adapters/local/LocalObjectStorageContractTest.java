package io.vodupload.adapters.local;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.StorageTarget;
import io.vodupload.testkit.StorageFaults;
import io.vodupload.testkit.contract.ObjectStorageContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The storage contract against the local filesystem store. It accepts any credentials by design, so the
 * wrong-secret case is skipped; of the faults only "forget an upload" applies (its staging directory is
 * removed, as an abort elsewhere would); the network faults have no meaning here and are skipped.
 */
class LocalObjectStorageContractTest extends ObjectStorageContract {

    private Path root;
    private LocalObjectStorage store;

    @BeforeEach
    void openStore() throws IOException {
        root = Files.createTempDirectory("vodupload-local-contract");
        store = LocalObjectStorage.open(root);
    }

    @AfterEach
    void closeStore() throws IOException {
        store.close();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    protected ObjectStorage storage() {
        return store;
    }

    @Override
    protected StorageTarget target(String key) {
        return store.target("contract-bucket", key);
    }

    @Override
    protected Credentials credentials() {
        return Credentials.of("local-ak", "local-secret-not-checked");
    }

    @Override
    protected Credentials wrongSecretCredentials() {
        return Credentials.of("local-ak", "another-secret-not-checked");
    }

    @Override
    protected boolean checksCredentials() {
        return false;
    }

    @Override
    protected StorageFaults faults() {
        return new StorageFaults() {
            @Override
            public void failNext(Operation operation, int httpStatus, String errorCode) {
                throw new UnsupportedOperationException("the local store has no network to fail");
            }

            @Override
            public void resetConnectionOnNext(Operation operation) {
                throw new UnsupportedOperationException("the local store has no connection to reset");
            }

            @Override
            public void expireCredentials() {
                throw new UnsupportedOperationException("the local store does not check credentials");
            }

            @Override
            public void forgetUpload(String uploadId) {
                Path staging = root.resolve(".vodupload").resolve("uploads").resolve(uploadId);
                try (Stream<Path> paths = Files.walk(staging)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void clear() {
            }
        };
    }

    @Override
    protected byte[] readObject(StorageTarget target) throws IOException {
        return Files.readAllBytes(root.resolve(target.bucket()).resolve(target.key()));
    }
}
