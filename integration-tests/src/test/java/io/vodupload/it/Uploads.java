package io.vodupload.it;

import io.vodupload.domain.RetryPolicy;
import io.vodupload.domain.UploadConfig;
import io.vodupload.domain.UploadRequest;
import io.vodupload.ports.StorageTarget;
import java.nio.file.Path;
import java.time.Duration;

/** The small uploads most fault-matrix tests use: 1 MiB in 100 KiB parts (11 parts, the last short). */
final class Uploads {

    static final long SMALL_FILE = TestFiles.MIB;
    static final long SMALL_PART = 100L * TestFiles.KIB;
    static final int SMALL_PARTS = 11;
    /** The retry policy with real back-off ceilings; the rig's sleeper records them instead of sleeping. */
    static final RetryPolicy RETRIES = new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(5));

    private Uploads() {
    }

    static UploadRequest request(Path file, StorageTarget target, long partSize, int parallelism) {
        return request(file, target, partSize, parallelism, RETRIES);
    }

    static UploadRequest request(Path file, StorageTarget target, long partSize, int parallelism, RetryPolicy retries) {
        return UploadRequest.builder(file, target)
                .config(UploadConfig.builder().partSize(partSize).parallelism(parallelism).retryPolicy(retries).build())
                .build();
    }
}
