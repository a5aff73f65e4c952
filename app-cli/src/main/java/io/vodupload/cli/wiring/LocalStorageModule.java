package io.vodupload.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.vodupload.adapters.local.LocalObjectStorage;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.StorageTarget;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Wires adapters-local's {@link LocalObjectStorage} as the embedded store ({@link LocalStoreFactory}), the
 * target when no other is given. No I/O here: the store's directory is created when an upload opens it.
 */
public final class LocalStorageModule extends AbstractModule {

    /** Opening a store aborts its uploads untouched for {@link LocalObjectStorage#ABANDONED_UPLOAD_AGE}. */
    @Provides
    LocalStoreFactory localStores(Clock clock) {
        return root -> new Store(LocalObjectStorage.open(root, clock));
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
