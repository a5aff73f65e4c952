package io.vodupload.it;

import static io.vodupload.it.Uploads.SMALL_FILE;
import static io.vodupload.it.Uploads.SMALL_PART;
import static io.vodupload.it.Uploads.SMALL_PARTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.adapters.local.JsonFileCheckpointStore;
import io.vodupload.domain.ResumeToken;
import io.vodupload.domain.UploadHandle;
import io.vodupload.domain.UploadState;
import io.vodupload.domain.Uploader;
import io.vodupload.it.RecordingStorage.Outcome;
import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.StorageTarget;
import io.vodupload.testkit.RecordingCallback;
import io.vodupload.testkit.RecordingCallback.Canceled;
import io.vodupload.testkit.RecordingCallback.Started;
import io.vodupload.testkit.RecordingCallback.Success;
import io.vodupload.testkit.oss.OssOperation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault matrix, user controls: pause keeps the storage upload and the checkpoint and a resume in the same
 * process finishes without sending a finished part again; cancel aborts the storage upload and removes
 * the checkpoint.
 */
class PauseCancelTest {

    @TempDir
    Path dir;

    @Test
    void pause_midUpload_keepsUploadAndCheckpointAndResumeFinishesWithoutResendingFinishedParts() throws Exception {
        Path file = TestFiles.random(dir.resolve("a.bin"), SMALL_FILE, 61);
        try (Rig rig = Rig.start()) {
            SavesSeen store = new SavesSeen(new JsonFileCheckpointStore(dir.resolve("checkpoints")));
            CompletableFuture<UploadHandle> handleRef = new CompletableFuture<>();
            CountDownLatch paused = new CountDownLatch(1);
            CompletableFuture<CompletionStage<ResumeToken>> pauseTaken = new CompletableFuture<>();
            RecordingStorage storage = new RecordingStorage(rig.storage(Rig.Signature.V4, Duration.ofSeconds(20)))
                    .afterFinishedPart(finished -> {
                        if (finished == 4) {
                            pauseTaken.complete(handleRef.join().pause());
                            paused.countDown();
                        }
                    });
            Uploader uploader = rig.uploader(storage, store);
            StorageTarget target = rig.target("controls/pause.bin", Rig.Signature.V4);
            RecordingCallback callback = new RecordingCallback();

            UploadHandle handle = uploader.start(Uploads.request(file, target, SMALL_PART, 3),
                    CredentialsProvider.fixed(Rig.first()), callback);
            handleRef.complete(handle);
            assertThat(paused.await(30, TimeUnit.SECONDS)).isTrue();
            ResumeToken token = pauseTaken.join().toCompletableFuture().get(10, TimeUnit.SECONDS); // settled
            // settled: no transfer running, and every part that came back finished is in the checkpoint
            assertThat(storage.awaitNoneInFlight(10_000)).as("transfers in flight stopped or ended").isTrue();
            int finished = (int) storage.partCalls().stream().filter(c -> c.outcome() == Outcome.FINISHED).count();
            assertThat(finished).isBetween(4, SMALL_PARTS - 1);
            assertThat(store.awaitSaved(finished, 10_000)).as("checkpoint saved with every finished part").isTrue();
            assertThat(handle.state()).isEqualTo(UploadState.PAUSED);
            String uploadId = callback.eventsOf(Started.class).get(0).info().uploadId().orElseThrow();
            assertThat(rig.server.uploadIds()).as("pause keeps the storage upload").contains(uploadId);
            assertThat(store.list()).as("pause keeps the checkpoint").singleElement()
                    .satisfies(cp -> assertThat(cp.parts()).hasSize(finished));
            assertThat(handle.progress().partsDone()).isEqualTo(finished);
            assertThat(handle.progress().confirmedBytes()).isEqualTo(token.bytesDone());
            assertThat(token.parts()).as("the token lists the parts stored").hasSize(finished);
            assertThat(handle.progress().sentBytes()).isLessThan(SMALL_FILE);
            assertThat(callback.eventsOf(Success.class)).isEmpty();

            assertThat(handle.resume()).isTrue();
            handle.completion().get(60, TimeUnit.SECONDS);

            Callbacks.assertSucceeded(callback, SMALL_FILE);
            assertThat(storage.resendsOfFinishedParts()).as("finished parts sent again").isEmpty();
            assertThat(rig.server.stats().partAttempts(uploadId)).hasSize(SMALL_PARTS);
            assertThat(rig.server.stats().partAttempts(uploadId).values().stream().mapToInt(Integer::intValue).sum())
                    .as("server attempts = client calls (finished, plus any stopped by the pause)")
                    .isEqualTo(storage.partCalls().size());
            assertThat(storage.partCalls().stream().filter(c -> c.outcome() == Outcome.FINISHED).count())
                    .isEqualTo(SMALL_PARTS);
            rig.awaitUploadsQuiet();
            assertThat(store.list()).as("checkpoints after success").isEmpty();
            rig.assertSignedOnlyWith(Rig.Signature.V4);
            rig.assertObjectEquals(target.key(), file);
        }
    }

