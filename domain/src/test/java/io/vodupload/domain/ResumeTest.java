package io.vodupload.domain;

import static io.vodupload.domain.Fixture.OLD;
import static io.vodupload.domain.Fixture.PART;
import static io.vodupload.domain.Fixture.TARGET;
import static io.vodupload.domain.Fixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.TransferListener;
import io.vodupload.testkit.RecordingCallback;
import io.vodupload.testkit.RecordingCallback.Failed;
import io.vodupload.testkit.RecordingCallback.Started;
import io.vodupload.testkit.RecordingCallback.Success;
import io.vodupload.testkit.StorageFaults.Operation;
import io.vodupload.testkit.memory.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resume across "processes": a first upload stops, a new Uploader over the same stores picks it up. */
class ResumeTest {

    @TempDir
    Path dir;

    private Fixture f;
    private Path file;

    /** Uploads parts 1..3 of 6, then fails with a fatal error on part 4, leaving upload and checkpoint. */
    private Checkpoint interruptedUpload() throws Exception {
        f = new Fixture(dir);
        file = f.file(5L * PART + 999);
        f.storage.failPart(4, 1, StorageException.Kind.FATAL);
        f.uploader().start(f.request(file, Fixture.config().parallelism(1).build()), CredentialsProvider.fixed(OLD),
                f.callback);
        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOfSatisfying(Failed.class,
                e -> assertThat(e.code()).isEqualTo("AccessDenied"));
        assertThat(f.storage.uploadsInProgress()).hasSize(1);
        Checkpoint cp = f.checkpoints.list().get(0);
        assertThat(cp.parts()).extracting(p -> p.partNumber()).containsExactly(1, 2, 3);
        f.checkpoints.clearHistory();
        return cp;
    }

    private RecordingCallback secondRun() throws Exception {
        RecordingCallback second = new RecordingCallback();
        f.uploader().start(f.request(file, Fixture.config().parallelism(2).build()), CredentialsProvider.fixed(OLD),
                second);
        second.awaitTerminal(WAIT);
        second.assertWellFormed();
        return second;
    }

    @Test
    void start_afterAnInterruptedUpload_resumesWithoutResendingFinishedParts() throws Exception {
        Checkpoint cp = interruptedUpload();

        RecordingCallback second = secondRun();

        Started started = second.eventsOf(Started.class).get(0);
        assertThat(started.info().resumed()).isTrue();
        assertThat(started.info().partsAlreadyDone()).isEqualTo(3);
        assertThat(started.info().uploadId()).hasValue(cp.uploadId());
        assertThat(second.eventsOf(Success.class).get(0).result().resumed()).isTrue();
        assertThat(second.eventsOf(RecordingCallback.Progress.class).get(0).uploaded()).isGreaterThanOrEqualTo(3L * PART);
        for (int n = 1; n <= 6; n++) {
            assertThat(f.storage.statistics().partsStored(n)).as("part %d", n).isEqualTo(1);
        }
        assertThat(f.stored()).isEqualTo(Files.readAllBytes(file));
        assertThat(f.checkpoints.list()).isEmpty();
        assertThat(f.storage.statistics().requests(Operation.LIST_PARTS)).isEqualTo(1);
    }

    @Test
    void start_fileChangedBetweenRuns_abortsTheOldUploadAndStartsOver() throws Exception {
        Checkpoint cp = interruptedUpload();
        byte[] other = Files.readAllBytes(file);
        other[0] ^= 1;
        Files.write(file, other);
        Files.setLastModifiedTime(file, FileTime.fromMillis(cp.fileLastModifiedMillis() + 5000));

        RecordingCallback second = secondRun();

        assertThat(second.eventsOf(Started.class).get(0).info().resumed()).isFalse();
        assertThat(f.checkpoints.removes()).contains(cp.fingerprint());
        assertThat(f.storage.uploadsInProgress()).doesNotContain(cp.uploadId());
        assertThat(f.stored()).isEqualTo(other);
        assertThat(f.checkpoints.list()).isEmpty();
    }

