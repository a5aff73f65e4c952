package io.vodupload.domain;

import static io.vodupload.domain.Fixture.OLD;
import static io.vodupload.domain.Fixture.PART;
import static io.vodupload.domain.Fixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.PartBody;
import io.vodupload.ports.ObjectInfo;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.ObjectReceipt;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;
import io.vodupload.ports.UploadResult;
import io.vodupload.testkit.RecordingCallback;
import io.vodupload.testkit.RecordingCallback.Failed;
import io.vodupload.testkit.RecordingCallback.Success;
import io.vodupload.testkit.StorageFaults.Operation;
import io.vodupload.testkit.memory.Gate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The uploader's lifecycle: close, the completion future, pause into a token and resume elsewhere. */
class LifecycleTest {

    @TempDir
    Path dir;

    @Test
    void close_withUploadsRunningPausedAndDone_endsThemAllAndLeavesNoThreadBehind() throws Exception {
        Fixture f = new Fixture(dir);
        Set<Thread> baseline = new HashSet<>(Thread.getAllStackTraces().keySet());
        Uploader uploader = f.uploader();
        RecordingCallback running = new RecordingCallback();
        RecordingCallback paused = new RecordingCallback();
        RecordingCallback done = new RecordingCallback();

        UploadHandle finished = uploader.start(f.request(f.file("done.bin", 2L * PART, 1), Fixture.config().build()),
                CredentialsProvider.fixed(OLD), done);
        finished.completion().get(20, TimeUnit.SECONDS);
        Gate gate = f.storage.holdPart(2);
        UploadHandle a = uploader.start(UploadRequest.builder(f.file("a.bin", 3L * PART, 2), Fixture.TARGET.withKey("a"))
                .config(Fixture.config().parallelism(1).build()).build(), CredentialsProvider.fixed(OLD), running);
        assertThat(gate.awaitArrival(WAIT)).isTrue();
        java.util.concurrent.atomic.AtomicReference<UploadHandle> bRef = new java.util.concurrent.atomic.AtomicReference<>();
        paused.onEvent(e -> {
            if (e instanceof RecordingCallback.Started) {
                bRef.get().pause(); // early, so that b is still transferring
            }
        });
        UploadHandle b = uploader.start(UploadRequest.builder(f.file("b.bin", 20L * PART, 3), Fixture.TARGET.withKey("b"))
                .config(Fixture.config().parallelism(1).build()).build(), CredentialsProvider.fixed(OLD), h -> {
                    bRef.set(h);
                    return paused;
                });
        b.pause().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(b.progress().confirmedBytes()).isLessThan(20L * PART);
        assertThat(threadsBesides(baseline)).isNotEmpty();

        Thread closer = new Thread(uploader::close, "closer");
        closer.start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (a.state() != UploadState.CANCELING && a.state() != UploadState.CANCELED
                && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // close() has canceled a; its held part must come back before close returns
        }
        assertThat(a.state()).isIn(UploadState.CANCELING, UploadState.CANCELED);
        assertThat(a.completion()).as("a's outcome while its part is still in flight").isNotDone();
        assertThat(closer.isAlive()).as("close() waits for the part in flight").isTrue();
        gate.open();
        closer.join(WAIT.toMillis());
        assertThat(closer.isAlive()).isFalse();

        assertThat(running.awaitTerminal(WAIT)).isInstanceOf(RecordingCallback.Canceled.class);
        assertThat(a.completion()).isCancelled();
        assertThat(paused.awaitTerminal(WAIT)).isInstanceOfSatisfying(Failed.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERRUPTED.code()));
        assertThat(f.storage.uploadsInProgress()).as("the canceled upload aborted, the paused one kept").hasSize(1);
        assertThat(f.checkpoints.list()).as("the paused upload keeps its checkpoint").hasSize(1);
        for (Thread t : threadsBesides(baseline)) {
            t.join(WAIT.toMillis());
        }
        assertThat(threadsBesides(baseline)).as("threads left after close").isEmpty();
        assertThatThrownBy(() -> uploader.start(f.request(f.file(1000), Fixture.config().build()),
                CredentialsProvider.fixed(OLD), new RecordingCallback())).isInstanceOf(IllegalStateException.class);
        uploader.close(); // idempotent
    }

    private static List<Thread> threadsBesides(Set<Thread> baseline) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !baseline.contains(t) && t.isAlive() && t.getName().startsWith("vodupload-")).toList();
    }

    @Test
    void close_manyUploadsOnAGivenExecutor_sharesItAndDoesNotShutItDown() throws Exception {
        Fixture f = new Fixture(dir);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            AtomicInteger ran = new AtomicInteger();
            Uploader uploader = Uploader.builder(f.storage).clock(f.clock).sleeper(f.sleeper)
                    .executor(task -> {
                        ran.incrementAndGet();
                        pool.execute(task);
                    }).build();
            for (int i = 0; i < 3; i++) {
                uploader.start(UploadRequest.builder(f.file("m" + i + ".bin", 2L * PART + i, i),
                                Fixture.TARGET.withKey("m" + i)).config(Fixture.config().build()).build(),
                        CredentialsProvider.fixed(OLD), new RecordingCallback()).completion().get(20, TimeUnit.SECONDS);
            }
            uploader.close();

            assertThat(ran.get()).as("storage calls ran on the given executor").isGreaterThanOrEqualTo(3 * 4);
            assertThat(pool.isShutdown()).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void completion_afterAFailureWithoutCheckpoints_completesOnlyOnceTheAbortHasReturned() throws Exception {
        Fixture f = new Fixture(dir);
        Holding storage = new Holding(f.storage, Operation.ABORT_MULTIPART);
        f.storage.failPart(2, 1, StorageException.Kind.FATAL);
        Uploader uploader = Uploader.builder(storage).checkpointStore(CheckpointStore.NONE).clock(f.clock)
                .sleeper(f.sleeper).build();

        UploadHandle handle = uploader.start(f.request(f.file(3L * PART), Fixture.config().parallelism(1).build()),
                CredentialsProvider.fixed(OLD), f.callback);
        assertThat(storage.arrived.await(20, TimeUnit.SECONDS)).as("the cleanup abort started").isTrue();
        assertThat(handle.completion()).as("completion while the abort runs").isNotDone();
        assertThat(f.callback.terminalCount()).as("terminal callbacks while the abort runs").isZero();
        storage.release.countDown();

        assertThatThrownBy(() -> handle.completion().get(20, TimeUnit.SECONDS))
                .hasCauseInstanceOf(UploadFailedException.class);
        f.storage.close(); // the application closes its storage as soon as it hears of the outcome
        uploader.close();

        assertThat(f.storage.statistics().requests(Operation.ABORT_MULTIPART)).isEqualTo(1);
        assertThat(f.storage.uploadsInProgress()).as("orphaned multipart uploads").isEmpty();
        assertThat(storage.afterClose.get()).as("calls that met a closed storage").isZero();
        f.callback.assertWellFormed();
    }

    @Test
    void completion_callerCompletesOrTimesItOut_isRefused() throws Exception {
        Fixture f = new Fixture(dir);
        try (Uploader uploader = f.uploader()) {
            UploadHandle handle = uploader.start(f.request(f.file(3L * PART), Fixture.config().build()),
                    CredentialsProvider.fixed(OLD), f.callback);

            assertThatThrownBy(() -> handle.completion().complete(null)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> handle.completion().completeExceptionally(new RuntimeException()))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> handle.completion().obtrudeValue(null))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> handle.completion().orTimeout(1, TimeUnit.SECONDS))
                    .isInstanceOf(UnsupportedOperationException.class);
            UploadResult result = handle.completion().get(20, TimeUnit.SECONDS);
            assertThat(result.size()).isEqualTo(3L * PART);
            assertThat(handle.completion().thenApply(UploadResult::size).join()).isEqualTo(3L * PART);
        }
    }

    @Test
    void completionCancel_whileCompleting_isRefusedAndTheUploadSucceeds() throws Exception {
        Fixture f = new Fixture(dir);
        Holding storage = new Holding(f.storage, Operation.COMPLETE_MULTIPART);
        try (Uploader uploader = Uploader.builder(storage).checkpointStore(f.checkpoints).clock(f.clock)
                .sleeper(f.sleeper).build()) {
            UploadHandle handle = uploader.start(f.request(f.file(2L * PART), Fixture.config().build()),
                    CredentialsProvider.fixed(OLD), f.callback);
            assertThat(storage.arrived.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(handle.state()).isEqualTo(UploadState.COMPLETING);

            assertThat(handle.completion().cancel(true)).as("cancel of the future while completing").isFalse();
            assertThat(handle.completion().isCancelled()).isFalse();
            assertThat(handle.cancel()).isFalse();
            storage.release.countDown();

            assertThat(handle.completion().get(20, TimeUnit.SECONDS).size()).isEqualTo(2L * PART);
            assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOf(Success.class);
            f.callback.assertWellFormed();
        }
    }

    @Test
    void pause_thenCloseThenResumeFromTheTokenInANewUploader_finishesWithoutResendingStoredParts() throws Exception {
        Fixture f = new Fixture(dir);
        Path file = f.file(5L * PART + 777);
        Gate gate = f.storage.holdPart(3);
        Uploader first = f.uploader();
        UploadHandle handle = first.start(f.request(file, Fixture.config().parallelism(1).build()),
                CredentialsProvider.fixed(OLD), f.callback);
        assertThat(gate.awaitArrival(WAIT)).isTrue();

        var pausing = handle.pause();
        gate.open(); // part 3 stops at its next chunk
        ResumeToken token = pausing.toCompletableFuture().get(20, TimeUnit.SECONDS);
        String saved = token.encode();
        first.close();

        assertThat(token.parts()).extracting(p -> p.partNumber()).containsExactly(1, 2);
        assertThat(handle.progress().confirmedBytes()).isEqualTo(2L * PART).isEqualTo(token.bytesDone());
        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOfSatisfying(Failed.class,
                e -> assertThat(e.code()).isEqualTo("Interrupted"));
        RecordingCallback again = new RecordingCallback();
        try (Uploader second = f.uploader()) {
            UploadResult result = second.resume(ResumeToken.decode(saved),
                    Fixture.config().parallelism(2).build(), CredentialsProvider.fixed(OLD), again)
                    .completion().get(20, TimeUnit.SECONDS);

            assertThat(result.resumed()).isTrue();
        }
        assertThat(f.stored()).isEqualTo(Files.readAllBytes(file));
        assertThat(f.storage.statistics().partAttempts(1)).as("part 1 sent").isEqualTo(1);
        assertThat(f.storage.statistics().partAttempts(2)).as("part 2 sent").isEqualTo(1);
        assertThat(f.storage.statistics().partsStored(3)).isEqualTo(1);
        again.assertWellFormed();
        assertThat(again.eventsOf(RecordingCallback.Started.class).get(0).info().partsAlreadyDone()).isEqualTo(2);
        assertThat(f.checkpoints.list()).isEmpty();
    }

    @Test
    void resume_tokenWithoutACheckpointStore_keepsTheTokensParts() throws Exception {
        Fixture f = new Fixture(dir);
        Path file = f.file(4L * PART);
        Gate gate = f.storage.holdPart(3);
        UploadHandle handle;
        ResumeToken token;
        try (Uploader first = f.uploader(CheckpointStore.NONE)) {
            handle = first.start(f.request(file, Fixture.config().parallelism(1).build()),
                    CredentialsProvider.fixed(OLD), f.callback);
            assertThat(gate.awaitArrival(WAIT)).isTrue();
            var pausing = handle.pause();
            gate.open();
            token = pausing.toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
        assertThat(f.storage.uploadsInProgress()).as("closing keeps a paused upload").hasSize(1);

        try (Uploader second = f.uploader(CheckpointStore.NONE)) {
            second.resume(token, CredentialsProvider.fixed(OLD), new RecordingCallback())
                    .completion().get(20, TimeUnit.SECONDS);
        }
        assertThat(f.stored()).isEqualTo(Files.readAllBytes(file));
        assertThat(f.storage.statistics().partAttempts(1)).isEqualTo(1);
        assertThat(f.storage.statistics().partAttempts(2)).isEqualTo(1);
    }

    @Test
    void start_callbackMadeForTheHandle_canPauseFromInsideACallback() throws Exception {
        Fixture f = new Fixture(dir);
        CountDownLatch pausedFromCallback = new CountDownLatch(1);
        // the first part waits until the callback has asked for the pause: callbacks come on their own thread,
        // and without the hold all four parts could be stored before it runs (the pause then has nothing to stop)
        Holding storage = new Holding(f.storage, Operation.UPLOAD_PART);
        try (Uploader uploader = Uploader.builder(storage).checkpointStore(f.checkpoints).clock(f.clock)
                .sleeper(f.sleeper).seed(42).build()) {
            UploadHandle handle = uploader.start(f.request(f.file(4L * PART), Fixture.config().parallelism(1).build()),
                    CredentialsProvider.fixed(OLD), h -> new io.vodupload.ports.UploadCallback() {
                        @Override
                        public void onUploadStarted(io.vodupload.ports.UploadStarted info) {
                            h.pause().thenRun(pausedFromCallback::countDown);
                            storage.release.countDown();
                        }
                    });

            assertThat(pausedFromCallback.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(handle.state()).isEqualTo(UploadState.PAUSED);
            assertThat(handle.resume()).isTrue();
            assertThat(handle.completion().get(20, TimeUnit.SECONDS).size()).isEqualTo(4L * PART);
        }
    }

    /** Holds one kind of storage call until released, and counts calls made after the storage closed. */
    static final class Holding implements ObjectStorage {
        final CountDownLatch arrived = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger afterClose = new AtomicInteger();
        private final io.vodupload.testkit.memory.InMemoryObjectStorage delegate;
        private final Operation held;

        Holding(io.vodupload.testkit.memory.InMemoryObjectStorage delegate, Operation held) {
            this.delegate = delegate;
            this.held = held;
        }

        private void enter(Operation op) {
            if (op == held) {
                arrived.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private <T> T counted(java.util.function.Supplier<T> call) {
            try {
                return call.get();
            } catch (IllegalStateException e) {
                afterClose.incrementAndGet();
                throw e;
            }
        }

        @Override
        public String initiateMultipart(StorageTarget target, Credentials credentials, ObjectMetadata metadata) {
            enter(Operation.INITIATE_MULTIPART);
            return counted(() -> delegate.initiateMultipart(target, credentials, metadata));
        }

        @Override
        public PartReceipt uploadPart(StorageTarget target, Credentials credentials, String uploadId, int partNumber,
                                      PartBody body, TransferListener listener) {
            enter(Operation.UPLOAD_PART);
            return counted(() -> delegate.uploadPart(target, credentials, uploadId, partNumber, body, listener));
        }

        @Override
        public List<PartReceipt> listParts(StorageTarget target, Credentials credentials, String uploadId) {
            return counted(() -> delegate.listParts(target, credentials, uploadId));
        }

        @Override
        public ObjectReceipt completeMultipart(StorageTarget target, Credentials credentials, String uploadId,
                                               List<PartReceipt> parts, ObjectMetadata metadata) {
            enter(Operation.COMPLETE_MULTIPART);
            return counted(() -> delegate.completeMultipart(target, credentials, uploadId, parts, metadata));
        }

        @Override
        public void abortMultipart(StorageTarget target, Credentials credentials, String uploadId) {
            enter(Operation.ABORT_MULTIPART);
            counted(() -> {
                delegate.abortMultipart(target, credentials, uploadId);
                return null;
            });
        }

        @Override
        public ObjectReceipt putObject(StorageTarget target, Credentials credentials, PartBody body,
                                       ObjectMetadata metadata, TransferListener listener) {
            return counted(() -> delegate.putObject(target, credentials, body, metadata, listener));
        }

        @Override
        public Optional<ObjectInfo> headObject(StorageTarget target, Credentials credentials) {
            return counted(() -> delegate.headObject(target, credentials));
        }
    }
}
