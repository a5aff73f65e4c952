package io.vodupload.it;

import static io.vodupload.it.Uploads.SMALL_FILE;
import static io.vodupload.it.Uploads.SMALL_PART;
import static io.vodupload.it.Uploads.SMALL_PARTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.domain.UploadHandle;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.StorageTarget;
import io.vodupload.testkit.RecordingCallback;
import io.vodupload.testkit.RecordingCallback.Retry;
import io.vodupload.testkit.oss.OssOperation;
import io.vodupload.testkit.oss.OssStall;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault matrix, transient faults: 5xx answers, a connection reset while a part's body is being sent, and a
 * response held past the adapter's response timeout. Each is retried with back-off (recorded, not slept),
 * reported as one retry episode per burst, and the object comes out byte-identical.
 */
class TransientFaultsTest {

    private static final Duration GENEROUS = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void upload_fivexxOnSeveralPartsAndOnComplete_retriesAndSucceeds() throws Exception {
        Path file = TestFiles.random(dir.resolve("a.bin"), SMALL_FILE, 1);
        try (Rig rig = Rig.start()) {
            Uploader uploader = rig.uploader(rig.storage(Rig.Signature.V1, GENEROUS), CheckpointStore.NONE);
            StorageTarget target = rig.target("faults/5xx.bin", Rig.Signature.V1);
            rig.server.faults().failOn(OssOperation.UPLOAD_PART, 1, 503, "ServiceUnavailable");
            rig.server.faults().failOn(OssOperation.UPLOAD_PART, 4, 500, "InternalError");
            rig.server.faults().failOn(OssOperation.UPLOAD_PART, 8, 504, "GatewayTimeout");
            rig.server.faults().failNext(OssOperation.COMPLETE_MULTIPART, 500, "InternalError");
            RecordingCallback callback = new RecordingCallback();

            UploadHandle handle = uploader.start(Uploads.request(file, target, SMALL_PART, 2),
                    CredentialsProvider.fixed(Rig.first()), callback);
            handle.completion().get(60, TimeUnit.SECONDS);

            Callbacks.assertSucceeded(callback, SMALL_FILE);
            assertThat(callback.eventsOf(Retry.class)).as("retry episodes").isNotEmpty()
                    .allSatisfy(r -> assertThat(r.code()).isIn("ServiceUnavailable", "InternalError", "GatewayTimeout"));
            String uploadId = Callbacks.started(callback).info().uploadId().orElseThrow();
            Map<Integer, Integer> attempts = rig.server.stats().partAttempts(uploadId);
            assertThat(attempts).hasSize(SMALL_PARTS);
            assertThat(attempts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(SMALL_PARTS + 3);
            // Complete failed once: the product looked (HEAD) before sending it again
            assertThat(rig.server.stats().requests(OssOperation.COMPLETE_MULTIPART)).isEqualTo(2);
            assertThat(rig.server.stats().requests(OssOperation.HEAD_OBJECT)).isGreaterThanOrEqualTo(1);
            assertThat(rig.sleeper.sleeps()).as("back-offs asked for").hasSize(4);

            rig.assertSignedOnlyWith(Rig.Signature.V1);
            rig.assertObjectEquals(target.key(), file);
        }
    }

    @Test
    void upload_fivexxOnInitiate_retriesAndSucceeds() throws Exception {
        Path file = TestFiles.random(dir.resolve("d.bin"), SMALL_FILE, 4);
        try (Rig rig = Rig.start()) {
            Uploader uploader = rig.uploader(rig.storage(Rig.Signature.V4, GENEROUS), CheckpointStore.NONE);
            StorageTarget target = rig.target("faults/5xx-initiate.bin", Rig.Signature.V4);
            rig.server.faults().failNext(OssOperation.INITIATE_MULTIPART, 503, "ServiceUnavailable");
            RecordingCallback callback = new RecordingCallback();

            UploadHandle handle = uploader.start(Uploads.request(file, target, SMALL_PART, 2),
                    CredentialsProvider.fixed(Rig.first()), callback);
            handle.completion().get(60, TimeUnit.SECONDS);

            // the callback order is checked by the test below; here: the outcome
            assertThat(callback.terminalCount()).isEqualTo(1);
            assertThat(callback.events().get(callback.events().size() - 1)).isInstanceOf(RecordingCallback.Success.class);
            assertThat(rig.server.stats().requests(OssOperation.INITIATE_MULTIPART)).isEqualTo(2);
            assertThat(rig.server.uploadIds()).as("the failed Initiate created nothing; the retried one completed")
                    .isEmpty();
            rig.assertSignedOnlyWith(Rig.Signature.V4);
            rig.assertObjectEquals(target.key(), file);
        }
    }

    @Test
    void upload_fivexxOnInitiate_reportsStartedFirst() throws Exception {
        Path file = TestFiles.random(dir.resolve("e.bin"), SMALL_FILE, 5);
        try (Rig rig = Rig.start()) {
            Uploader uploader = rig.uploader(rig.storage(Rig.Signature.V1, GENEROUS), CheckpointStore.NONE);
            StorageTarget target = rig.target("faults/5xx-initiate-order.bin", Rig.Signature.V1);
            rig.server.faults().failNext(OssOperation.INITIATE_MULTIPART, 503, "ServiceUnavailable");
            RecordingCallback callback = new RecordingCallback();

            uploader.start(Uploads.request(file, target, SMALL_PART, 2), CredentialsProvider.fixed(Rig.first()),
                    callback).completion().get(60, TimeUnit.SECONDS);

            Callbacks.assertSucceeded(callback, SMALL_FILE);
        }
    }

    @Test
    void upload_connectionResetMidBody_resendsThatPartAndSucceeds() throws Exception {
        // 1 MiB parts, so that the server cuts the connection with most of the body still to come
        long size = 4L * TestFiles.MIB;
        long partSize = TestFiles.MIB;
        Path file = TestFiles.random(dir.resolve("b.bin"), size, 2);
        try (Rig rig = Rig.start()) {
            Uploader uploader = rig.uploader(rig.storage(Rig.Signature.V4, GENEROUS), CheckpointStore.NONE);
            StorageTarget target = rig.target("faults/reset.bin", Rig.Signature.V4);
            rig.server.faults().resetOn(OssOperation.UPLOAD_PART, 2);
            RecordingCallback callback = new RecordingCallback();

            UploadHandle handle = uploader.start(Uploads.request(file, target, partSize, 2),
                    CredentialsProvider.fixed(Rig.first()), callback);
            handle.completion().get(60, TimeUnit.SECONDS);

            Callbacks.assertSucceeded(callback, size);
            assertThat(callback.eventsOf(Retry.class)).hasSize(1).first()
                    .satisfies(r -> assertThat(r.code()).isIn("ConnectionReset", "NoResponse", "TruncatedResponse"));
            String uploadId = Callbacks.started(callback).info().uploadId().orElseThrow();
            Map<Integer, Integer> attempts = rig.server.stats().partAttempts(uploadId);
            assertThat(attempts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(4 + 1);
            assertThat(rig.server.stats().bytesReceived()).as("bytes received: the file, the cut body, the Complete XML")
                    .isGreaterThan(size).isLessThan(size + partSize + 4096);

            rig.assertSignedOnlyWith(Rig.Signature.V4);
            rig.assertObjectEquals(target.key(), file);
        }
    }

    @Test
    void upload_responseStalledBeyondTimeout_resendsThatPartAndSucceeds() throws Exception {
        Path file = TestFiles.random(dir.resolve("c.bin"), SMALL_FILE, 3);
        try (Rig rig = Rig.start()) {
            // the stall is real time by nature: keep the timeout that must expire short
            Uploader uploader = rig.uploader(rig.storage(Rig.Signature.V1, Duration.ofSeconds(1)), CheckpointStore.NONE);
            StorageTarget target = rig.target("faults/stall.bin", Rig.Signature.V1);
            OssStall stall = rig.server.faults().stallOn(OssOperation.UPLOAD_PART, 3);
            RecordingCallback callback = new RecordingCallback();

            UploadHandle handle = uploader.start(Uploads.request(file, target, SMALL_PART, 2),
                    CredentialsProvider.fixed(Rig.first()), callback);
            handle.completion().get(60, TimeUnit.SECONDS);
            assertThat(stall.isHeld()).isTrue();
            assertThat(stall.isReleased()).as("nothing released the stall: the client gave up on it").isFalse();
            stall.release();

            Callbacks.assertSucceeded(callback, SMALL_FILE);
            assertThat(callback.eventsOf(Retry.class)).hasSize(1).first()
                    .satisfies(r -> assertThat(r.code()).isEqualTo("SocketTimeout"));
            String uploadId = Callbacks.started(callback).info().uploadId().orElseThrow();
            assertThat(rig.server.stats().partAttempts(uploadId).values().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(SMALL_PARTS + 1);

            rig.assertSignedOnlyWith(Rig.Signature.V1);
            rig.assertObjectEquals(target.key(), file);
        }
    }
}
