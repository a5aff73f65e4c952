package io.vodupload.domain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.domain.UploadState;
import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.ObjectInfo;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.ObjectReceipt;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.StorageException.Kind;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.Verification;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import io.vodupload.domain.ErrorCode;
import org.junit.jupiter.api.Test;

/** The pure transition function, event by event, without threads or storage. */
class MachineTest {

    private static final long PART = 102_400;
    private static final StorageTarget TARGET = StorageTarget.of("h", "b", "k");
    private static final LocalFile.Snapshot FILE = new LocalFile.Snapshot(Path.of("/f"), 3 * PART, 1000);
    private static final Spec SPEC = new Spec(FILE, TARGET, ObjectMetadata.EMPTY, "00000000000000aa",
            PartPlan.of(3 * PART, PART), 2, 3, true, Optional.empty());

    private State state = Live.initial(SPEC);
    private List<Effect> effects;
    private boolean applied;

    private void on(Event e) {
        on(e, -1);
    }

    private void on(Event e, long atNanos) {
        Transition t = Machine.next(state, e, atNanos);
        state = t.state();
        effects = t.effects();
        applied = t.applied();
    }

    private List<Op> calls() {
        return effects.stream().filter(Effect.Call.class::isInstance).map(e -> ((Effect.Call) e).op()).toList();
    }

    private List<Notification> notes() {
        return effects.stream().filter(Effect.Notify.class::isInstance)
                .map(e -> ((Effect.Notify) e).notification()).toList();
    }

    private static PartReceipt receipt(int n) {
        return PartReceipt.of(n, "E" + n, PART, n);
    }

    private void startAndInitiate() {
        on(new Event.Start(Optional.empty(), List.of()));
        on(new Event.Initiated(new Op.Initiate(0), "U1"));
    }

    @Test
    void start_fresh_initiates() {
        on(new Event.Start(Optional.empty(), List.of()));

        assertThat(calls()).containsExactly(new Op.Initiate(0));
        assertThat(state.publicState()).isEqualTo(UploadState.INITIATING);
    }

    @Test
    void initiated_notifiesStartedSavesAndFillsParallelism() {
        startAndInitiate();

        assertThat(notes()).singleElement().isInstanceOf(Notification.Started.class);
        assertThat(effects).anySatisfy(e -> assertThat(e).isInstanceOf(Effect.SaveCheckpoint.class));
        assertThat(calls()).containsExactly(new Op.UploadPart(0, 1), new Op.UploadPart(0, 2));
        assertThat(state.publicState()).isEqualTo(UploadState.UPLOADING);
    }

    @Test
    void retryEpisode_oneRetryNotificationForTwoFailures_andOneResume() {
        startAndInitiate();
        Event.Failure f503 = new Event.Failure(Kind.RETRYABLE, "ServiceUnavailable", "503");

        on(new Event.OpFailed(new Op.UploadPart(0, 1), 0, f503));
        assertThat(notes()).containsExactly(new Notification.Retry("ServiceUnavailable", "503"));
        assertThat(effects).contains(new Effect.Backoff(new Op.UploadPart(0, 1), 1));
        assertThat(state.publicState()).isEqualTo(UploadState.RETRYING);
        on(new Event.OpFailed(new Op.UploadPart(0, 2), 0, f503));
        assertThat(notes()).isEmpty();
        on(new Event.BackoffElapsed(new Op.UploadPart(0, 1)));
        assertThat(calls()).containsExactly(new Op.UploadPart(0, 1));
        on(new Event.PartUploaded(new Op.UploadPart(0, 1), receipt(1)));
        assertThat(notes()).isEmpty(); // part 2 is still retrying
        on(new Event.BackoffElapsed(new Op.UploadPart(0, 2)));
        on(new Event.PartUploaded(new Op.UploadPart(0, 2), receipt(2)));
        assertThat(notes()).containsExactly(new Notification.RetryResume());
    }

