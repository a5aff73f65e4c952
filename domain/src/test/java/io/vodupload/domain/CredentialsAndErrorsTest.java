package io.vodupload.domain;

import static io.vodupload.domain.Fixture.NEW;
import static io.vodupload.domain.Fixture.OLD;
import static io.vodupload.domain.Fixture.PART;
import static io.vodupload.domain.Fixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadResult;
import io.vodupload.ports.UploadStarted;
import io.vodupload.testkit.RecordingCallback;
import io.vodupload.testkit.RecordingCallback.Failed;
import io.vodupload.testkit.RecordingCallback.Success;
import io.vodupload.testkit.StorageFaults.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;

/** Credentials refreshes, failures as exceptions, resume tokens, and the callback order, seen through mocks. */
class CredentialsAndErrorsTest {

    private static final Credentials NEWER = Credentials.sts("STS.newer", "newer-secret-XYZ", "newer-token-XYZ", null);

    @TempDir
    Path dir;

    @Test
    void refresh_lateFailureOfAnEarlierRefreshAfterTheApplicationSuppliedCredentials_doesNotFailTheUpload()
            throws Exception {
        Fixture f = new Fixture(dir);
        Path file = f.file(6L * PART);
        f.storage.expireCredentialsAfterParts(2, NEW);
        CountDownLatch firstEntered = new CountDownLatch(1);
        CountDownLatch firstMayFail = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        CredentialsProvider provider = mock(CredentialsProvider.class);
        when(provider.current()).thenReturn(OLD);
        when(provider.refresh(any())).thenAnswer(call -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                firstEntered.countDown();
                firstMayFail.await();
                throw new IllegalStateException("the app server timed out");
            } finally {
                concurrent.decrementAndGet();
            }
        }).thenAnswer(call -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            concurrent.decrementAndGet();
            return Optional.of(NEWER);
        });

        try (Uploader uploader = f.uploader()) {
            UploadHandle handle = uploader.start(f.request(file, Fixture.config().parallelism(1).build()), provider,
                    f.callback);
            assertThat(firstEntered.await(20, TimeUnit.SECONDS)).as("the first refresh is running").isTrue();
            f.storage.expireCredentialsAfterParts(1, NEWER); // NEW will expire too, one part later
            assertThat(handle.refreshCredentials(NEW)).isTrue(); // the application answers first
            awaitExpiries(f.callback, 2);
            verify(provider, times(1)).refresh(any()); // the second expiry waits for the running refresh
            firstMayFail.countDown();

            UploadResult result = handle.completion().get(20, TimeUnit.SECONDS);

            assertThat(result.size()).isEqualTo(6L * PART);
        }
        assertThat(f.stored()).isEqualTo(Files.readAllBytes(file));
        InOrder order = inOrder(provider);
        order.verify(provider).refresh(OLD);
        order.verify(provider).refresh(NEW);
        assertThat(maxConcurrent.get()).as("refreshes in flight at once").isEqualTo(1);
        f.callback.assertWellFormed();
    }

    private static void awaitExpiries(RecordingCallback callback, int n) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (callback.eventsOf(RecordingCallback.TokenExpired.class).size() < n && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(callback.eventsOf(RecordingCallback.TokenExpired.class)).hasSize(n);
    }

    @Test
    void refreshing_sourceSuppliesNewCredentialsOnExpiry_uploadGoesOnWithThem() throws Exception {
        Fixture f = new Fixture(dir);
        Path file = f.file(4L * PART);
        f.storage.expireCredentialsAfterParts(2, NEW);
        java.util.concurrent.Callable<Credentials> source = mock();
        when(source.call()).thenReturn(OLD, NEW);
        CredentialsProvider provider = CredentialsProvider.refreshing(source);

        try (Uploader uploader = f.uploader()) {
            uploader.start(f.request(file, Fixture.config().parallelism(1).build()), provider, f.callback)
                    .completion().get(20, TimeUnit.SECONDS);
        }

        assertThat(f.stored()).isEqualTo(Files.readAllBytes(file));
        verify(source, times(2)).call();
        assertThat(provider.refresh(OLD)).as("an expired value already replaced").hasValue(NEW);
        verify(source, times(2)).call();
    }

    @Test
    void refreshing_sourceThrowsOnRefresh_failsCredentialsUnavailable() throws Exception {
        Fixture f = new Fixture(dir);
        f.storage.expireCredentialsAfterParts(1, NEW);
        java.util.concurrent.Callable<Credentials> source = mock();
        when(source.call()).thenReturn(OLD).thenThrow(new java.io.IOException("app server down"));

        try (Uploader uploader = f.uploader()) {
            UploadHandle handle = uploader.start(f.request(f.file(3L * PART), Fixture.config().parallelism(1).build()),
                    CredentialsProvider.refreshing(source), f.callback);

            assertThatThrownBy(() -> handle.completion().join()).isInstanceOf(CompletionException.class)
                    .cause().isInstanceOfSatisfying(UploadFailedException.class, e -> {
                        assertThat(e.code()).isEqualTo("CredentialsUnavailable");
                        assertThat(e.detail()).contains("IOException").contains("app server down");
                        assertThat(e.kind()).isEmpty();
                    });
        }
    }

    @Test
    void refreshing_sourceReturnsNull_isAnErrorAtStart() throws Exception {
        Fixture f = new Fixture(dir);
        CredentialsProvider provider = CredentialsProvider.refreshing(() -> null);
        Path file = f.file(1000);

        try (Uploader uploader = f.uploader()) {
            assertThatThrownBy(() -> uploader.start(f.request(file, Fixture.config().build()), provider,
                    f.callback)).isInstanceOfSatisfying(InvalidUploadException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CREDENTIALS_UNAVAILABLE));
        }
    }

    @Test
    void defaultConfig_providerHasNoCredentials_failsAfterFiveMinutes() throws Exception {
        Fixture f = new Fixture(dir);
        f.storage.expireCredentialsAfterParts(1, NEW);
        try (Uploader uploader = f.uploader()) {
            UploadHandle handle = uploader.start(UploadRequest.builder(f.file(3L * PART), Fixture.TARGET)
                    .config(UploadConfig.builder().partSize(PART).parallelism(1).build()).build(),
                    CredentialsProvider.fixed(OLD), f.callback);

            assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOfSatisfying(Failed.class, e -> {
                assertThat(e.code()).isEqualTo("CredentialsUnavailable");
                assertThat(e.message()).contains("PT5M");
            });
            assertThat(handle.state()).isEqualTo(UploadState.FAILED);
        }
        assertThat(f.sleeper.sleeps()).contains(java.time.Duration.ofMinutes(5));
    }

    @Test
    void failure_serverAnswers400_exceptionCarriesKindStatusAndRequestIdAndDoesNotRepeatTheCode() throws Exception {
        Fixture f = new Fixture(dir);
        f.storage.failNext(Operation.INITIATE_MULTIPART, 400, "InvalidArgument");

        try (Uploader uploader = f.uploader()) {
            UploadHandle handle = uploader.start(f.request(f.file(3L * PART), Fixture.config().build()),
                    CredentialsProvider.fixed(OLD), f.callback);

            assertThatThrownBy(() -> handle.completion().join()).cause()
                    .isInstanceOfSatisfying(UploadFailedException.class, e -> {
                        assertThat(e.code()).isEqualTo("InvalidArgument");
                        assertThat(e.kind()).hasValue(StorageException.Kind.FATAL);
                        assertThat(e.isRetryable()).isFalse();
                        assertThat(e.httpStatus()).hasValue(400);
                        assertThat(e.requestId()).hasValueSatisfying(id -> assertThat(id).startsWith("MEM"));
                        assertThat(e.getMessage()).startsWith("InvalidArgument: ").containsOnlyOnce("InvalidArgument")
                                .contains("HTTP 400").contains(e.requestId().get());
                        assertThat(e.detail()).doesNotContain("InvalidArgument");
                    });
        }
    }

    @Test
    void failure_retriesExhausted_isRetryable() throws Exception {
        Fixture f = new Fixture(dir);
        for (int attempt = 1; attempt <= 2; attempt++) {
            f.storage.failPart(1, attempt, StorageException.Kind.RETRYABLE);
        }
        try (Uploader uploader = f.uploader()) {
            UploadHandle handle = uploader.start(f.request(f.file(2L * PART), Fixture.config()
                    .retryPolicy(new RetryPolicy(2, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(2)))
                    .build()), CredentialsProvider.fixed(OLD), f.callback);

            assertThatThrownBy(() -> handle.completion().join()).cause()
                    .isInstanceOfSatisfying(UploadFailedException.class, e -> {
                        assertThat(e.kind()).hasValue(StorageException.Kind.RETRYABLE);
                        assertThat(e.isRetryable()).isTrue();
                    });
        }
    }

    @Test
    void callbacks_ofASuccessfulUpload_arriveInTheContractsOrder() throws Exception {
        Fixture f = new Fixture(dir);
        UploadCallback callback = mock(UploadCallback.class);

        try (Uploader uploader = f.uploader()) {
            uploader.start(f.request(f.file(3L * PART), Fixture.config().build()), CredentialsProvider.fixed(OLD),
                    callback).completion().get(20, TimeUnit.SECONDS);
        }

        InOrder order = inOrder(callback);
        order.verify(callback).onUploadStarted(any(UploadStarted.class));
        order.verify(callback).onUploadProgress(3L * PART, 3L * PART);
        order.verify(callback).onUploadSuccess(any(UploadResult.class));
        verify(callback, atLeastOnce()).onUploadProgress(anyLong(), eq(3L * PART));
        verify(callback, times(1)).onUploadStarted(any());
        verify(callback, never()).onUploadFailed(any(), any());
        verify(callback, never()).onUploadCanceled();
        verify(callback, never()).onUploadRetry(any(), any());
    }

    @Test
    void resumeToken_encodeThenDecode_givesTheSameToken() {
        ResumeToken token = new ResumeToken(Path.of("/media/a movie&more=1.mp4"), 300_000, 1_700_000_000_123L,
                Fixture.TARGET.withRegion("cn-shanghai"),
                new ObjectMetadata(Optional.of("video/mp4"), Map.of("x-oss-notification", "e30=&x:y")),
                100 * 1024, Optional.of("0004B9894A22E5B1888A1E29F823****"),
                List.of(new CheckpointPart(2, 102_400, 102_400, "\"etag-2\"", -1L),
                        new CheckpointPart(1, 0, 102_400, "etag-1", 42L)));

        String text = token.encode();
        ResumeToken back = ResumeToken.decode(text);

        assertThat(back).isEqualTo(token);
        assertThat(text).startsWith("vodupload-resume=1&").doesNotContain("\n").contains("18446744073709551615");
        assertThat(back.parts()).extracting(CheckpointPart::partNumber).containsExactly(1, 2);
        assertThatThrownBy(() -> ResumeToken.decode("something else")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a resume token");
        assertThatThrownBy(() -> ResumeToken.decode("vodupload-resume=9&file=x"))
                .hasMessageContaining("newer");
        assertThatThrownBy(() -> ResumeToken.decode("vodupload-resume=1&file=%2Fx"))
                .hasMessageContaining("has no endpoint");
    }

    @Test
    void resumeToken_ofASmallFile_hasNoUploadIdAndResumingSendsItAgain() throws Exception {
        Fixture f = new Fixture(dir);
        Path file = f.file(1000);
        ResumeToken token = new ResumeToken(file.toRealPath(), 1000, Files.getLastModifiedTime(file).toMillis(),
                Fixture.TARGET, ObjectMetadata.EMPTY, PART, Optional.empty(), List.of());

        try (Uploader uploader = f.uploader()) {
            uploader.resume(token, CredentialsProvider.fixed(OLD), f.callback).completion().get(20, TimeUnit.SECONDS);
        }

        assertThat(f.stored()).isEqualTo(Files.readAllBytes(file));
        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOf(Success.class);
    }
}
