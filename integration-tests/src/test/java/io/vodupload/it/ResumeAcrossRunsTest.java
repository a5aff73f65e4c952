package io.vodupload.it;

import static io.vodupload.it.Uploads.SMALL_FILE;
import static io.vodupload.it.Uploads.SMALL_PART;
import static io.vodupload.it.Uploads.SMALL_PARTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.adapters.http.HttpObjectStorage;
import io.vodupload.adapters.local.JsonFileCheckpointStore;
import io.vodupload.domain.RetryPolicy;
import io.vodupload.domain.UploadHandle;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;
import io.vodupload.ports.UploadResult;
import io.vodupload.ports.UploadStarted;
import io.vodupload.testkit.RecordingCallback;
import io.vodupload.testkit.RecordingCallback.Failed;
import io.vodupload.testkit.oss.OssOperation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fault matrix, resume across runs with the JSON-file checkpoint store: a first run ends after three of
 * eleven parts (a 5xx with retries off), leaving its multipart upload on the server and its checkpoint
 * on disk; a second run, with a new uploader, store and adapter as a new process would have, meets what
 * happened in between — nothing, a server that forgot the upload, a changed file, a corrupt checkpoint, a
 * checkpoint that claims more than the server holds — and always ends with the file's exact bytes.
 */
class ResumeAcrossRunsTest {

    private static final int DONE_IN_FIRST_RUN = 3;

    @TempDir
    Path dir;
    private Path checkpoints;

    /** What the first run left behind. */
    private record FirstRun(String uploadId, Checkpoint checkpoint) {
    }

    @BeforeEach
    void setUp() {
        checkpoints = dir.resolve("checkpoints");
    }

    @Test
    void resume_nothingChanged_resumesTheSameUploadWithoutResendingParts() throws Exception {
        Path file = TestFiles.random(dir.resolve("a.bin"), SMALL_FILE, 31);
        try (Rig rig = Rig.start()) {
            StorageTarget target = rig.target("resume/same.bin", Rig.Signature.V1);
            FirstRun first = firstRunStopsAfterThreeParts(rig, file, target, Rig.Signature.V1);

            RecordingCallback callback = secondRun(rig, file, target, Rig.Signature.V1);

            UploadStarted started = Callbacks.started(callback).info();
            assertThat(started.resumed()).isTrue();
            assertThat(started.uploadId()).hasValue(first.uploadId());
            assertThat(started.partsAlreadyDone()).isEqualTo(DONE_IN_FIRST_RUN);
            for (int n = 1; n <= DONE_IN_FIRST_RUN; n++) {
                assertThat(rig.server.stats().partAttempts(first.uploadId(), n)).as("attempts at part " + n).isEqualTo(1);
            }
            assertThat(rig.server.stats().partAttempts(first.uploadId())).hasSize(SMALL_PARTS);
            assertThat(lastSuccess(callback).resumed()).isTrue();
            assertNoCheckpointLeft(rig);
            assertThat(rig.server.uploadIds()).isEmpty();
            rig.assertSignedOnlyWith(Rig.Signature.V1);
            rig.assertObjectEquals(target.key(), file);
        }
    }

    @Test
    void resume_serverForgotTheUpload_startsOverCleanly() throws Exception {
        Path file = TestFiles.random(dir.resolve("b.bin"), SMALL_FILE, 32);
        try (Rig rig = Rig.start()) {
            StorageTarget target = rig.target("resume/forgotten.bin", Rig.Signature.V4);
            FirstRun first = firstRunStopsAfterThreeParts(rig, file, target, Rig.Signature.V4);
            assertThat(rig.server.faults().forgetUpload(first.uploadId())).isTrue();

            RecordingCallback callback = secondRun(rig, file, target, Rig.Signature.V4);

            UploadStarted started = Callbacks.started(callback).info();
            assertThat(started.resumed()).isFalse();
            assertThat(started.uploadId()).isPresent().isNotEqualTo(Optional.of(first.uploadId()));
            assertThat(rig.server.stats().requests(OssOperation.LIST_PARTS)).as("ListParts: NoSuchUpload").isEqualTo(1);
            assertThat(rig.server.stats().partAttempts(started.uploadId().get())).hasSize(SMALL_PARTS)
                    .allSatisfy((n, attempts) -> assertThat(attempts).isEqualTo(1));
            assertNoCheckpointLeft(rig);
            assertThat(rig.server.uploadIds()).isEmpty();
            rig.assertSignedOnlyWith(Rig.Signature.V4);
            rig.assertObjectEquals(target.key(), file);
        }
    }