    @Test
    void retryable_atMaxAttempts_failsWithTheServerCode() {
        startAndInitiate();
        Op part = new Op.UploadPart(0, 1);
        Event.Failure f = new Event.Failure(Kind.RETRYABLE, "InternalError", "500");
        for (int i = 0; i < 2; i++) {
            on(new Event.OpFailed(part, 0, f));
            on(new Event.BackoffElapsed(part));
        }

        on(new Event.OpFailed(part, 0, f));

        assertThat(state).isInstanceOf(State.Failed.class);
        assertThat(((State.Failed) state).code()).isEqualTo("InternalError");
        assertThat(effects).contains(new Effect.InterruptTransfers());
        assertThat(calls()).isEmpty(); // checkpointing: the upload is kept for a resume
    }

    @Test
    void expiry_twoPartsOneRefresh_thenBothGoAgain() {
        startAndInitiate();
        Event.Failure expired = new Event.Failure(Kind.CREDENTIALS_EXPIRED, "SecurityTokenExpired", "403");

        on(new Event.OpFailed(new Op.UploadPart(0, 1), 0, expired));
        assertThat(notes()).containsExactly(new Notification.TokenExpired());
        assertThat(effects).contains(new Effect.RefreshCredentials(0));
        assertThat(state.publicState()).isEqualTo(UploadState.AWAITING_CREDENTIALS);
        on(new Event.OpFailed(new Op.UploadPart(0, 2), 0, expired));
        assertThat(effects).isEmpty();
        on(new Event.CredentialsInstalled());
        assertThat(calls()).containsExactly(new Op.UploadPart(0, 1), new Op.UploadPart(0, 2));
        on(new Event.OpFailed(new Op.UploadPart(0, 1), 0, expired)); // signed before the refresh
        assertThat(calls()).containsExactly(new Op.UploadPart(0, 1));
        assertThat(notes()).isEmpty();
    }

    @Test
    void pause_holdsInterruptedParts_resumeReissuesThem() {
        startAndInitiate();

        on(new Event.PauseRequested());
        assertThat(applied).isTrue();
        assertThat(effects).containsExactly(new Effect.InterruptTransfers());
        on(new Event.PauseRequested());
        assertThat(applied).isFalse();
        on(new Event.OpInterrupted(new Op.UploadPart(0, 1)));
        on(new Event.PartUploaded(new Op.UploadPart(0, 2), receipt(2)));
        assertThat(calls()).isEmpty();
        assertThat(state.publicState()).isEqualTo(UploadState.PAUSED);
        on(new Event.ResumeRequested());
        assertThat(calls()).containsExactly(new Op.UploadPart(0, 1), new Op.UploadPart(0, 3));
    }

    @Test
    void cancel_abortsRemovesCheckpointThenCanceled() {
        startAndInitiate();

        on(new Event.CancelRequested());
        assertThat(calls()).containsExactly(new Op.Abort(0, "U1"));
        assertThat(effects).contains(new Effect.RemoveCheckpoint("00000000000000aa"), new Effect.InterruptTransfers());
        assertThat(state.publicState()).isEqualTo(UploadState.CANCELING);
        on(new Event.PartUploaded(new Op.UploadPart(0, 1), receipt(1)));
        assertThat(applied).isFalse();
        on(new Event.AbortDone(new Op.Abort(0, "U1")));

        assertThat(state).isInstanceOf(State.Canceled.class);
        assertThat(notes()).containsExactly(new Notification.Canceled());
    }

    @Test
    void allParts_complete_thenVerifyCrc() {
        startAndInitiate();
        on(new Event.PartUploaded(new Op.UploadPart(0, 1), receipt(1)));
        on(new Event.PartUploaded(new Op.UploadPart(0, 2), receipt(2)));
        on(new Event.PartUploaded(new Op.UploadPart(0, 3), receipt(3)));
        assertThat(calls()).containsExactly(new Op.Complete(0));
        assertThat(state.publicState()).isEqualTo(UploadState.COMPLETING);
        on(new Event.CancelRequested());
        assertThat(applied).isFalse();
        long crc = ((Live) state).upload().combinedCrc();

        on(new Event.CompleteDone(new Op.Complete(0), new ObjectReceipt("X-3", OptionalLong.of(crc), Optional.empty())));

        assertThat(state).isInstanceOf(State.Succeeded.class);
        assertThat(effects).contains(new Effect.RemoveCheckpoint("00000000000000aa"));
    }

    // ------------------------------------------------------------ a store that reports no CRC-64

