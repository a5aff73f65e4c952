package io.vodupload.examples;

import static io.vodupload.examples.Fixtures.BUCKET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.vodupload.domain.UploadFailedException;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.UploadCallback;
import io.vodupload.testkit.memory.InMemoryObjectStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;

/**
 * A user's own test of {@link VideoUploadService} with Mockito: the ports it hands VodUpload (the
 * {@link UploadCallback}, the {@link CredentialsProvider}, an {@link ObjectStorage} that refuses) are mocks,
 * and the test verifies how VodUpload talked to them.
 */
@Timeout(60)
class VideoUploadServiceMockitoTest {

    private static final String ENDPOINT = "oss-cn-shanghai.aliyuncs.com";
    private static final Credentials FIRST = Credentials.sts("STS.first", "first-secret", "first-token", null);
    private static final Credentials SECOND = Credentials.sts("STS.second", "second-secret", "second-token", null);

    @TempDir
    Path dir;

    private final UploadCallback events = mock(UploadCallback.class);
    private final CredentialsProvider credentials = mock(CredentialsProvider.class);

    @Test
    void upload_tokenExpired_providerRefreshedOnceAndCallbacksInContractOrder() throws Exception {
        Path file = Fixtures.randomFile(dir.resolve("intro.mp4"), 300 * 1024, 10);
        long crc64 = Crc64.of(Files.readAllBytes(file));
        when(credentials.current()).thenReturn(FIRST);
        when(credentials.refresh(FIRST)).thenReturn(Optional.of(SECOND));
        try (InMemoryObjectStorage storage = new InMemoryObjectStorage(FIRST);
             Uploader uploader = Uploader.builder(storage).build()) {
            storage.rotateCredentials(SECOND);
            VideoUploadService service = new VideoUploadService(uploader, credentials, ENDPOINT, BUCKET);

            service.upload(file, events).completion().join();
        }

        verify(credentials).refresh(FIRST);
        InOrder order = inOrder(events);
        order.verify(events).onUploadStarted(argThat(started -> started.target().key().equals("videos/intro.mp4")));
        order.verify(events).onUploadTokenExpired();
        order.verify(events).onUploadSuccess(argThat(result -> result.crc64() == crc64));
        verify(events, atLeastOnce()).onUploadProgress(anyLong(), eq(300L * 1024));
        verify(events, never()).onUploadFailed(anyString(), anyString());
        verify(events, never()).onUploadCanceled();
    }

    @Test
    void upload_storageRefusesAccess_onUploadFailedWithItsCodeAndNoRetry() throws Exception {
        Path file = Fixtures.randomFile(dir.resolve("intro.mp4"), 300 * 1024, 11);
        when(credentials.current()).thenReturn(FIRST);
        ObjectStorage storage = mock(ObjectStorage.class);
        when(storage.putObject(any(), any(), any(), any(), any())).thenThrow(new StorageException(
                StorageException.Kind.FATAL, "AccessDenied", 403, "5F3A0000", "You have no right to access this object.",
                null, null));
        Throwable thrown;
        try (Uploader uploader = Uploader.builder(storage).build()) {
            VideoUploadService service = new VideoUploadService(uploader, credentials, ENDPOINT, BUCKET);

            thrown = catchThrowable(() -> service.upload(file, events).completion().join());
        }

        assertThat(thrown).isInstanceOf(CompletionException.class).cause().isInstanceOfSatisfying(
                UploadFailedException.class, e -> assertThat(e.requestId()).hasValue("5F3A0000"));
        verify(storage).putObject(any(), eq(FIRST), any(), any(), any());
        verify(events).onUploadFailed(eq("AccessDenied"), anyString());
        verify(events, never()).onUploadSuccess(any());
        verify(events, never()).onUploadRetry(anyString(), anyString());
        verify(credentials, never()).refresh(any());
    }
}
