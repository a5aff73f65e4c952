package io.vodupload.domain.internal;

import io.vodupload.domain.internal.Live.Phase;
import java.util.List;

/**
 * The upload state machine as a pure function: {@link #next}(state, event, time) → (state, effects). No
 * I/O, no clock (the time of the event is an input), no randomness, no threads; the {@link Engine} performs the effects and feeds results back
 * as events. The table of states, events and effects is in docs/architecture.md.
 *
 * <p>This class only routes: each event goes to the handler of the phase it belongs to ({@link Starting},
 * {@link Resuming}, {@link Transferring}, {@link Completing}, {@link Canceling}) or, for what can happen
 * in any live phase, to {@link Controls} (pause, resume, credentials, back-off) and {@link Failures}.
 */
final class Machine {

    /** Refreshes in a row without a successful request before giving up (the refreshed token is no good). */
    public static final int MAX_CONSECUTIVE_EXPIRIES = 3;
    /** Clock-skew retries per upload (the adapter corrects its clock after the first). */
    public static final int MAX_CLOCK_SKEW_RETRIES = 3;
    /** Times a vanished storage upload is started over before giving up. */
    public static final int MAX_RESTARTS = 3;

    private Machine() {
    }

    /** The transition for {@code event} in {@code state}, at an unknown time (nothing is measured). */
    public static Transition next(State state, Event event) {
        return next(state, event, -1);
    }

    /**
     * The transition for {@code event} in {@code state}, which happened at {@code atNanos} on the engine's
     * clock (negative: unknown). The time is an input like the event: it is what {@link Pace} measures the
     * throughput with. Terminal states ignore every event.
     */
    public static Transition next(State state, Event event, long atNanos) {
        if (!(state instanceof Live live)) {
            return new Transition(state, List.of(), false);
        }
        Step step = new Step(live, atNanos);
        route(step, event);
        return step.transition();
    }

    private static void route(Step t, Event event) {
        if (event instanceof Event.Start e) {
            Starting.onStart(t, e);
        } else if (event instanceof Event.PartRead e) {
            Transferring.onPartRead(t, e.part(), e.last());
        } else if (event instanceof Event.SourceFailed e) {
            Transferring.onSourceFailed(t, e);
        } else if (event instanceof Event.PauseRequested) {
            Controls.onPause(t);
        } else if (event instanceof Event.ResumeRequested) {
            Controls.onResume(t);
        } else if (event instanceof Event.CancelRequested) {
            Canceling.onCancel(t);
        } else if (event instanceof Event.Closing) {
            Controls.onClosing(t);
        } else if (event instanceof Event.CredentialsInstalled) {
            Controls.onCredentialsInstalled(t);
        } else if (event instanceof Event.CredentialsUnavailable e) {
            Controls.onCredentialsUnavailable(t, e.generation());
        } else if (event instanceof Event.CredentialsRefreshFailed e) {
            Controls.onRefreshFailed(t, e.generation(), e.message());
        } else if (event instanceof Event.CredentialsWaitTimedOut e) {
            Controls.onWaitTimedOut(t, e.generation());
        } else if (event instanceof Event.BackoffElapsed e) {
            Controls.onBackoffElapsed(t, e.op());
        } else if (event instanceof Event.Result r) {
            onResult(t, r);
        } else {
            throw new IllegalArgumentException("unknown event: " + event);
        }
    }

    private static void onResult(Step t, Event.Result r) {
        Op op = r.op();
        if (op.epoch() != t.epoch() || !t.now.ops().active().containsKey(op)) {
            t.ignored(); // an abandoned attempt, or a fire-and-forget abort
            return;
        }
        if (t.now.phase() == Phase.CANCELING) {
            Canceling.onResult(t, r);
            return;
        }
        t.untrack(op);
        if (t.now.feed().failure().isPresent()) {
            Transferring.onResultAfterSourceFailed(t, r);
            return;
        }
        if (r instanceof Event.OpFailed f) {
            Failures.onFailure(t, op, f.generation(), f.failure());
        } else if (r instanceof Event.OpInterrupted) {
            Failures.onInterrupted(t, op);
        } else {
            t.succeeded(op);
            onSuccess(t, r);
        }
    }

    private static void onSuccess(Step t, Event.Result r) {
        if (r instanceof Event.Initiated e) {
            Starting.onInitiated(t, e.uploadId());
        } else if (r instanceof Event.LocalVerified e) {
            Resuming.onLocalVerified(t, e.unchanged());
        } else if (r instanceof Event.PartsListed e) {
            Resuming.onPartsListed(t, e.parts());
        } else if (r instanceof Event.PartUploaded e) {
            Transferring.onPartUploaded(t, e.receipt());
        } else if (r instanceof Event.PutDone e) {
            Transferring.onPutDone(t, e);
        } else if (r instanceof Event.CompleteDone e) {
            Completing.onCompleteDone(t, e.receipt());
        } else if (r instanceof Event.HeadDone e) {
            Completing.onHead(t, ((Op.Head) e.op()).purpose(), e.info());
        } else {
            t.ignored(); // AbortDone outside canceling: nothing to do
        }
    }
}
