package io.vodupload.it;

import static io.vodupload.it.TestFiles.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.domain.UploadConfig;
import io.vodupload.domain.UploadHandle;
import io.vodupload.domain.UploadRequest;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadResult;
import io.vodupload.testkit.RecordingCallback;
import io.vodupload.testkit.RecordingCallback.Retry;
import io.vodupload.testkit.RecordingCallback.TokenExpired;
import io.vodupload.testkit.oss.OssOperation;
import io.vodupload.testkit.oss.OssStall;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's end-to-end test: the domain engine over adapters-http against the testkit OSS server uploads a
 * 64 MiB random file with 4 parts in flight, byte-identical, through injected 5xx, a connection reset
 * mid-body and a stall beyond the adapter's response timeout. Real sockets, V4 signatures, an STS token.
 */
class EndToEndUploadTest {

    private static final long SIZE = 64L * MIB;
    private static final long PART_SIZE = 4L * MIB;
    private static final int PARTS = 16;
    private static final int PARALLELISM = 4;
    /** Long enough that a 4 MiB part on loopback never trips it, short enough to keep the stall cheap. */
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void upload_64MiBWithFivexxResetAndStall_isByteIdentical() throws Exception {
        Path file = TestFiles.random(dir.resolve("movie-64mib.bin"), SIZE, 64);
        try (Rig rig = Rig.start()) {
            RecordingStorage storage = new RecordingStorage(rig.storage(Rig.Signature.V4, RESPONSE_TIMEOUT));
            Uploader uploader = rig.uploader(storage, CheckpointStore.NONE);
            StorageTarget target = rig.target("e2e/movie 64MiB.bin", Rig.Signature.V4);
            // counted from now: the 2nd and 5th UploadParts get 5xx, the 7th loses its connection while
            // sending, the 10th is processed but its answer held past the response timeout
            rig.server.faults().failOn(OssOperation.UPLOAD_PART, 2, 503, "ServiceUnavailable");
            rig.server.faults().failOn(OssOperation.UPLOAD_PART, 5, 500, "InternalError");
            rig.server.faults().resetOn(OssOperation.UPLOAD_PART, 7);
            OssStall stall = rig.server.faults().stallOn(OssOperation.UPLOAD_PART, 10);
            RecordingCallback callback = new RecordingCallback();

            UploadHandle handle = uploader.start(UploadRequest.builder(file, target)
                            .config(UploadConfig.builder().partSize(PART_SIZE).parallelism(PARALLELISM).build())
                            .build(),
                    CredentialsProvider.fixed(Rig.first()), callback);
            UploadResult result = handle.completion().get(90, TimeUnit.SECONDS);
            stall.release();

            Digest expected = Digest.of(file);
            assertThat(result.size()).isEqualTo(SIZE);
            assertThat(result.crc64()).isEqualTo(expected.crc64());
            assertThat(result.partCount()).isEqualTo(PARTS);
            assertThat(stall.isHeld()).as("the stall caught a request").isTrue();

            Callbacks.assertSucceeded(callback, SIZE);
            assertThat(Callbacks.started(callback).info().partCount()).isEqualTo(PARTS);
            assertThat(callback.eventsOf(Retry.class)).as("retry episodes").isNotEmpty();
            assertThat(callback.eventsOf(TokenExpired.class)).isEmpty();

            String uploadId = Callbacks.started(callback).info().uploadId().orElseThrow();
            Map<Integer, Integer> attempts = rig.server.stats().partAttempts(uploadId);
            assertThat(attempts.keySet()).as("parts the server saw").hasSize(PARTS);
            // the four faults cost one extra attempt each (a retried part may meet the next fault too);
            // nothing else was sent twice
            assertThat(attempts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(PARTS + 4);
            assertThat(storage.maxConcurrentParts()).as("parts in flight at once").isEqualTo(PARALLELISM);
            assertThat(storage.resendsOfFinishedParts()).as("finished parts sent again").isEmpty();
            assertThat(rig.server.stats().requests(OssOperation.COMPLETE_MULTIPART)).isEqualTo(1);
            assertThat(rig.sleeper.sleeps()).as("back-offs asked for (recorded, not slept)").hasSize(4);
            assertThat(rig.server.uploadIds()).as("multipart uploads left open").isEmpty();

            rig.assertSignedOnlyWith(Rig.Signature.V4);
            rig.assertObjectEquals(target.key(), file);
        }
    }
}