    @Test
    void resume_fileRewrittenSameLengthNewMtime_abortsOldUploadAndUploadsTheNewBytes() throws Exception {
        Path file = TestFiles.random(dir.resolve("c.bin"), SMALL_FILE, 33);
        try (Rig rig = Rig.start()) {
            StorageTarget target = rig.target("resume/rewritten.bin", Rig.Signature.V1);
            FirstRun first = firstRunStopsAfterThreeParts(rig, file, target, Rig.Signature.V1);
            FileTime before = TestFiles.lastModified(file);
            TestFiles.random(file, SMALL_FILE, 3333);
            TestFiles.setLastModified(file, FileTime.fromMillis(before.toMillis() + 5_000));

            assertFreshUploadOfNewBytes(rig, file, target, first, Rig.Signature.V1);
        }
    }

    @Test
    void resume_fileGrewBetweenRuns_abortsOldUploadAndUploadsTheNewBytes() throws Exception {
        Path file = TestFiles.random(dir.resolve("d.bin"), SMALL_FILE, 34);
        try (Rig rig = Rig.start()) {
            StorageTarget target = rig.target("resume/grown.bin", Rig.Signature.V4);
            FirstRun first = firstRunStopsAfterThreeParts(rig, file, target, Rig.Signature.V4);
            Files.write(file, "appended after the first run".getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.APPEND);

            assertFreshUploadOfNewBytes(rig, file, target, first, Rig.Signature.V4);
        }
    }

