package io.vodupload.domain;

import static io.vodupload.domain.Fixture.OLD;
import static io.vodupload.domain.Fixture.PART;
import static io.vodupload.domain.Fixture.TARGET;
import static io.vodupload.domain.Fixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.UploadResult;
import io.vodupload.testkit.InMemoryCheckpointStore;
import io.vodupload.testkit.RecordingCallback.Success;
import io.vodupload.testkit.memory.Gate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoint writes run off the engine's lock: a slow store holds back neither parts nor the handle. */
class CheckpointWritesTest {

    @TempDir
    Path dir;

    @Test
    void upload_firstCheckpointWriteBlocked_partsAndCompleteGoOnAndCompletionWaitsForTheRemove() throws Exception {
        Fixture f = new Fixture(dir);
        SlowStore store = new SlowStore(0);
        Path file = f.file(4L * PART + 7);
        UploadHandle handle = f.uploader(store).start(f.request(file, Fixture.config().build()),
                CredentialsProvider.fixed(OLD), f.callback);
        assertThat(store.blocked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        // every part and the Complete went through while the first write (the empty checkpoint) is on "disk"
        awaitSucceeded(handle);
        assertThat(f.storage.objectBytes(TARGET)).isPresent();
        ProgressSnapshot progress = assertTimeoutPreemptively(Duration.ofSeconds(5), handle::progress);
        assertThat(progress.totalBytes()).isEqualTo(file.toFile().length());
        assertThat(handle.completion()).isNotDone();
        assertThat(f.callback.eventsOf(Success.class)).isEmpty();

        store.release.countDown();
        UploadResult result = handle.completion().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(result.partCount()).isEqualTo(5);
        // the four part checkpoints asked for while the first write ran were overtaken by the success's remove
        assertThat(store.inner.saves()).hasSize(1);
        assertThat(store.inner.saves().get(0).parts()).isEmpty();
        assertThat(store.inner.list()).isEmpty();
        f.callback.assertWellFormed();
    }

    @Test
    void pause_partCheckpointWriteBlocked_tokenComesOnlyOnceThatCheckpointIsStored() throws Exception {
        Fixture f = new Fixture(dir);
        SlowStore store = new SlowStore(1);
        Path file = f.file(3L * PART);
        Gate second = f.storage.holdPart(2);
        UploadHandle handle = f.uploader(store).start(f.request(file, Fixture.config().parallelism(1).build()),
                CredentialsProvider.fixed(OLD), f.callback);
        assertThat(store.blocked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(second.awaitArrival(WAIT)).isTrue();

        // the handle answers while part 1's checkpoint is being written
        CompletableFuture<ResumeToken> pausing = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> handle.pause().toCompletableFuture());
        CompletableFuture<Optional<Checkpoint>> storedWhenSettled = pausing.thenApply(
                token -> store.inner.list().stream().findFirst());
        second.open(); // part 2 stops at its next chunk: nothing is in flight any more
        assertThat(handle.state()).isEqualTo(UploadState.PAUSED);
        store.release.countDown();

        ResumeToken token = pausing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(token.parts()).extracting(CheckpointPart::partNumber).containsExactly(1);
        assertThat(storedWhenSettled.get(WAIT.toSeconds(), TimeUnit.SECONDS)).hasValueSatisfying(
                cp -> assertThat(cp.parts()).isEqualTo(token.parts()));
        handle.cancel();
        f.callback.awaitTerminal(WAIT);
    }

    /** The state says succeeded as soon as the Complete is answered; the completion waits for the checkpoint. */
    private static void awaitSucceeded(UploadHandle handle) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (assertTimeoutPreemptively(Duration.ofSeconds(5), handle::state) != UploadState.SUCCEEDED) {
            assertThat(System.nanoTime()).as("the upload did not succeed in time").isLessThan(deadline);
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Saves with at least {@code blockFromParts} parts wait for {@code release}; the rest is in memory. */
    private static final class SlowStore implements CheckpointStore {
        final InMemoryCheckpointStore inner = new InMemoryCheckpointStore();
        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final int blockFromParts;

        SlowStore(int blockFromParts) {
            this.blockFromParts = blockFromParts;
        }

        @Override
        public Optional<Checkpoint> find(String fingerprint) {
            return inner.find(fingerprint);
        }

        @Override
        public void save(Checkpoint checkpoint) {
            if (checkpoint.parts().size() >= blockFromParts) {
                blocked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            inner.save(checkpoint);
        }

        @Override
        public void remove(String fingerprint) {
            inner.remove(fingerprint);
        }

        @Override
        public List<Checkpoint> list() {
            return inner.list();
        }
    }
}
