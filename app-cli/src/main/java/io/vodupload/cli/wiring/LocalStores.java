package io.vodupload.cli.wiring;

import io.vodupload.adapters.local.LocalObjectStorage;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.StorageTarget;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * adapters-local's {@link LocalObjectStorage} as the embedded store: the one {@link LocalStoreFactory}, made
 * by {@link CoreWiring} and bound by {@link LocalStorageModule}. Opening a store aborts its uploads untouched
 * for {@link LocalObjectStorage#ABANDONED_UPLOAD_AGE}. Stateless and thread-safe.
 */
final class LocalStores implements LocalStoreFactory {

    private final Clock clock;

    LocalStores(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public LocalStore open(Path root) {
        return new Store(LocalObjectStorage.open(root, clock));
    }

    private static final class Store implements LocalStoreFactory.LocalStore {

        private final LocalObjectStorage storage;

        Store(LocalObjectStorage storage) {
            this.storage = storage;
        }

        @Override
        public ObjectStorage storage() {
            return storage;
        }

        @Override
        public StorageTarget target(String bucket, String key) {
            return storage.target(bucket, key);
        }

        @Override
        public Path pathOf(StorageTarget target) {
            Path p = storage.root().resolve(target.bucket());
            for (String segment : target.key().split("/")) {
                p = p.resolve(segment);
            }
            return p;
        }
    }
}