    @Test
    void cancel_midUpload_abortsTheServerUploadAndRemovesTheCheckpoint() throws Exception {
        Path file = TestFiles.random(dir.resolve("b.bin"), SMALL_FILE, 62);
        try (Rig rig = Rig.start()) {
            JsonFileCheckpointStore store = new JsonFileCheckpointStore(dir.resolve("checkpoints"));
            CompletableFuture<UploadHandle> handleRef = new CompletableFuture<>();
            AtomicBoolean cancelTaken = new AtomicBoolean();
            RecordingStorage storage = new RecordingStorage(rig.storage(Rig.Signature.V1, Duration.ofSeconds(20)))
                    .afterFinishedPart(finished -> {
                        if (finished == 3) {
                            cancelTaken.set(handleRef.join().cancel());
                        }
                    });
            Uploader uploader = rig.uploader(storage, store);
            StorageTarget target = rig.target("controls/cancel.bin", Rig.Signature.V1);
            RecordingCallback callback = new RecordingCallback();

            UploadHandle handle = uploader.start(Uploads.request(file, target, SMALL_PART, 2),
                    CredentialsProvider.fixed(Rig.first()), callback);
            handleRef.complete(handle);
            callback.awaitTerminal(Duration.ofSeconds(30));

            assertThat(cancelTaken).isTrue();
            callback.assertWellFormed();
            assertThat(callback.events().get(0)).isInstanceOf(Started.class);
            assertThat(callback.events().get(callback.events().size() - 1)).isInstanceOf(Canceled.class);
            // the future is cancelled right after onUploadCanceled has been delivered
            assertThatThrownBy(() -> handle.completion().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(CancellationException.class);
            assertThat(handle.completion()).isCancelled();
            assertThat(handle.state()).isEqualTo(UploadState.CANCELED);
            String uploadId = callback.eventsOf(Started.class).get(0).info().uploadId().orElseThrow();
            assertThat(rig.server.uploadIds()).as("multipart uploads left on the server").isEmpty();
            assertThat(rig.server.partNumbers(uploadId)).as("the aborted upload's parts").isEmpty();
            assertThat(rig.server.object(Rig.BUCKET, target.key())).as("the object").isEmpty();
            rig.awaitUploadsQuiet();
            assertThat(store.list()).as("checkpoints").isEmpty();
            assertThat(rig.server.stats().requests(OssOperation.ABORT_MULTIPART))
                    .isGreaterThanOrEqualTo(1);
        }
    }

    /** A checkpoint store that lets a test wait until a checkpoint with N parts has been saved. */
    private static final class SavesSeen implements CheckpointStore {
        private final CheckpointStore delegate;
        private int mostParts;

        SavesSeen(CheckpointStore delegate) {
            this.delegate = delegate;
        }

        synchronized boolean awaitSaved(int parts, long millis) throws InterruptedException {
            long deadline = System.nanoTime() + millis * 1_000_000;
            while (mostParts < parts) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
            return true;
        }

        @Override
        public Optional<Checkpoint> find(String fingerprint) {
            return delegate.find(fingerprint);
        }

        @Override
        public void save(Checkpoint checkpoint) {
            delegate.save(checkpoint);
            synchronized (this) {
                mostParts = Math.max(mostParts, checkpoint.parts().size());
                notifyAll();
            }
        }

        @Override
        public void remove(String fingerprint) {
            delegate.remove(fingerprint);
        }

        @Override
        public List<Checkpoint> list() {
            return delegate.list();
        }
    }
}
