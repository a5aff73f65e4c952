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
import io.vodupload.testkit.RecordingCallback.Failed;
import io.vodupload.testkit.RecordingCallback.Retry;
import io.vodupload.testkit.RecordingCallback.TokenExpired;
import io.vodupload.testkit.oss.OssOperation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fault matrix, clock skew: the server's clock runs 20 minutes ahead (OSS allows 15), so the first signed
 * request is refused with {@code RequestTimeTooSkewed}. The adapter takes the server's time from the error,
 * signs every later request with the corrected clock, and the upload succeeds — with either signature.
 */
class ClockSkewTest {

    private static final Duration AHEAD = Duration.ofMinutes(20);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Rig.Signature.class)
    void upload_serverClock20MinutesAhead_adapterCorrectsItsClockAndSucceeds(Rig.Signature signature)
            throws Exception {
        Path file = TestFiles.random(dir.resolve("skew.bin"), SMALL_FILE, 21);
        try (Rig rig = Rig.start(b -> b.clockOffset(AHEAD))) {
            Uploader uploader = rig.uploader(rig.storage(signature, Duration.ofSeconds(20)), CheckpointStore.NONE);
            StorageTarget target = rig.target("skew/" + signature + ".bin", signature);
            RecordingCallback callback = new RecordingCallback();

            UploadHandle handle = uploader.start(Uploads.request(file, target, SMALL_PART, 3),
                    CredentialsProvider.fixed(Rig.first()), callback);
            handle.completion().get(60, TimeUnit.SECONDS);

            Callbacks.assertSucceeded(callback, SMALL_FILE);
            assertThat(callback.eventsOf(Failed.class)).isEmpty();
            assertThat(callback.eventsOf(TokenExpired.class)).isEmpty();
            assertThat(callback.eventsOf(Retry.class)).as("a clock correction is no retry episode").isEmpty();
            // one refused Initiate, then every request signed with the corrected clock passed
            assertThat(rig.server.stats().requests(OssOperation.INITIATE_MULTIPART)).isEqualTo(2);
            String uploadId = Callbacks.started(callback).info().uploadId().orElseThrow();
            assertThat(rig.server.stats().partAttempts(uploadId).values()).hasSize(SMALL_PARTS)
                    .allSatisfy(n -> assertThat(n).isEqualTo(1));
            assertThat(rig.server.stats().requests(OssOperation.COMPLETE_MULTIPART)).isEqualTo(1);

            rig.assertSignedOnlyWith(signature);
            rig.assertObjectEquals(target.key(), file);
        }
    }
}
