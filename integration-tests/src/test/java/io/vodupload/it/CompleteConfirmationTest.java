package io.vodupload.it;

import static io.vodupload.it.Uploads.SMALL_FILE;
import static io.vodupload.it.Uploads.SMALL_PART;
import static io.vodupload.it.Uploads.SMALL_PARTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.adapters.local.JsonFileCheckpointStore;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadResult;
import io.vodupload.testkit.RecordingCallback;
import io.vodupload.testkit.RecordingCallback.Retry;
import io.vodupload.testkit.oss.OssOperation;
import io.vodupload.testkit.oss.OssStall;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault matrix, CompleteMultipartUpload is not blindly retried: when its answer is lost the product asks
 * the server (HeadObject) whether the object is already there with the file's size and CRC-64, and only
 * sends Complete again when it is not.
 */
class CompleteConfirmationTest {

    @TempDir
    Path dir;

    @Test
    void complete_serverCompletedButResponseLost_confirmsWithHeadAndNeverResends() throws Exception {
        Path file = TestFiles.random(dir.resolve("a.bin"), SMALL_FILE, 51);
        try (Rig rig = Rig.start()) {
            JsonFileCheckpointStore store = new JsonFileCheckpointStore(dir.resolve("checkpoints"));
            // the server completes the upload, then holds its answer past the client's response timeout
            Uploader uploader = rig.uploader(rig.storage(Rig.Signature.V4, Duration.ofSeconds(1)), store);
            StorageTarget target = rig.target("complete/lost-answer.bin", Rig.Signature.V4);
            OssStall stall = rig.server.faults().stallNext(OssOperation.COMPLETE_MULTIPART);
            RecordingCallback callback = new RecordingCallback();

            UploadResult result = uploader.start(Uploads.request(file, target, SMALL_PART, 3),
                    CredentialsProvider.fixed(Rig.first()), callback).completion().get(60, TimeUnit.SECONDS);
            assertThat(stall.isHeld()).isTrue();
            stall.release();

            Callbacks.assertSucceeded(callback, SMALL_FILE);
            assertThat(callback.eventsOf(Retry.class)).singleElement()
                    .satisfies(r -> assertThat(r.code()).isEqualTo("SocketTimeout"));
            assertThat(result.crc64()).isEqualTo(Digest.of(file).crc64());
            assertThat(rig.server.stats().requests(OssOperation.COMPLETE_MULTIPART)).as("Complete sent once")
                    .isEqualTo(1);
            assertThat(rig.server.stats().requests(OssOperation.HEAD_OBJECT)).as("confirmed by HeadObject")
                    .isGreaterThanOrEqualTo(1);
            assertThat(rig.server.stats().requests(OssOperation.INITIATE_MULTIPART)).as("no upload started over")
                    .isEqualTo(1);
            String uploadId = Callbacks.started(callback).info().uploadId().orElseThrow();
            assertThat(rig.server.stats().partAttempts(uploadId)).hasSize(SMALL_PARTS)
                    .allSatisfy((n, attempts) -> assertThat(attempts).as("attempts at part " + n).isEqualTo(1));
            rig.awaitUploadsQuiet();
            assertThat(store.list()).as("checkpoints").isEmpty();
            rig.assertSignedOnlyWith(Rig.Signature.V4);
            rig.assertObjectEquals(target.key(), file);
        }
    }

    @Test
    void complete_connectionResetBeforeServerCompleted_looksThenSendsCompleteAgain() throws Exception {
        Path file = TestFiles.random(dir.resolve("b.bin"), SMALL_FILE, 52);
        try (Rig rig = Rig.start()) {
            Uploader uploader = rig.uploader(rig.storage(Rig.Signature.V1, Duration.ofSeconds(20)),
                    new JsonFileCheckpointStore(dir.resolve("checkpoints")));
            StorageTarget target = rig.target("complete/reset.bin", Rig.Signature.V1);
            rig.server.faults().resetNext(OssOperation.COMPLETE_MULTIPART);
            RecordingCallback callback = new RecordingCallback();

            uploader.start(Uploads.request(file, target, SMALL_PART, 3), CredentialsProvider.fixed(Rig.first()),
                    callback).completion().get(60, TimeUnit.SECONDS);

            Callbacks.assertSucceeded(callback, SMALL_FILE);
            assertThat(callback.eventsOf(Retry.class)).hasSize(1);
            assertThat(rig.server.stats().requests(OssOperation.COMPLETE_MULTIPART)).isEqualTo(2);
            assertThat(rig.server.stats().requests(OssOperation.HEAD_OBJECT)).isGreaterThanOrEqualTo(1);
            String uploadId = Callbacks.started(callback).info().uploadId().orElseThrow();
            assertThat(rig.server.stats().partAttempts(uploadId).values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
            rig.assertSignedOnlyWith(Rig.Signature.V1);
            rig.assertObjectEquals(target.key(), file);
        }
    }
}
