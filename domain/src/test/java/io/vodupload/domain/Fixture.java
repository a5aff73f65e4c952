package io.vodupload.domain;

import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.StorageTarget;
import io.vodupload.testkit.InMemoryCheckpointStore;
import io.vodupload.testkit.ManualClock;
import io.vodupload.testkit.ManualSleeper;
import io.vodupload.testkit.RecordingCallback;
import io.vodupload.testkit.memory.InMemoryObjectStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test wiring: in-memory storage and checkpoints, a manual clock and sleeper, small parts. */
final class Fixture {

    static final int PART = 100 * 1024;
    static final Duration WAIT = Duration.ofSeconds(20);
    static final Credentials OLD = Credentials.sts("STS.old", "old-secret-XYZ", "old-token-XYZ", null);
    static final Credentials NEW = Credentials.sts("STS.new", "new-secret-XYZ", "new-token-XYZ", null);
    static final StorageTarget TARGET = StorageTarget.of("oss-cn-shanghai.aliyuncs.com", "vod-bucket",
            "sv/video one+1.mp4");

    final ManualClock clock = new ManualClock();
    final ManualSleeper sleeper = new ManualSleeper(clock);
    final InMemoryObjectStorage storage = new InMemoryObjectStorage(OLD, clock);
    final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    final RecordingCallback callback = new RecordingCallback();
    final Path dir;

    Fixture(Path dir) {
        this.dir = dir;
    }

    Uploader uploader() {
        return uploader(checkpoints);
    }

    Uploader uploader(CheckpointStore store) {
        return Uploader.builder(storage).checkpointStore(store).clock(clock).sleeper(sleeper).seed(42).build();
    }

    static UploadConfig.Builder config() {
        // waits for credentials as long as it takes: a ManualSleeper would end any finite wait at once
        return UploadConfig.builder().partSize(PART).parallelism(2).progressInterval(Duration.ZERO)
                .credentialsTimeout(null);
    }

    Path file(long size) throws IOException {
        return file("f-" + size + ".bin", size, size);
    }

    Path file(String name, long size, long seed) throws IOException {
        byte[] bytes = new byte[Math.toIntExact(size)];
        new Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    UploadRequest request(Path file, UploadConfig config) {
        return UploadRequest.builder(file, TARGET).config(config).build();
    }

    byte[] stored() {
        return storage.objectBytes(TARGET).orElseThrow(() -> new AssertionError("no object stored"));
    }

    /** A provider that hands out NEW on refresh and counts refreshes. */
    static final class Refreshing implements CredentialsProvider {
        final List<Credentials> refreshed = new CopyOnWriteArrayList<>();
        private final Credentials fresh;

        Refreshing(Credentials fresh) {
            this.fresh = fresh;
        }

        @Override
        public Credentials current() {
            return OLD;
        }

        @Override
        public Optional<Credentials> refresh(Credentials expired) throws InterruptedException {
            refreshed.add(expired);
            return Optional.of(fresh);
        }
    }
}
