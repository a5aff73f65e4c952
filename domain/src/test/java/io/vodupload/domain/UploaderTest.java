package io.vodupload.domain;

import static io.vodupload.domain.Fixture.NEW;
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
import io.vodupload.testkit.RecordingCallback.Progress;
import io.vodupload.testkit.RecordingCallback.Started;
import io.vodupload.testkit.RecordingCallback.Success;
import io.vodupload.testkit.StorageFaults.Operation;
import io.vodupload.testkit.memory.Fault;
import io.vodupload.testkit.memory.Gate;
import io.vodupload.testkit.memory.StorageStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploaderTest {

    @TempDir
    Path dir;

    private Fixture f;

    private Fixture fixture() {
        if (f == null) {
            f = new Fixture(dir);
        }
        return f;
    }

    @Test
    void start_initiateFailsOnceThenWorks_callbacksBeginWithStartedAndNoRetryIsTold() throws Exception {
        Fixture f = fixture();
        Path file = f.file(3L * PART);
        f.storage.failNext(Operation.INITIATE_MULTIPART, 503, "ServiceUnavailable");

        f.uploader().start(f.request(file, Fixture.config().build()), CredentialsProvider.fixed(OLD), f.callback)
                .completion().get(20, TimeUnit.SECONDS);

        f.callback.assertWellFormed();
        assertThat(f.callback.namesWithoutProgress()).containsExactly("Started", "Success");
        assertThat(f.storage.statistics().requests(Operation.INITIATE_MULTIPART)).isEqualTo(2);
    }

    @Test
    void start_multipartFile_succeedsWithTheFileStoredAndCallbacksInOrder() throws Exception {
        Fixture f = fixture();
        Path file = f.file(5L * PART + 12_345);

        UploadHandle handle = f.uploader().start(f.request(file, Fixture.config().build()),
                CredentialsProvider.fixed(OLD), f.callback);
        UploadResult result = handle.completion().get(20, TimeUnit.SECONDS);

        assertThat(f.stored()).isEqualTo(Files.readAllBytes(file));
        assertThat(result.partCount()).isEqualTo(6);
        assertThat(result.size()).isEqualTo(Files.size(file));
        assertThat(result.crc64()).isEqualTo(io.vodupload.ports.Crc64.of(Files.readAllBytes(file)));
        assertThat(result.resumed()).isFalse();
        assertThat(handle.state()).isEqualTo(UploadState.SUCCEEDED);
        assertThat(handle.progress().sentBytes()).isEqualTo(Files.size(file));
        assertThat(handle.progress().confirmedBytes()).isEqualTo(Files.size(file));
        assertThat(handle.progress().percent()).isEqualTo(100);
        f.callback.assertWellFormed();
        assertThat(f.callback.namesWithoutProgress()).containsExactly("Started", "Success");
        Started started = f.callback.eventsOf(Started.class).get(0);
        assertThat(started.info().partCount()).isEqualTo(6);
        assertThat(started.info().uploadId()).isPresent();
        assertThat(started.info().partSizeAdjusted()).isFalse();
        assertThat(f.callback.threadNames()).singleElement().asString().contains("callback");
        StorageStatistics s = f.storage.statistics();
        for (int n = 1; n <= 6; n++) {
            assertThat(s.partsStored(n)).as("part %d", n).isEqualTo(1);
        }
        assertThat(s.maxConcurrentPartUploads()).isLessThanOrEqualTo(2);
        assertThat(f.checkpoints.saves()).isNotEmpty();
        assertThat(f.checkpoints.list()).isEmpty();
    }

    @Test
    void start_smallFile_goesInOnePutObject() throws Exception {
        Fixture f = fixture();
        Path file = f.file(PART - 1);

        f.uploader().start(f.request(file, Fixture.config().build()), CredentialsProvider.fixed(OLD), f.callback);
        f.callback.awaitTerminal(WAIT);

        assertThat(f.stored()).isEqualTo(Files.readAllBytes(file));
        assertThat(f.storage.statistics().requests(Operation.PUT_OBJECT)).isEqualTo(1);
        assertThat(f.storage.statistics().requests(Operation.INITIATE_MULTIPART)).isZero();
        Started started = f.callback.eventsOf(Started.class).get(0);
        assertThat(started.info().uploadId()).isEmpty();
        assertThat(started.info().partCount()).isEqualTo(1);
        f.callback.assertWellFormed();
        assertThat(f.checkpoints.saves()).isEmpty();
    }

    @Test
    void start_progress_isMonotonicWithinTotalAndEndsAtTotal() throws Exception {
        Fixture f = fixture();
        Path file = f.file(7L * PART + 1);
        f.storage.failPart(3, 1, Fault.reset()); // a reset mid-body must not double-count

        f.uploader().start(f.request(file, Fixture.config().parallelism(3).build()), CredentialsProvider.fixed(OLD),
                f.callback);
        f.callback.awaitTerminal(WAIT);

        List<Progress> progress = f.callback.eventsOf(Progress.class);
        assertThat(progress.size()).isGreaterThan(10);
        assertThat(progress).allSatisfy(p -> {
            assertThat(p.total()).isEqualTo(Files.size(file));
            assertThat(p.uploaded()).isBetween(0L, p.total());
        });
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i).uploaded()).isGreaterThan(progress.get(i - 1).uploaded());
        }
        assertThat(progress.get(progress.size() - 1).uploaded()).isEqualTo(Files.size(file));
        f.callback.assertWellFormed();
    }

    @Test
    void start_progressThrottled_reportsAtMostOncePerIntervalPlusTheFinalOne() throws Exception {
        Fixture f = fixture();
        Path file = f.file(6L * PART);

        f.uploader().start(f.request(file, Fixture.config().progressInterval(Duration.ofSeconds(1)).build()),
                CredentialsProvider.fixed(OLD), f.callback);
        f.callback.awaitTerminal(WAIT);

        // the manual clock does not move without back-off, so only the first and the final one pass
        assertThat(f.callback.eventsOf(Progress.class)).hasSize(2);
        assertThat(f.callback.eventsOf(Progress.class).get(1).uploaded()).isEqualTo(6L * PART);
    }

    @Test
    void start_oneRetryableFailure_retriesOnceAndResumesOnce() throws Exception {
        Fixture f = fixture();
        Path file = f.file(4L * PART);
        f.storage.failPart(2, 1, StorageException.Kind.RETRYABLE);

        f.uploader().start(f.request(file, Fixture.config().parallelism(1).build()), CredentialsProvider.fixed(OLD),
                f.callback);
        f.callback.awaitTerminal(WAIT);

        assertThat(f.callback.namesWithoutProgress()).containsExactly("Started", "Retry", "RetryResume", "Success");
        assertThat(f.callback.eventsOf(RecordingCallback.Retry.class).get(0).code()).isEqualTo("ServiceUnavailable");
        assertThat(f.sleeper.sleeps()).hasSize(1);
        assertThat(f.sleeper.sleeps().get(0)).isBetween(Duration.ZERO, RetryPolicy.DEFAULT.baseDelay());
        assertThat(f.storage.statistics().partAttempts(2)).isEqualTo(2);
        assertThat(f.stored()).isEqualTo(Files.readAllBytes(file));
        f.callback.assertWellFormed();
    }

    @Test
    void start_retriesExhausted_failsWithTheLastServerCodeAndAbortsWithoutCheckpoints() throws Exception {
        Fixture f = fixture();
        Path file = f.file(3L * PART);
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(150));
        f.storage.failPart(2, 1, StorageException.Kind.RETRYABLE);
        f.storage.failPart(2, 2, Fault.reset());
        f.storage.failPart(2, 3, Fault.error(500, "InternalError"));

        UploadHandle handle = f.uploader(CheckpointStore.NONE).start(f.request(file,
                Fixture.config().parallelism(1).retryPolicy(policy).build()), CredentialsProvider.fixed(OLD), f.callback);
        RecordingCallback.Event end = f.callback.awaitTerminal(WAIT);

        assertThat(end).isInstanceOf(Failed.class);
        assertThat(((Failed) end).code()).isEqualTo("InternalError");
        assertThat(((Failed) end).message()).contains("3 attempts");
        assertThat(f.callback.namesWithoutProgress()).containsExactly("Started", "Retry", "Failed");
        assertThat(f.sleeper.sleeps()).hasSize(2).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(150)));
        assertThatThrownBy(() -> handle.completion().join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(UploadFailedException.class,
                        e -> assertThat(e.code()).isEqualTo("InternalError"));
        awaitNoUploads(f);
        f.callback.assertWellFormed();
    }

    private static void awaitNoUploads(Fixture f) {
        // the cleanup abort has returned before the outcome is told: nothing to wait for
        assertThat(f.storage.uploadsInProgress()).isEmpty();
    }

    @Test
    void start_fatalServerError_passesTheServerCodeThrough() throws Exception {
        Fixture f = fixture();
        f.storage.onlyBuckets("some-other-bucket");

        f.uploader().start(f.request(f.file(3L * PART), Fixture.config().build()), CredentialsProvider.fixed(OLD),
                f.callback);

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOfSatisfying(Failed.class,
                e -> assertThat(e.code()).isEqualTo("NoSuchBucket"));
        f.callback.assertWellFormed();
    }

    @Test
    void start_tokenExpiresAfterThreeParts_refreshesOnceAndNeverResendsAFinishedPart() throws Exception {
        Fixture f = fixture();
        Path file = f.file(8L * PART + 5);
        f.storage.expireCredentialsAfterParts(3, NEW);
        Fixture.Refreshing provider = new Fixture.Refreshing(NEW);

        UploadHandle handle = f.uploader().start(f.request(file, Fixture.config().parallelism(4).build()), provider,
                f.callback);
        handle.completion().get(20, TimeUnit.SECONDS);

        assertThat(f.stored()).isEqualTo(Files.readAllBytes(file));
        assertThat(provider.refreshed).containsExactly(OLD);
        assertThat(f.callback.eventsOf(RecordingCallback.TokenExpired.class)).hasSize(1);
        assertThat(f.callback.names()).doesNotContain("Retry");
        List<Progress> progress = f.callback.eventsOf(Progress.class);
        assertThat(progress).filteredOn(p -> p.uploaded() == p.total()).as("progress at 100 %%, and only the last")
                .containsExactly(progress.get(progress.size() - 1));
        StorageStatistics s = f.storage.statistics();
        for (int n = 1; n <= 9; n++) {
            assertThat(s.partsStored(n)).as("part %d stored", n).isEqualTo(1);
        }
        f.callback.assertWellFormed();
    }

    @Test
    void start_manyPartsExpireAtOnce_refreshesOnlyOnce() throws Exception {
        Fixture f = fixture();
        Path file = f.file(6L * PART);
        for (int n = 1; n <= 4; n++) {
            f.storage.failPart(n, 1, StorageException.Kind.CREDENTIALS_EXPIRED);
        }
        CountDownLatch allFailed = new CountDownLatch(4);
        ObjectStorage observed = new Observed(f.storage, e -> {
            if (e.kind() == StorageException.Kind.CREDENTIALS_EXPIRED) {
                allFailed.countDown();
            }
        });
        AtomicInteger refreshes = new AtomicInteger();
        CredentialsProvider provider = new CredentialsProvider() {
            @Override
            public Credentials current() {
                return OLD;
            }

            @Override
            public Optional<Credentials> refresh(Credentials expired) throws InterruptedException {
                refreshes.incrementAndGet();
                // hold the refresh until all four parts in flight have failed with the old token
                assertThat(allFailed.await(20, TimeUnit.SECONDS)).isTrue();
                return Optional.of(OLD);
            }
        };
        Uploader uploader = Uploader.builder(observed).clock(f.clock).sleeper(f.sleeper).build();

        uploader.start(f.request(file, Fixture.config().parallelism(4).build()), provider, f.callback);

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOf(Success.class);
        assertThat(refreshes.get()).isEqualTo(1);
        assertThat(f.callback.eventsOf(RecordingCallback.TokenExpired.class)).hasSize(1);
        for (int n = 1; n <= 6; n++) {
            assertThat(f.storage.statistics().partsStored(n)).isEqualTo(1);
        }
        f.callback.assertWellFormed();
    }

    @Test
    void refreshCredentials_whileAwaiting_goesOnWithoutResendingFinishedParts() throws Exception {
        Fixture f = fixture();
        Path file = f.file(5L * PART);
        f.storage.expireCredentialsAfterParts(2, NEW);
        RecordingCallback callback = f.callback;
        UploadHandle[] handle = new UploadHandle[1];
        CountDownLatch started = new CountDownLatch(1);
        callback.onEvent(e -> {
            if (e instanceof RecordingCallback.TokenExpired) {
                try {
                    started.await();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                assertThat(handle[0].state()).isEqualTo(UploadState.AWAITING_CREDENTIALS);
                assertThat(handle[0].refreshCredentials(NEW)).isTrue();
            }
        });

        handle[0] = f.uploader().start(f.request(file, Fixture.config().parallelism(1).build()),
                CredentialsProvider.fixed(OLD), callback);
        started.countDown();

        assertThat(callback.awaitTerminal(WAIT)).isInstanceOf(Success.class);
        for (int n = 1; n <= 5; n++) {
            assertThat(f.storage.statistics().partsStored(n)).isEqualTo(1);
        }
        assertThat(handle[0].refreshCredentials(NEW)).isFalse();
        callback.assertWellFormed();
    }

    @Test
    void start_credentialsNeverCome_failsAfterTheConfiguredWait() throws Exception {
        Fixture f = fixture();
        f.storage.expireCredentialsAfterParts(1, NEW);

        f.uploader().start(f.request(f.file(3L * PART), Fixture.config().parallelism(1)
                .credentialsTimeout(Duration.ofMinutes(5)).build()), CredentialsProvider.fixed(OLD), f.callback);

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOfSatisfying(Failed.class,
                e -> assertThat(e.code()).isEqualTo("CredentialsUnavailable"));
        assertThat(f.sleeper.sleeps()).contains(Duration.ofMinutes(5));
        assertThat(f.callback.namesWithoutProgress()).containsExactly("Started", "TokenExpired", "Failed");
    }

    @Test
    void start_providerThrows_failsWithCredentialsUnavailable() throws Exception {
        Fixture f = fixture();
        f.storage.expireCredentialsAfterParts(1, NEW);
        CredentialsProvider broken = new CredentialsProvider() {
            @Override
            public Credentials current() {
                return OLD;
            }

            @Override
            public Optional<Credentials> refresh(Credentials expired) {
                throw new IllegalStateException("VOD API down");
            }
        };

        f.uploader().start(f.request(f.file(3L * PART), Fixture.config().parallelism(1).build()), broken, f.callback);

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOfSatisfying(Failed.class, e -> {
            assertThat(e.code()).isEqualTo("CredentialsUnavailable");
            assertThat(e.message()).contains("VOD API down");
        });
    }

    @Test
    void pause_partInFlight_stopsItAndResumeFinishesWithEachPartStoredOnce() throws Exception {
        Fixture f = fixture();
        Path file = f.file(3L * PART);
        Gate gate = f.storage.holdPart(2);

        UploadHandle handle = f.uploader().start(f.request(file, Fixture.config().parallelism(1).build()),
                CredentialsProvider.fixed(OLD), f.callback);
        assertThat(gate.awaitArrival(WAIT)).isTrue();
        java.util.concurrent.CompletionStage<ResumeToken> paused = handle.pause();
        assertThat(handle.pauseNow()).isFalse();
        assertThat(handle.state()).isEqualTo(UploadState.PAUSED);
        gate.open(); // the held transfer goes on, and its listener stops it at the next chunk
        ResumeToken token = paused.toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(token.parts()).extracting(io.vodupload.ports.CheckpointPart::partNumber).containsExactly(1);
        assertThat(handle.progress().confirmedBytes()).isEqualTo(PART);
        long before = handle.progress().sentBytes();
        assertThat(handle.resume()).isTrue();
        assertThat(handle.resume()).isFalse();

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOf(Success.class);
        assertThat(f.stored()).isEqualTo(Files.readAllBytes(file));
        assertThat(f.storage.statistics().partAttempts(2)).isEqualTo(2);
        assertThat(f.storage.statistics().partsStored(2)).isEqualTo(1);
        assertThat(before).isGreaterThanOrEqualTo(PART);
        assertThat(f.callback.names()).doesNotContain("Retry");
        f.callback.assertWellFormed();
    }

    @Test
    void cancel_partInFlight_abortsTheUploadAndRemovesTheCheckpoint() throws Exception {
        Fixture f = fixture();
        Path file = f.file(4L * PART);
        Gate gate = f.storage.holdPart(2);

        UploadHandle handle = f.uploader().start(f.request(file, Fixture.config().parallelism(1).build()),
                CredentialsProvider.fixed(OLD), f.callback);
        assertThat(gate.awaitArrival(WAIT)).isTrue();
        assertThat(f.checkpoints.list()).hasSize(1);
        assertThat(handle.cancel()).isTrue();
        gate.open();

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOf(RecordingCallback.Canceled.class);
        assertThat(handle.completion()).failsWithin(WAIT)
                .withThrowableOfType(java.util.concurrent.CancellationException.class);
        assertThat(handle.state()).isEqualTo(UploadState.CANCELED);
        assertThat(handle.cancel()).isFalse();
        assertThat(f.storage.uploadsInProgress()).isEmpty();
        assertThat(f.storage.statistics().requests(Operation.ABORT_MULTIPART)).isEqualTo(1);
        assertThat(f.storage.objectBytes(Fixture.TARGET)).isEmpty();
        assertThat(f.checkpoints.list()).isEmpty();
        f.callback.assertWellFormed();
    }

    @Test
    void completionCancel_byTheApplication_cancelsTheUpload() throws Exception {
        Fixture f = fixture();
        Gate gate = f.storage.holdPart(1);
        UploadHandle handle = f.uploader().start(f.request(f.file(3L * PART), Fixture.config().parallelism(1).build()),
                CredentialsProvider.fixed(OLD), f.callback);
        assertThat(gate.awaitArrival(WAIT)).isTrue();

        handle.completion().cancel(true);
        gate.open();

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOf(RecordingCallback.Canceled.class);
        assertThat(f.storage.uploadsInProgress()).isEmpty();
    }

    @Test
    void start_storageCorruptsTheObject_failsWithCrcMismatch() throws Exception {
        Fixture f = fixture();
        f.storage.corruptNextObject();

        UploadHandle handle = f.uploader().start(f.request(f.file(3L * PART), Fixture.config().build()),
                CredentialsProvider.fixed(OLD), f.callback);

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOfSatisfying(Failed.class,
                e -> assertThat(e.code()).isEqualTo("CrcMismatch"));
        assertThat(handle.state()).isEqualTo(UploadState.FAILED);
        assertThat(f.checkpoints.list()).isEmpty();
        f.callback.assertWellFormed();
    }

    @Test
    void start_smallFileCorrupted_failsWithCrcMismatch() throws Exception {
        Fixture f = fixture();
        f.storage.corruptNextObject();

        f.uploader().start(f.request(f.file(1000), Fixture.config().build()), CredentialsProvider.fixed(OLD), f.callback);

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOfSatisfying(Failed.class,
                e -> assertThat(e.code()).isEqualTo("CrcMismatch"));
    }

    @Test
    void start_receiptWithoutCrc_verifiesWithHeadObject() throws Exception {
        Fixture f = fixture();
        ObjectStorage noCrcOnComplete = new Observed(f.storage, e -> { }) {
            @Override
            public ObjectReceipt completeMultipart(StorageTarget target, Credentials credentials, String uploadId,
                                                   List<PartReceipt> parts, ObjectMetadata metadata) {
                ObjectReceipt r = super.completeMultipart(target, credentials, uploadId, parts, metadata);
                return new ObjectReceipt(r.etag(), java.util.OptionalLong.empty(), r.requestId());
            }
        };
        Uploader uploader = Uploader.builder(noCrcOnComplete).clock(f.clock).sleeper(f.sleeper).build();

        uploader.start(f.request(f.file(3L * PART), Fixture.config().build()), CredentialsProvider.fixed(OLD), f.callback);

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOf(Success.class);
        assertThat(f.storage.statistics().requests(Operation.HEAD_OBJECT)).isEqualTo(1);
    }

    @Test
    void start_callbackThrows_isLoggedAndTheUploadGoesOn() throws Exception {
        Fixture f = fixture();
        f.callback.onEvent(e -> {
            if (!e.terminal()) {
                throw new IllegalStateException("application bug");
            }
        });

        f.uploader().start(f.request(f.file(3L * PART), Fixture.config().build()), CredentialsProvider.fixed(OLD),
                f.callback);

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOf(Success.class);
        f.callback.assertWellFormed();
    }

    @Test
    void start_checkpointStoreFails_uploadStillSucceeds() throws Exception {
        Fixture f = fixture();
        f.checkpoints.failWrites(true);

        f.uploader().start(f.request(f.file(3L * PART), Fixture.config().build()), CredentialsProvider.fixed(OLD),
                f.callback);

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOf(Success.class);
    }

    @Test
    void start_partSizeAdjusted_isReported() throws Exception {
        Fixture f = fixture();
        // 10,001 parts of 100 KiB would be needed: the planner raises the part size (1 MiB granule)
        Path sparse = dir.resolve("sparse.bin");
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(sparse,
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}), 10_000L * PART);
        }
        Gate gate = f.storage.holdPart(1);

        UploadHandle handle = f.uploader().start(f.request(sparse, Fixture.config().parallelism(1).build()),
                CredentialsProvider.fixed(OLD), f.callback);
        Started started = f.callback.await(Started.class, WAIT);
        handle.cancel();
        gate.open();

        assertThat(started.info().partSizeAdjusted()).isTrue();
        assertThat(started.info().partSize()).isEqualTo(1024L * 1024);
        assertThat(started.info().partCount()).isEqualTo(977);
        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOf(RecordingCallback.Canceled.class);
    }

    @Test
    void start_emptyFile_isOneEmptyPutObjectWithCrcZero() throws Exception {
        Fixture f = fixture();
        Path empty = Files.createFile(dir.resolve("empty.bin"));

        UploadHandle handle = f.uploader().start(f.request(empty, Fixture.config().build()),
                CredentialsProvider.fixed(OLD), f.callback);
        UploadResult result = handle.completion().get(20, TimeUnit.SECONDS);

        assertThat(result.size()).isZero();
        assertThat(result.crc64()).isZero();
        assertThat(result.partCount()).isEqualTo(1);
        assertThat(f.stored()).isEmpty();
        assertThat(f.storage.statistics().requests(Operation.PUT_OBJECT)).isEqualTo(1);
        assertThat(f.storage.statistics().requests(Operation.INITIATE_MULTIPART)).isZero();
        f.callback.assertWellFormed();
        assertThat(f.callback.namesWithoutProgress()).containsExactly("Started", "Success");
        assertThat(f.callback.eventsOf(Progress.class)).extracting(Progress::uploaded, Progress::total)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 0L));
        assertThat(handle.progress().confirmedBytes()).isZero();
        assertThat(f.checkpoints.saves()).isEmpty();
    }

    @Test
    void start_badInput_failsFastWithItsCode() throws Exception {
        Fixture f = fixture();
        Uploader uploader = f.uploader();
        CredentialsProvider creds = CredentialsProvider.fixed(OLD);
        UploadConfig config = Fixture.config().build();

        assertThatThrownBy(() -> uploader.start(f.request(dir.resolve("missing.mp4"), config), creds, f.callback))
                .isInstanceOfSatisfying(InvalidUploadException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.FILE_NOT_FOUND);
                    assertThat(e.getMessage()).contains("missing.mp4");
                });
        assertThatThrownBy(() -> uploader.start(f.request(dir, config), creds, f.callback))
                .isInstanceOfSatisfying(InvalidUploadException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_A_FILE));
        assertThat(f.callback.events()).isEmpty();
    }

    /** Delegates to a storage and reports every StorageException it throws. */
    static class Observed implements ObjectStorage {
        private final ObjectStorage delegate;
        private final java.util.function.Consumer<StorageException> onFailure;

        Observed(ObjectStorage delegate, java.util.function.Consumer<StorageException> onFailure) {
            this.delegate = delegate;
            this.onFailure = onFailure;
        }

        private <T> T watch(java.util.function.Supplier<T> call) {
            try {
                return call.get();
            } catch (StorageException e) {
                onFailure.accept(e);
                throw e;
            }
        }

        @Override
        public String initiateMultipart(StorageTarget target, Credentials credentials, ObjectMetadata metadata) {
            return watch(() -> delegate.initiateMultipart(target, credentials, metadata));
        }

        @Override
        public PartReceipt uploadPart(StorageTarget target, Credentials credentials, String uploadId, int partNumber,
                                      PartBody body, TransferListener listener) {
            return watch(() -> delegate.uploadPart(target, credentials, uploadId, partNumber, body, listener));
        }

        @Override
        public List<PartReceipt> listParts(StorageTarget target, Credentials credentials, String uploadId) {
            return watch(() -> delegate.listParts(target, credentials, uploadId));
        }

        @Override
        public ObjectReceipt completeMultipart(StorageTarget target, Credentials credentials, String uploadId,
                                               List<PartReceipt> parts, ObjectMetadata metadata) {
            return watch(() -> delegate.completeMultipart(target, credentials, uploadId, parts, metadata));
        }

        @Override
        public void abortMultipart(StorageTarget target, Credentials credentials, String uploadId) {
            watch(() -> {
                delegate.abortMultipart(target, credentials, uploadId);
                return null;
            });
        }

        @Override
        public ObjectReceipt putObject(StorageTarget target, Credentials credentials, PartBody body,
                                       ObjectMetadata metadata, TransferListener listener) {
            return watch(() -> delegate.putObject(target, credentials, body, metadata, listener));
        }

        @Override
        public Optional<ObjectInfo> headObject(StorageTarget target, Credentials credentials) {
            return watch(() -> delegate.headObject(target, credentials));
        }
    }

    @Test
    void completion_afterSuccess_isNotCancellable() throws Exception {
        Fixture f = fixture();
        UploadHandle handle = f.uploader().start(f.request(f.file(1000), Fixture.config().build()),
                CredentialsProvider.fixed(OLD), f.callback);
        handle.completion().get(20, TimeUnit.SECONDS);

        assertThat(handle.completion().cancel(true)).isFalse();
        assertThat(handle.cancel()).isFalse();
        assertThat(handle.pause().toCompletableFuture()).failsWithin(WAIT)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class);
        assertThat(handle.completion().get().size()).isEqualTo(1000);
        assertThat(handle.completion().isCancelled()).isFalse();
    }
}