    @Test
    void resume_finishedPartChangedButLengthAndMtimeKept_crcCheckCatchesItAndUploadsTheNewBytes() throws Exception {
        Path file = TestFiles.random(dir.resolve("e.bin"), SMALL_FILE, 35);
        try (Rig rig = Rig.start()) {
            StorageTarget target = rig.target("resume/sneaky.bin", Rig.Signature.V1);
            FirstRun first = firstRunStopsAfterThreeParts(rig, file, target, Rig.Signature.V1);
            FileTime before = TestFiles.lastModified(file);
            TestFiles.flipByte(file, SMALL_PART + 17); // inside part 2, which the checkpoint says is done
            TestFiles.setLastModified(file, before);

            assertFreshUploadOfNewBytes(rig, file, target, first, Rig.Signature.V1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "truncated"})
    void resume_corruptCheckpointFile_warnsAndUploadsFresh(String damage) throws Exception {
        Path file = TestFiles.random(dir.resolve("f.bin"), SMALL_FILE, 36);
        try (Rig rig = Rig.start(); LogCapture log = LogCapture.of(JsonFileCheckpointStore.class)) {
            StorageTarget target = rig.target("resume/corrupt-" + damage + ".bin", Rig.Signature.V4);
            FirstRun first = firstRunStopsAfterThreeParts(rig, file, target, Rig.Signature.V4);
            Path checkpointFile = onlyCheckpointFile();
            byte[] json = Files.readAllBytes(checkpointFile);
            Files.write(checkpointFile, damage.equals("garbage")
                    ? "\u0000\u0017 not a checkpoint {{".getBytes(StandardCharsets.UTF_8)
                    : Arrays.copyOf(json, json.length / 2));

            RecordingCallback callback = secondRun(rig, file, target, Rig.Signature.V4);

            assertThat(log.warnings()).as("warnings from the checkpoint store").hasSize(1).first()
                    .satisfies(w -> assertThat(w.message()).contains(checkpointFile.getFileName().toString()));
            UploadStarted started = Callbacks.started(callback).info();
            assertThat(started.resumed()).isFalse();
            assertThat(started.uploadId()).isNotEqualTo(Optional.of(first.uploadId()));
            assertThat(rig.server.stats().partAttempts(started.uploadId().orElseThrow())).hasSize(SMALL_PARTS);
            assertNoCheckpointLeft(rig);
            rig.assertSignedOnlyWith(Rig.Signature.V4);
            rig.assertObjectEquals(target.key(), file);
        }
    }

    @Test
    void resume_checkpointClaimsAPartTheServerLacks_uploadsThatPartAgain() throws Exception {
        Path file = TestFiles.random(dir.resolve("g.bin"), SMALL_FILE, 37);
        try (Rig rig = Rig.start()) {
            StorageTarget target = rig.target("resume/claims-too-much.bin", Rig.Signature.V1);
            FirstRun first = firstRunStopsAfterThreeParts(rig, file, target, Rig.Signature.V1);
            // part 4 failed in the first run; the checkpoint now claims it anyway, with the file's true CRC
            // (so the local check passes and only ListParts can tell)
            int lie = DONE_IN_FIRST_RUN + 1;
            long offset = (lie - 1) * SMALL_PART;
            List<CheckpointPart> parts = new ArrayList<>(first.checkpoint().parts());
            parts.add(new CheckpointPart(lie, offset, SMALL_PART, "0123456789ABCDEF0123456789ABCDEF",
                    crcOf(file, offset, SMALL_PART)));
            new JsonFileCheckpointStore(checkpoints).save(first.checkpoint().withParts(parts,
                    first.checkpoint().updatedAt()));

            RecordingCallback callback = secondRun(rig, file, target, Rig.Signature.V1);

            UploadStarted started = Callbacks.started(callback).info();
            assertThat(started.resumed()).isTrue();
            assertThat(started.uploadId()).hasValue(first.uploadId());
            assertThat(started.partsAlreadyDone()).as("parts ListParts confirmed").isEqualTo(DONE_IN_FIRST_RUN);
            assertThat(rig.server.stats().partAttempts(first.uploadId(), lie))
                    .as("part " + lie + ": refused in run 1, sent in run 2").isEqualTo(2);
            for (int n = 1; n <= DONE_IN_FIRST_RUN; n++) {
                assertThat(rig.server.stats().partAttempts(first.uploadId(), n)).isEqualTo(1);
            }
            assertNoCheckpointLeft(rig);
            rig.assertObjectEquals(target.key(), file);
        }
    }

    @Test
    void resume_serverHoldsAPartWithAnotherCrc_uploadsThatPartAgain() throws Exception {
        Path file = TestFiles.random(dir.resolve("h.bin"), SMALL_FILE, 38);
        Path other = TestFiles.random(dir.resolve("other.bin"), SMALL_PART, 3838);
        try (Rig rig = Rig.start()) {
            StorageTarget target = rig.target("resume/other-crc.bin", Rig.Signature.V4);
            FirstRun first = firstRunStopsAfterThreeParts(rig, file, target, Rig.Signature.V4);
            // someone replaces part 2 on the server with other bytes of the same size
            HttpObjectStorage intruder = rig.storage(Rig.Signature.V4, Duration.ofSeconds(20));
            intruder.uploadPart(target, Rig.first(), first.uploadId(), 2, new FileRegion(other, 0, SMALL_PART),
                    TransferListener.NONE);

            RecordingCallback callback = secondRun(rig, file, target, Rig.Signature.V4);

            UploadStarted started = Callbacks.started(callback).info();
            assertThat(started.resumed()).isTrue();
            assertThat(started.partsAlreadyDone()).isEqualTo(DONE_IN_FIRST_RUN - 1);
            assertThat(rig.server.stats().partAttempts(first.uploadId(), 2))
                    .as("part 2: run 1, the intruder, run 2").isEqualTo(3);
            assertThat(rig.server.stats().partAttempts(first.uploadId(), 1)).isEqualTo(1);
            assertThat(rig.server.stats().partAttempts(first.uploadId(), 3)).isEqualTo(1);
            assertNoCheckpointLeft(rig);
            rig.assertObjectEquals(target.key(), file);
        }
    }

    // ------------------------------------------------------------------------------------------------

    /**
     * Runs an upload that ends in failure after parts 1–3 (one part in flight; the 4th UploadPart gets a
     * 503 and retries are off), as a process that gave up would. Its multipart upload stays on the server
     * and its checkpoint on disk.
     */
    private FirstRun firstRunStopsAfterThreeParts(Rig rig, Path file, StorageTarget target, Rig.Signature signature)
            throws Exception {
        Uploader uploader = rig.uploader(rig.storage(signature, Duration.ofSeconds(20)),
                new JsonFileCheckpointStore(checkpoints));
        rig.server.faults().failOn(OssOperation.UPLOAD_PART, DONE_IN_FIRST_RUN + 1, 503, "ServiceUnavailable");
        RecordingCallback callback = new RecordingCallback();
        UploadHandle handle = uploader.start(Uploads.request(file, target, SMALL_PART, 1, RetryPolicy.noRetry()),
                CredentialsProvider.fixed(Rig.first()), callback);
        try {
            handle.completion().get(60, TimeUnit.SECONDS);
            throw new AssertionError("the first run was meant to fail");
        } catch (ExecutionException expected) {
            // the failure the first run was set up for
        }
        callback.assertWellFormed();
        assertThat(callback.eventsOf(Failed.class)).singleElement()
                .satisfies(f -> assertThat(f.code()).isEqualTo("ServiceUnavailable"));
        String uploadId = Callbacks.started(callback).info().uploadId().orElseThrow();
        assertThat(rig.server.uploadIds()).as("the first run's upload is kept for a resume").contains(uploadId);
        assertThat(rig.server.partNumbers(uploadId)).hasValueSatisfying(p -> assertThat(p).containsExactly(1, 2, 3));
        List<Checkpoint> stored = new JsonFileCheckpointStore(checkpoints).list();
        assertThat(stored).singleElement().satisfies(cp -> {
            assertThat(cp.uploadId()).isEqualTo(uploadId);
            assertThat(cp.parts()).extracting(CheckpointPart::partNumber).containsExactly(1, 2, 3);
        });
        return new FirstRun(uploadId, stored.get(0));
    }

    /** A second run as a new process would start it: its own store object, adapter and uploader. */
    private RecordingCallback secondRun(Rig rig, Path file, StorageTarget target, Rig.Signature signature)
            throws Exception {
        Uploader uploader = rig.uploader(rig.storage(signature, Duration.ofSeconds(20)),
                new JsonFileCheckpointStore(checkpoints));
        RecordingCallback callback = new RecordingCallback();
        long size = Files.size(file);
        uploader.start(Uploads.request(file, target, SMALL_PART, 2), CredentialsProvider.fixed(Rig.first()), callback)
                .completion().get(60, TimeUnit.SECONDS);
        Callbacks.assertSucceeded(callback, size);
        // what the run set going without waiting for it (aborting a stale upload, removing the checkpoint
        // after the success) has finished once its threads have
        rig.awaitUploadsQuiet();
        return callback;
    }

    /** The file changed: the old upload is aborted, a new one carries only the new bytes. */
    private void assertFreshUploadOfNewBytes(Rig rig, Path file, StorageTarget target, FirstRun first,
                                             Rig.Signature signature) throws Exception {
        int oldAttempts = totalAttempts(rig, first.uploadId());

        RecordingCallback callback = secondRun(rig, file, target, signature);

        UploadStarted started = Callbacks.started(callback).info();
        assertThat(started.resumed()).isFalse();
        assertThat(started.uploadId()).isPresent().isNotEqualTo(Optional.of(first.uploadId()));
        assertThat(rig.server.uploadIds()).as("the old upload was aborted").doesNotContain(first.uploadId());
        assertThat(rig.server.stats().requests(OssOperation.ABORT_MULTIPART)).isGreaterThanOrEqualTo(1);
        assertThat(totalAttempts(rig, first.uploadId())).as("nothing more went into the old upload")
                .isEqualTo(oldAttempts);
        long parts = (Files.size(file) + SMALL_PART - 1) / SMALL_PART;
        assertThat(rig.server.stats().partAttempts(started.uploadId().get())).as("every part sent afresh")
                .hasSize((int) parts);
        assertNoCheckpointLeft(rig);
        rig.assertSignedOnlyWith(signature);
        rig.assertObjectEquals(target.key(), file);
    }

    private static int totalAttempts(Rig rig, String uploadId) {
        return rig.server.stats().partAttempts(uploadId).values().stream().mapToInt(Integer::intValue).sum();
    }

    private static UploadResult lastSuccess(RecordingCallback callback) {
        return callback.eventsOf(RecordingCallback.Success.class).get(0).result();
    }

    private Path onlyCheckpointFile() throws IOException {
        try (Stream<Path> files = Files.list(checkpoints)) {
            List<Path> json = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(json).hasSize(1);
            return json.get(0);
        }
    }

    private void assertNoCheckpointLeft(Rig rig) throws IOException, InterruptedException {
        // the checkpoint is removed after onUploadSuccess, not before (a domain bug, UploadOrderingTest)
        rig.awaitUploadsQuiet();
        try (Stream<Path> files = Files.list(checkpoints)) {
            assertThat(files.filter(p -> p.toString().endsWith(".json")).toList()).as("checkpoint files").isEmpty();
        }
        assertThat(new JsonFileCheckpointStore(checkpoints).list()).isEmpty();
    }

    private static long crcOf(Path file, long offset, long length) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return Crc64.of(all, (int) offset, (int) length);
    }
}
