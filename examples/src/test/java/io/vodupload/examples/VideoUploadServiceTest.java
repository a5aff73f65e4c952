package io.vodupload.examples;

import static io.vodupload.examples.Fixtures.BUCKET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vodupload.domain.UploadFailedException;
import io.vodupload.domain.UploadHandle;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadResult;
import io.vodupload.testkit.ManualClock;
import io.vodupload.testkit.ManualSleeper;
import io.vodupload.testkit.RecordingCallback;
import io.vodupload.testkit.RecordingCallback.Retry;
import io.vodupload.testkit.RecordingCallback.RetryResume;
import io.vodupload.testkit.RecordingCallback.TokenExpired;
import io.vodupload.testkit.StorageFaults;
import io.vodupload.testkit.StorageFaults.Operation;
import io.vodupload.testkit.memory.InMemoryObjectStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own test of {@link VideoUploadService}: the transport swapped for the testkit's in-memory
 * storage, faults scripted through {@link StorageFaults}, back-off waits passing on a {@link ManualSleeper}
 * without sleeping, and the callbacks checked against their contract by {@link RecordingCallback}.
 */
@Timeout(60)
class VideoUploadServiceTest {

    private static final Credentials KEYS = Credentials.of("service-key", "service-secret");
    private static final String ENDPOINT = "oss-cn-shanghai.aliyuncs.com";

    @TempDir
    Path dir;

    private final InMemoryObjectStorage storage = new InMemoryObjectStorage(KEYS);
    private final StorageFaults faults = storage;
    private final ManualSleeper sleeper = new ManualSleeper(new ManualClock());
    private final Uploader uploader = Uploader.builder(storage).sleeper(sleeper).clock(sleeper.clock()).build();
    private final RecordingCallback events = new RecordingCallback();

    @AfterEach
    void close() {
        uploader.close();
        storage.close();
    }

    @Test
    void upload_storageUnavailableOnce_retriesAndStoresTheVideo() throws Exception {
        Path file = Fixtures.randomFile(dir.resolve("intro.mp4"), 300 * 1024, 7);
        faults.failNext(Operation.PUT_OBJECT, 503, "ServiceUnavailable");
        VideoUploadService service = new VideoUploadService(uploader, CredentialsProvider.fixed(KEYS), ENDPOINT, BUCKET);

        UploadResult result = service.upload(file, events).completion().get(30, TimeUnit.SECONDS);

        events.assertWellFormed();
        assertThat(events.eventsOf(Retry.class)).extracting(Retry::code).containsExactly("ServiceUnavailable");
        assertThat(events.eventsOf(RetryResume.class)).hasSize(1);
        assertThat(sleeper.sleeps()).as("one back-off, waited on the manual clock").hasSize(1);
        StorageTarget target = service.targetFor("intro.mp4");
        byte[] expected = Files.readAllBytes(file);
        assertThat(storage.objectBytes(target)).hasValue(expected);
        assertThat(storage.objectMetadata(target).orElseThrow().contentType()).hasValue("video/mp4");
        assertThat(result.crc64()).isEqualTo(Crc64.of(expected));
    }

    @Test
    void upload_tokenExpires_refreshingProviderAskedOnceMoreAndVideoStored() throws Exception {
        Path file = Fixtures.randomFile(dir.resolve("intro.mp4"), 300 * 1024, 8);
        Credentials first = Credentials.sts("STS.first", "first-secret", "first-token", null);
        Credentials second = Credentials.sts("STS.second", "second-secret", "second-token", null);
        storage.acceptCredentials(first);
        storage.rotateCredentials(second); // what the first STS token signs is refused as expired from now on
        List<Credentials> answers = new CopyOnWriteArrayList<>(List.of(first, second));
        List<Credentials> handedOut = new CopyOnWriteArrayList<>();
        CredentialsProvider appServer = CredentialsProvider.refreshing(() -> {
            Credentials next = answers.remove(0);
            handedOut.add(next);
            return next;
        });
        VideoUploadService service = new VideoUploadService(uploader, appServer, ENDPOINT, BUCKET);

        service.upload(file, events).completion().get(30, TimeUnit.SECONDS);

        events.assertWellFormed();
        assertThat(events.eventsOf(TokenExpired.class)).hasSize(1);
        assertThat(handedOut).as("the app server asked at start and once per expiry").containsExactly(first, second);
        assertThat(storage.objectBytes(service.targetFor("intro.mp4"))).hasValue(Files.readAllBytes(file));
    }

    @Test
    void upload_accessDenied_failsOnceWithTheStoragesCodeAndStoresNothing() throws Exception {
        Path file = Fixtures.randomFile(dir.resolve("intro.mp4"), 300 * 1024, 9);
        faults.failNext(Operation.PUT_OBJECT, 403, "AccessDenied");
        VideoUploadService service = new VideoUploadService(uploader, CredentialsProvider.fixed(KEYS), ENDPOINT, BUCKET);

        UploadHandle handle = service.upload(file, events);
        CompletionException thrown = catchThrowableOfType(CompletionException.class, () -> handle.completion().join());

        events.assertWellFormed();
        assertThat(events.eventsOf(RecordingCallback.Failed.class)).extracting(RecordingCallback.Failed::code)
                .containsExactly("AccessDenied");
        assertThat(thrown.getCause()).isInstanceOfSatisfying(UploadFailedException.class, e -> {
            assertThat(e.code()).isEqualTo("AccessDenied");
            assertThat(e.httpStatus()).hasValue(403);
            assertThat(e.isRetryable()).isFalse();
        });
        assertThat(storage.statistics().requests(Operation.PUT_OBJECT)).as("not retried").isEqualTo(1);
        assertThat(storage.objectBytes(service.targetFor("intro.mp4"))).isEmpty();
    }
}
