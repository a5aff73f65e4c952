package io.vodupload.it;

import static io.vodupload.it.Uploads.SMALL_FILE;
import static io.vodupload.it.Uploads.SMALL_PART;
import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.adapters.local.JsonFileCheckpointStore;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.StorageTarget;
import io.vodupload.testkit.RecordingCallback;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What must be true by the time an application hears of success: the checkpoint is gone. A command-line
 * tool exits right after {@code completion().join()}; if the checkpoint were removed only afterwards,
 * the process could end first and leave a checkpoint of a finished upload behind, and the next upload of
 * the same file would try to resume an upload that no longer exists and send the whole file again.
 */
class UploadOrderingTest {

    @TempDir
    Path dir;

    @Test
    void success_checkpointIsRemovedBeforeOnUploadSuccess() throws Exception {
        Path file = TestFiles.random(dir.resolve("a.bin"), SMALL_FILE, 41);
        JsonFileCheckpointStore real = new JsonFileCheckpointStore(dir.resolve("checkpoints"));
        CountDownLatch successDelivered = new CountDownLatch(1);
        AtomicBoolean removed = new AtomicBoolean();
        // holds the removal until the success has been delivered (or a second has passed): if the product
        // removes first, the success waits for it; if it notifies first, the success sees no removal
        CheckpointStore gated = new CheckpointStore() {
            @Override
            public Optional<Checkpoint> find(String fingerprint) {
                return real.find(fingerprint);
            }

            @Override
            public void save(Checkpoint checkpoint) {
                real.save(checkpoint);
            }

            @Override
            public void remove(String fingerprint) {
                try {
                    successDelivered.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                real.remove(fingerprint);
                removed.set(true);
            }

            @Override
            public List<Checkpoint> list() {
                return real.list();
            }
        };
        try (Rig rig = Rig.start()) {
            Uploader uploader = rig.uploader(rig.storage(Rig.Signature.V1, Duration.ofSeconds(20)), gated);
            StorageTarget target = rig.target("ordering/a.bin", Rig.Signature.V1);
            AtomicReference<Boolean> removedAtSuccess = new AtomicReference<>();
            RecordingCallback callback = new RecordingCallback().onEvent(e -> {
                if (e instanceof RecordingCallback.Success) {
                    removedAtSuccess.set(removed.get());
                    successDelivered.countDown();
                }
            });

            uploader.start(Uploads.request(file, target, SMALL_PART, 2), CredentialsProvider.fixed(Rig.first()),
                    callback).completion().get(60, TimeUnit.SECONDS);

            Callbacks.assertSucceeded(callback, SMALL_FILE);
            assertThat(removedAtSuccess.get()).as("checkpoint removed when onUploadSuccess ran").isTrue();
        }
    }
}