    private void allPartsThenCompleteWithoutCrc(Spec.Checks checks) {
        state = Live.initial(new Spec(FILE, TARGET, ObjectMetadata.EMPTY, "00000000000000aa",
                PartPlan.of(3 * PART, PART), 2, 3, true, Optional.empty(), checks));
        startAndInitiate();
        for (int n = 1; n <= 3; n++) {
            on(new Event.PartUploaded(new Op.UploadPart(0, n), receipt(n)));
        }
        on(new Event.CompleteDone(new Op.Complete(0), new ObjectReceipt("X-3", OptionalLong.empty(), Optional.empty())));
        assertThat(calls()).containsExactly(new Op.Head(0, Op.Purpose.VERIFY));
        on(new Event.HeadDone(new Op.Head(0, Op.Purpose.VERIFY),
                Optional.of(new ObjectInfo(3 * PART, "X-3", OptionalLong.empty()))));
    }

    @Test
    void multipartWithoutCrc_storageChecksContentMd5_succeedsVerifiedByContentMd5() {
        allPartsThenCompleteWithoutCrc(new Spec.Checks(true, false, false));

        assertThat(state).isInstanceOfSatisfying(State.Succeeded.class,
                r -> assertThat(r.result().verification()).isEqualTo(Verification.CONTENT_MD5));
    }

    @Test
    void multipartWithoutCrc_crc64Required_failsCrcUnavailable() {
        allPartsThenCompleteWithoutCrc(new Spec.Checks(true, true, false));

        assertThat(state).isInstanceOfSatisfying(State.Failed.class, f -> {
            assertThat(f.code()).isEqualTo(ErrorCode.CRC_UNAVAILABLE.code());
            assertThat(f.message()).contains("CRC-64 is required");
        });
    }

