package io.vodupload.cli.wiring;

import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.StorageTarget;

import java.nio.file.Path;

/**
 * Opens the embedded local store ({@code ./vodupload-store} or {@code --store DIR}): the target form used
 * when no other is given. Bound by {@link LocalStorageModule}.
 */
public interface LocalStoreFactory {

    /** The store rooted at {@code root} (created if missing). */
    LocalStore open(Path root);

    /** An open local store: its storage port, how to name a target in it, and where an object lives. */
    interface LocalStore {

        /** The storage port over the store; the caller closes it. */
        ObjectStorage storage();

        /** The target for {@code key} in {@code bucket}. */
        StorageTarget target(String bucket, String key);

        /** The file an object of {@code target} is (or will be) stored in. */
        Path pathOf(StorageTarget target);
    }
}