    @Test
    void start_finishedPartBytesChangedButNotMtime_startsOver() throws Exception {
        Checkpoint cp = interruptedUpload();
        byte[] other = Files.readAllBytes(file);
        other[PART + 7] ^= 1; // inside part 2, which the checkpoint claims
        Files.write(file, other);
        Files.setLastModifiedTime(file, FileTime.fromMillis(cp.fileLastModifiedMillis()));

        RecordingCallback second = secondRun();

        assertThat(second.eventsOf(Started.class).get(0).info().resumed()).isFalse();
        assertThat(f.storage.uploadsInProgress()).doesNotContain(cp.uploadId());
        assertThat(f.stored()).isEqualTo(other);
    }

    @Test
    void start_uploadGoneOnResume_startsOverCleanly() throws Exception {
        Checkpoint cp = interruptedUpload();
        f.storage.forgetUpload(cp.uploadId());

        RecordingCallback second = secondRun();

        assertThat(second.eventsOf(Started.class).get(0).info().resumed()).isFalse();
        assertThat(second.eventsOf(Started.class).get(0).info().uploadId()).isPresent().get().isNotEqualTo(cp.uploadId());
        assertThat(f.checkpoints.removes()).contains(cp.fingerprint());
        assertThat(f.stored()).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void start_serverPartDiffersFromTheCheckpoint_reuploadsThatPart() throws Exception {
        Checkpoint cp = interruptedUpload();
        // storage now holds other bytes as part 2 (same size): ListParts is the truth
        Path junk = f.file("junk.bin", PART, 99);
        f.storage.uploadPart(TARGET, OLD, cp.uploadId(), 2, new FileRegion(junk.toAbsolutePath(), 0, PART),
                TransferListener.NONE);

        RecordingCallback second = secondRun();

        assertThat(second.eventsOf(Started.class).get(0).info().partsAlreadyDone()).isEqualTo(2);
        assertThat(f.storage.statistics().partsStored(2)).isEqualTo(3); // first run, junk, re-upload
        assertThat(f.storage.statistics().partsStored(1)).isEqualTo(1);
        assertThat(f.stored()).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void start_resumeDisabled_ignoresTheCheckpoint() throws Exception {
        interruptedUpload();
        RecordingCallback second = new RecordingCallback();

        f.uploader().start(f.request(file, Fixture.config().resume(false).build()), CredentialsProvider.fixed(OLD), second);
        second.awaitTerminal(WAIT);

        assertThat(second.eventsOf(Started.class).get(0).info().resumed()).isFalse();
        assertThat(f.storage.statistics().partsStored(1)).isEqualTo(2);
    }

    @Test
    void start_resumeWithPartsDoneAndListPartsRetried_noCallbackComesBeforeStarted() throws Exception {
        interruptedUpload();
        f.storage.failNext(Operation.LIST_PARTS, 503, "ServiceUnavailable");

        RecordingCallback second = secondRun();

        // the engine alone keeps this order: the parts found done are known before onUploadStarted goes out,
        // and the retried ListParts opened an episode before it
        assertThat(second.names().get(0)).isEqualTo("Started");
        assertThat(second.names().get(1)).isEqualTo("Progress");
        assertThat(second.eventsOf(RecordingCallback.Progress.class).get(0).uploaded()).isGreaterThanOrEqualTo(3L * PART);
        assertThat(second.namesWithoutProgress()).containsExactly("Started", "Success");
        assertThat(f.storage.statistics().requests(Operation.LIST_PARTS)).isEqualTo(2);
    }

    @Test
    void complete_responseLost_isConfirmedWithHeadAndNotSentAgain() throws Exception {
        f = new Fixture(dir);
        file = f.file(3L * PART);
        f.storage.failNext(Operation.COMPLETE_MULTIPART, Fault.lostResponse());

        f.uploader().start(f.request(file, Fixture.config().build()), CredentialsProvider.fixed(OLD), f.callback);

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOf(Success.class);
        assertThat(f.storage.statistics().requests(Operation.COMPLETE_MULTIPART)).isEqualTo(1);
        assertThat(f.storage.statistics().requests(Operation.HEAD_OBJECT)).isEqualTo(1);
        assertThat(f.callback.namesWithoutProgress()).containsExactly("Started", "Retry", "RetryResume", "Success");
        assertThat(f.stored()).isEqualTo(Files.readAllBytes(file));
        f.callback.assertWellFormed();
    }

    @Test
    void complete_503BeforeCommit_headFindsNothingAndCompleteIsRetried() throws Exception {
        f = new Fixture(dir);
        file = f.file(3L * PART);
        f.storage.failNext(Operation.COMPLETE_MULTIPART, 503, "ServiceUnavailable");

        f.uploader().start(f.request(file, Fixture.config().build()), CredentialsProvider.fixed(OLD), f.callback);

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOf(Success.class);
        assertThat(f.storage.statistics().requests(Operation.COMPLETE_MULTIPART)).isEqualTo(2);
        assertThat(f.storage.statistics().requests(Operation.HEAD_OBJECT)).isEqualTo(1);
        assertThat(f.sleeper.sleeps()).hasSize(1);
        f.callback.assertWellFormed();
    }

    @Test
    void complete_noSuchUploadAndNoObject_startsOverAndSucceeds() throws Exception {
        f = new Fixture(dir);
        file = f.file(3L * PART);
        f.storage.failNext(Operation.COMPLETE_MULTIPART, 404, "NoSuchUpload");

        f.uploader().start(f.request(file, Fixture.config().build()), CredentialsProvider.fixed(OLD), f.callback);

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOf(Success.class);
        assertThat(f.storage.statistics().requests(Operation.INITIATE_MULTIPART)).isEqualTo(2);
        assertThat(f.storage.statistics().partsStored(1)).isEqualTo(2); // allowed: the upload was gone
        assertThat(f.stored()).isEqualTo(Files.readAllBytes(file));
        f.callback.assertWellFormed();
    }

    @Test
    void uploadPart_uploadForgottenMidway_startsOverAndSucceeds() throws Exception {
        f = new Fixture(dir);
        file = f.file(4L * PART);
        f.storage.failPart(3, 1, StorageException.Kind.UPLOAD_GONE);

        f.uploader().start(f.request(file, Fixture.config().parallelism(1).build()), CredentialsProvider.fixed(OLD),
                f.callback);

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOf(Success.class);
        assertThat(f.storage.statistics().requests(Operation.INITIATE_MULTIPART)).isEqualTo(2);
        assertThat(f.stored()).isEqualTo(Files.readAllBytes(file));
        // Started again for the new upload, so the upload id last heard is the one that completed
        List<Started> started = f.callback.eventsOf(Started.class);
        assertThat(started).hasSize(2);
        assertThat(started.get(1).info().uploadId()).isPresent().get().isNotEqualTo(started.get(0).info().uploadId().get());
        f.callback.assertWellFormed();
    }

    @Test
    void uploadPart_clockSkew_isRetriedWithoutARetryEpisode() throws Exception {
        f = new Fixture(dir);
        file = f.file(3L * PART);
        f.storage.failPart(2, 1, StorageException.Kind.CLOCK_SKEW);

        f.uploader().start(f.request(file, Fixture.config().build()), CredentialsProvider.fixed(OLD), f.callback);

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOf(Success.class);
        assertThat(f.callback.names()).doesNotContain("Retry");
        assertThat(f.storage.statistics().partAttempts(2)).isEqualTo(2);
    }

    @Test
    void uploadPart_clockSkewKeepsComing_failsWithTheServerCode() throws Exception {
        f = new Fixture(dir);
        file = f.file(3L * PART);
        for (int a = 1; a <= 4; a++) {
            f.storage.failPart(1, a, StorageException.Kind.CLOCK_SKEW);
        }

        f.uploader().start(f.request(file, Fixture.config().parallelism(1).build()), CredentialsProvider.fixed(OLD),
                f.callback);

        assertThat(f.callback.awaitTerminal(WAIT)).isInstanceOfSatisfying(Failed.class,
                e -> assertThat(e.code()).isEqualTo("RequestTimeTooSkewed"));
    }
}