    @Test
    void multipartWithoutCrc_noContentMd5Either_failsCrcUnavailable() {
        allPartsThenCompleteWithoutCrc(Spec.Checks.CRC64_ONLY);

        assertThat(state).isInstanceOfSatisfying(State.Failed.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.CRC_UNAVAILABLE.code()));
    }

    private void putWithoutCrc(String etag) {
        LocalFile.Snapshot small = new LocalFile.Snapshot(Path.of("/f"), PART, 1000);
        state = Live.initial(new Spec(small, TARGET, ObjectMetadata.EMPTY, "00000000000000aa",
                PartPlan.of(PART, PART), 2, 3, true, Optional.empty(), new Spec.Checks(true, false, false)));
        on(new Event.Start(Optional.empty(), List.of()));
        assertThat(calls()).containsExactly(new Op.Put(0));
        on(new Event.PutDone(new Op.Put(0), new ObjectReceipt(etag, OptionalLong.empty(), Optional.empty()), 7,
                "0cc175b9c0f1b6a831c399e269772661"));
    }

    @Test
    void putWithoutCrc_etagIsTheFilesMd5_succeedsVerifiedByContentMd5() {
        putWithoutCrc("0CC175B9C0F1B6A831C399E269772661");

        assertThat(state).isInstanceOfSatisfying(State.Succeeded.class, r -> {
            assertThat(r.result().verification()).isEqualTo(Verification.CONTENT_MD5);
            assertThat(r.result().crc64()).isEqualTo(7);
        });
    }

    @Test
    void putWithoutCrc_etagIsNotTheFilesMd5_failsCrcMismatch() {
        putWithoutCrc("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF");

        assertThat(state).isInstanceOfSatisfying(State.Failed.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.CRC_MISMATCH.code()));
    }

    @Test
    void complete_retryable_confirmsWithHeadBeforeRetrying() {
        startAndInitiate();
        for (int n = 1; n <= 3; n++) {
            on(new Event.PartUploaded(new Op.UploadPart(0, n), receipt(n)));
        }

        on(new Event.OpFailed(new Op.Complete(0), 0, new Event.Failure(Kind.RETRYABLE, "ConnectionReset", "lost")));
        assertThat(calls()).containsExactly(new Op.Head(0, Op.Purpose.CONFIRM_AFTER_ERROR));
        on(new Event.HeadDone(new Op.Head(0, Op.Purpose.CONFIRM_AFTER_ERROR), Optional.empty()));
        assertThat(effects).contains(new Effect.Backoff(new Op.Complete(0), 1));
        on(new Event.BackoffElapsed(new Op.Complete(0)));
        assertThat(calls()).containsExactly(new Op.Complete(0));
        on(new Event.OpFailed(new Op.Complete(0), 0, new Event.Failure(Kind.UPLOAD_GONE, "NoSuchUpload", "gone")));
        assertThat(calls()).containsExactly(new Op.Head(0, Op.Purpose.CONFIRM_AFTER_GONE));
        long crc = ((Live) state).upload().combinedCrc();
        on(new Event.HeadDone(new Op.Head(0, Op.Purpose.CONFIRM_AFTER_GONE),
                Optional.of(new ObjectInfo(3 * PART, "X-3", OptionalLong.of(crc)))));

        assertThat(state).isInstanceOf(State.Succeeded.class);
        assertThat(notes()).containsExactly(new Notification.RetryResume(),
                new Notification.Succeeded(((State.Succeeded) state).result()));
    }

    @Test
    void resume_listPartsIsTheTruth() {
        Checkpoint cp = new Checkpoint(1, "00000000000000aa", Path.of("/f"), 3 * PART, 1000, TARGET, "U9", PART,
                List.of(new CheckpointPart(1, 0, PART, "E1", 1), new CheckpointPart(2, PART, PART, "E2", 2)),
                Instant.EPOCH);
        on(new Event.Start(Optional.of(cp), List.of()));
        assertThat(calls()).containsExactly(new Op.VerifyLocal(0));
        on(new Event.LocalVerified(new Op.VerifyLocal(0), true));
        assertThat(calls()).containsExactly(new Op.ListParts(0));

        // the server has part 1 as claimed and part 2 with another CRC
        on(new Event.PartsListed(new Op.ListParts(0), List.of(receipt(1), PartReceipt.of(2, "E2", PART, 77))));

        Notification.Started started = (Notification.Started) notes().get(0);
        assertThat(started.info().resumed()).isTrue();
        assertThat(started.info().partsAlreadyDone()).isEqualTo(1);
        assertThat(calls()).containsExactly(new Op.UploadPart(0, 2), new Op.UploadPart(0, 3));
    }

    @Test
    void resume_localFileChanged_discardsAndStartsOver() {
        Checkpoint cp = new Checkpoint(1, "00000000000000aa", Path.of("/f"), 3 * PART, 1000, TARGET, "U9", PART,
                List.of(), Instant.EPOCH);
        on(new Event.Start(Optional.of(cp), List.of()));

        on(new Event.LocalVerified(new Op.VerifyLocal(0), false));

        assertThat(calls()).containsExactly(new Op.Abort(0, "U9"), new Op.Initiate(0));
        assertThat(effects).contains(new Effect.RemoveCheckpoint("00000000000000aa"));
    }

    // ------------------------------------------------------------ restarts

    private static final Event.Failure GONE = new Event.Failure(Kind.UPLOAD_GONE, "NoSuchUpload", "gone");

    private Checkpoint checkpoint(List<CheckpointPart> parts) {
        return new Checkpoint(1, "00000000000000aa", Path.of("/f"), 3 * PART, 1000, TARGET, "U9", PART, parts,
                Instant.EPOCH);
    }

    @Test
    void uploadGone_whileTransferring_startsOverInANewEpochAndIgnoresTheOldOne() {
        startAndInitiate();
        on(new Event.PartUploaded(new Op.UploadPart(0, 1), receipt(1)));

        on(new Event.OpFailed(new Op.UploadPart(0, 2), 0, GONE));

        assertThat(effects).contains(new Effect.InterruptTransfers(), new Effect.RemoveCheckpoint("00000000000000aa"));
        assertThat(calls()).containsExactly(new Op.Initiate(1));
        assertThat(state.publicState()).isEqualTo(UploadState.INITIATING);
        assertThat(((Live) state).upload().done()).isEmpty();
        on(new Event.PartUploaded(new Op.UploadPart(0, 3), receipt(3))); // from the abandoned upload
        assertThat(applied).isFalse();
        on(new Event.Initiated(new Op.Initiate(1), "U2"));
        // onUploadStarted goes out again, so the upload id the application last heard is the one in use
        assertThat(notes()).singleElement().isInstanceOfSatisfying(Notification.Started.class,
                started -> assertThat(started.info().uploadId()).hasValue("U2"));
        assertThat(calls()).containsExactly(new Op.UploadPart(1, 1), new Op.UploadPart(1, 2));
    }

    @Test
    void uploadGone_oneTimeMoreThanMaxRestarts_failsWithTheServerCode() {
        startAndInitiate();
        for (int epoch = 0; epoch < Machine.MAX_RESTARTS; epoch++) {
            on(new Event.OpFailed(new Op.UploadPart(epoch, 1), 0, GONE));
            assertThat(calls()).containsExactly(new Op.Initiate(epoch + 1));
            on(new Event.Initiated(new Op.Initiate(epoch + 1), "U" + (epoch + 2)));
        }

        on(new Event.OpFailed(new Op.UploadPart(Machine.MAX_RESTARTS, 1), 0, GONE));

        assertThat(state).isInstanceOfSatisfying(State.Failed.class, f -> {
            assertThat(f.code()).isEqualTo("NoSuchUpload");
            assertThat(f.message()).contains("vanished " + (Machine.MAX_RESTARTS + 1) + " times");
        });
    }

    @Test
    void resume_listPartsNoSuchUpload_discardsTheCheckpointAndStartsFresh() {
        on(new Event.Start(Optional.of(checkpoint(List.of(new CheckpointPart(1, 0, PART, "E1", 1)))), List.of()));
        on(new Event.LocalVerified(new Op.VerifyLocal(0), true));

        on(new Event.OpFailed(new Op.ListParts(0), 0, GONE));

        assertThat(calls()).containsExactly(new Op.Abort(0, "U9"), new Op.Initiate(0));
        assertThat(effects).contains(new Effect.RemoveCheckpoint("00000000000000aa"));
        on(new Event.Initiated(new Op.Initiate(0), "U10"));
        Notification.Started started = (Notification.Started) notes().get(0);
        assertThat(started.info().uploadId()).hasValue("U10");
        assertThat(calls()).containsExactly(new Op.UploadPart(0, 1), new Op.UploadPart(0, 2)); // part 1 again
    }

    @Test
    void partUploaded_sizeDiffersFromThePlan_failsFileChangedAndDiscardsTheUpload() {
        startAndInitiate();

        on(new Event.PartUploaded(new Op.UploadPart(0, 1), PartReceipt.of(1, "E1", PART - 1, 1)));

        assertThat(state).isInstanceOfSatisfying(State.Failed.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.FILE_CHANGED.code()));
        assertThat(calls()).containsExactly(new Op.Abort(0, "U1"));
        assertThat(effects).contains(new Effect.RemoveCheckpoint("00000000000000aa"));
    }

    // ------------------------------------------------------------ callbacks begin with onUploadStarted

    private static final Event.Failure F503 = new Event.Failure(Kind.RETRYABLE, "ServiceUnavailable", "503");

    @Test
    void initiateRetried_retryHeldUntilStarted_andDroppedWhenTheEpisodeClosedFirst() {
        on(new Event.Start(Optional.empty(), List.of()));

        on(new Event.OpFailed(new Op.Initiate(0), 0, F503));
        assertThat(notes()).isEmpty(); // nothing before onUploadStarted
        assertThat(effects).containsExactly(new Effect.Backoff(new Op.Initiate(0), 1));
        assertThat(((Live) state).retries().heldRetry()).hasValue(new Notification.Retry("ServiceUnavailable", "503"));
        on(new Event.BackoffElapsed(new Op.Initiate(0)));
        assertThat(calls()).containsExactly(new Op.Initiate(0));
        on(new Event.Initiated(new Op.Initiate(0), "U1"));

        assertThat(notes()).singleElement().isInstanceOf(Notification.Started.class);
        assertThat(((Live) state).retries().episodeOpen()).isFalse();
    }

    @Test
    void retryStillOpenWhenStartedGoesOut_isToldRightAfterStartedAndResumedAtTheEnd() {
        on(new Event.Start(Optional.of(checkpoint(List.of())), List.of()));
        on(new Event.LocalVerified(new Op.VerifyLocal(0), true));
        on(new Event.OpFailed(new Op.ListParts(0), 0, F503)); // the episode opens, its Retry is held
        on(new Event.BackoffElapsed(new Op.ListParts(0)));
        on(new Event.OpFailed(new Op.ListParts(0), 0, GONE)); // start fresh; the episode is still open
        assertThat(notes()).isEmpty();

        on(new Event.Initiated(new Op.Initiate(0), "U1"));

        assertThat(notes()).hasSize(2);
        assertThat(notes().get(0)).isInstanceOf(Notification.Started.class);
        assertThat(notes().get(1)).isEqualTo(new Notification.Retry("ServiceUnavailable", "503"));
        for (int n = 1; n <= 3; n++) {
            on(new Event.PartUploaded(new Op.UploadPart(0, n), receipt(n)));
        }
        long crc = ((Live) state).upload().combinedCrc();
        on(new Event.CompleteDone(new Op.Complete(0), new ObjectReceipt("X-3", OptionalLong.of(crc), Optional.empty())));
        assertThat(notes()).hasSize(2);
        assertThat(notes().get(0)).isEqualTo(new Notification.RetryResume());
        assertThat(notes().get(1)).isInstanceOf(Notification.Succeeded.class);
    }

    // ------------------------------------------------------------ credentials

    private static final Event.Failure EXPIRED = new Event.Failure(Kind.CREDENTIALS_EXPIRED, "SecurityTokenExpired",
            "403");

    @Test
    void refreshFails_whileAwaiting_failsCredentialsUnavailableKeepingTheUpload() {
        startAndInitiate();
        on(new Event.OpFailed(new Op.UploadPart(0, 1), 0, EXPIRED));
        assertThat(effects).contains(new Effect.RefreshCredentials(0));

        on(new Event.CredentialsRefreshFailed(0, "IllegalStateException: provider down"));

        assertThat(state).isInstanceOfSatisfying(State.Failed.class, f -> {
            assertThat(f.code()).isEqualTo(ErrorCode.CREDENTIALS_UNAVAILABLE.code());
            assertThat(f.message()).contains("provider down");
        });
        assertThat(calls()).isEmpty(); // checkpointing: the upload is kept for a resume
        assertThat(notes()).singleElement().isInstanceOf(Notification.Failed.class);
    }

    @Test
    void refreshFails_afterCredentialsArrived_isIgnored() {
        startAndInitiate();
        on(new Event.OpFailed(new Op.UploadPart(0, 1), 0, EXPIRED));
        on(new Event.CredentialsInstalled());

        on(new Event.CredentialsRefreshFailed(0, "late"));

        assertThat(applied).isFalse();
        assertThat(state.publicState()).isEqualTo(UploadState.UPLOADING);
    }

    @Test
    void partUploaded_adaptiveAndThroughputRising_launchesMorePartsAndAFailureStepsBack() {
        LocalFile.Snapshot big = new LocalFile.Snapshot(Path.of("/f"), 40 * PART, 1000);
        state = Live.initial(new Spec(big, TARGET, ObjectMetadata.EMPTY, "00000000000000aa",
                PartPlan.of(40 * PART, PART), 2, 8, 3, false, Optional.empty(), Spec.Checks.CRC64_ONLY));
        on(new Event.Start(Optional.empty(), List.of()), 0);
        on(new Event.Initiated(new Op.Initiate(0), "U1"), 0);
        assertThat(calls()).hasSize(2);

        // one part every 500 ms with 2 in flight: the window opened by the launch closes at part 2
        on(new Event.PartUploaded(new Op.UploadPart(0, 1), receipt(1)), 500_000_000L);
        assertThat(calls()).containsExactly(new Op.UploadPart(0, 3));
        on(new Event.PartUploaded(new Op.UploadPart(0, 2), receipt(2)), 1_000_000_000L);
        assertThat(calls()).containsExactly(new Op.UploadPart(0, 4), new Op.UploadPart(0, 5)); // 2 → 3 in flight
        assertThat(((Live) state).pace().limit()).isEqualTo(3);

        on(new Event.OpFailed(new Op.UploadPart(0, 4), 0, new Event.Failure(Kind.RETRYABLE, "RequestTimeout", "t")));
        assertThat(((Live) state).pace().limit()).isEqualTo(2); // too many for the link: one step back
        assertThat(((Live) state).pace().settled()).isTrue();
        on(new Event.PartUploaded(new Op.UploadPart(0, 5), receipt(5)), 1_600_000_000L);
        assertThat(calls()).isEmpty(); // 3 in flight and 4 backing off: already at 2
    }

    @Test
    void credentialsWait_providerHasNoneAndTheWaitElapses_failsCredentialsUnavailable() {
        Spec bounded = new Spec(FILE, TARGET, ObjectMetadata.EMPTY, "00000000000000aa", PartPlan.of(3 * PART, PART),
                2, 3, true, Optional.of(Duration.ofMinutes(5)));
        state = Live.initial(bounded);
        startAndInitiate();
        on(new Event.OpFailed(new Op.UploadPart(0, 1), 0, EXPIRED));

        on(new Event.CredentialsUnavailable(0));
        assertThat(effects).containsExactly(new Effect.StartCredentialsTimer(0, Duration.ofMinutes(5)));
        assertThat(state.publicState()).isEqualTo(UploadState.AWAITING_CREDENTIALS);
        on(new Event.CredentialsWaitTimedOut(0));

        assertThat(state).isInstanceOfSatisfying(State.Failed.class, f -> {
            assertThat(f.code()).isEqualTo(ErrorCode.CREDENTIALS_UNAVAILABLE.code());
            assertThat(f.message()).contains("PT5M");
        });
    }

    @Test
    void credentialsWaitTimer_ofAnEarlierWait_isIgnoredOnceCredentialsCame() {
        Spec bounded = new Spec(FILE, TARGET, ObjectMetadata.EMPTY, "00000000000000aa", PartPlan.of(3 * PART, PART),
                2, 3, true, Optional.of(Duration.ofMinutes(5)));
        state = Live.initial(bounded);
        startAndInitiate();
        on(new Event.OpFailed(new Op.UploadPart(0, 1), 0, EXPIRED));
        on(new Event.CredentialsUnavailable(0));
        on(new Event.CredentialsInstalled());
        assertThat(((Live) state).signing().generation()).isEqualTo(1);

        on(new Event.CredentialsWaitTimedOut(0));

        assertThat(applied).isFalse();
        assertThat(state.publicState()).isEqualTo(UploadState.UPLOADING);
    }

    @Test
    void credentialsUnavailable_withoutAWaitLimit_waitsWithoutATimer() {
        startAndInitiate();
        on(new Event.OpFailed(new Op.UploadPart(0, 1), 0, EXPIRED));

        on(new Event.CredentialsUnavailable(0));

        assertThat(effects).isEmpty();
        assertThat(state.publicState()).isEqualTo(UploadState.AWAITING_CREDENTIALS);
    }

    // ------------------------------------------------------------ interruptions

    @Test
    void interrupted_notPausedMaxAttemptsTimes_failsWithTheCataloguedInterruptedCode() {
        startAndInitiate();
        Op part = new Op.UploadPart(0, 1);
        on(new Event.OpInterrupted(part));
        assertThat(calls()).containsExactly(part); // sent again
        on(new Event.OpInterrupted(part));

        on(new Event.OpInterrupted(part));

        assertThat(state).isInstanceOfSatisfying(State.Failed.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.INTERRUPTED.code()).isEqualTo("Interrupted"));
    }

    @Test
    void next_neverChangesTheStateItWasGiven() {
        startAndInitiate();
        Live before = (Live) state;

        Transition t = Machine.next(before, new Event.PartUploaded(new Op.UploadPart(0, 1), receipt(1)));

        assertThat(((Live) t.state()).upload().done()).containsOnlyKeys(1);
        assertThat(before.upload().done()).isEmpty();
        assertThat(before.ops().active()).containsEntry(new Op.UploadPart(0, 1), Live.OpStatus.IN_FLIGHT)
                .doesNotContainKey(new Op.UploadPart(0, 3));
    }

    @Test
    void terminal_ignoresEveryEvent() {
        state = new State.Canceled();

        on(new Event.ResumeRequested());

        assertThat(applied).isFalse();
        assertThat(effects).isEmpty();
        assertThat(state.publicState()).isEqualTo(UploadState.CANCELED);
    }
}
