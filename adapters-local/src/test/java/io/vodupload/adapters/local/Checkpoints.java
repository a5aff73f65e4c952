package io.vodupload.adapters.local;

import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.StorageTarget;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Sample checkpoints for tests. */
final class Checkpoints {

    static final String FINGERPRINT = "0123456789abcdef0123456789abcdef";

    private Checkpoints() {
    }

    /** A checkpoint with a region and {@code partCount} finished parts of 1 MiB. */
    static Checkpoint sample(String fingerprint, int partCount) {
        List<CheckpointPart> parts = new ArrayList<>();
        for (int i = 1; i <= partCount; i++) {
            // CRCs with the top bit set: they must survive as unsigned values
            parts.add(new CheckpointPart(i, (i - 1) * 1_048_576L, 1_048_576L,
                    String.format("%032X", i * 7919L), 0x995DC9BBDF1939FAL + i));
        }
        StorageTarget target = new StorageTarget(URI.create("https://oss-cn-shanghai.aliyuncs.com"),
                "outin-bucket", "sv/clip 1+%/视频.mp4", Optional.of("cn-shanghai"));
        return new Checkpoint(Checkpoint.FORMAT_VERSION, fingerprint, Path.of("/home/u/videos/clip 1.mp4"),
                Math.max(10L, partCount) * 1_048_576L, 1_700_000_000_123L, target, "0004B9895DBBB6EC98E36ABCDEF01234",
                1_048_576L, parts, Instant.parse("2024-05-01T12:34:56.789Z"));
    }
}
