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
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The pure transition function, event by event, without threads or storage. */
class MachineTest {

    private static final long PART = 102_400;
    private static final StorageTarget TARGET = StorageTarget.of("h", "b", "k");
    private static final LocalFile.Snapshot FILE = new LocalFile.Snapshot(Path.of("/f"), 3 * PART, 1000);
    private static final Spec SPEC = new Spec(FILE, TARGET, ObjectMetadata.EMPTY, "00000000000000aa",
            PartPlan.of(3 * PART, PART), 2, 3, true, Optional.empty());

    private State state = new State.Idle(Ctx.initial(SPEC, 0));
    private List<Effect> effects;
    private boolean applied;

    private void on(Event e) {
        Transition t = Machine.next(state, e);
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
        assertThat(Machine.publicState(state)).isEqualTo(UploadState.INITIATING);
    }

    @Test
    void initiated_notifiesStartedSavesAndFillsParallelism() {
        startAndInitiate();

        assertThat(notes()).singleElement().isInstanceOf(Notification.Started.class);
        assertThat(effects).anySatisfy(e -> assertThat(e).isInstanceOf(Effect.SaveCheckpoint.class));
        assertThat(calls()).containsExactly(new Op.UploadPart(0, 1), new Op.UploadPart(0, 2));
        assertThat(Machine.publicState(state)).isEqualTo(UploadState.UPLOADING);
    }

    @Test
    void retryEpisode_oneRetryNotificationForTwoFailures_andOneResume() {
        startAndInitiate();
        Event.Failure f503 = new Event.Failure(Kind.RETRYABLE, "ServiceUnavailable", "503");

        on(new Event.OpFailed(new Op.UploadPart(0, 1), 0, f503));
        assertThat(notes()).containsExactly(new Notification.Retry("ServiceUnavailable", "503"));
        assertThat(effects).contains(new Effect.Backoff(new Op.UploadPart(0, 1), 1));
        assertThat(Machine.publicState(state)).isEqualTo(UploadState.RETRYING);
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
        assertThat(Machine.publicState(state)).isEqualTo(UploadState.AWAITING_CREDENTIALS);
        on(new Event.OpFailed(new Op.UploadPart(0, 2), 0, expired));
        assertThat(effects).isEmpty();
        on(new Event.CredentialsInstalled(1));
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
        assertThat(Machine.publicState(state)).isEqualTo(UploadState.PAUSED);
        on(new Event.ResumeRequested());
        assertThat(calls()).containsExactly(new Op.UploadPart(0, 1), new Op.UploadPart(0, 3));
    }

    @Test
    void cancel_abortsRemovesCheckpointThenCanceled() {
        startAndInitiate();

        on(new Event.CancelRequested());
        assertThat(calls()).containsExactly(new Op.Abort(0, "U1"));
        assertThat(effects).contains(new Effect.RemoveCheckpoint("00000000000000aa"), new Effect.InterruptTransfers());
        assertThat(Machine.publicState(state)).isEqualTo(UploadState.CANCELING);
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
        assertThat(Machine.publicState(state)).isEqualTo(UploadState.COMPLETING);
        on(new Event.CancelRequested());
        assertThat(applied).isFalse();
        long crc = ((State.Live) state).ctx().combinedCrc();

        on(new Event.CompleteDone(new Op.Complete(0), new ObjectReceipt("X-3", OptionalLong.of(crc), Optional.empty())));

        assertThat(state).isInstanceOf(State.Succeeded.class);
        assertThat(effects).contains(new Effect.RemoveCheckpoint("00000000000000aa"));
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
        long crc = ((State.Live) state).ctx().combinedCrc();
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

    @Test
    void terminal_ignoresEveryEvent() {
        state = new State.Canceled();

        on(new Event.ResumeRequested());

        assertThat(applied).isFalse();
        assertThat(effects).isEmpty();
        assertThat(Machine.publicState(state)).isEqualTo(UploadState.CANCELED);
    }
}
