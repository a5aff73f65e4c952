package io.vodupload.domain.internal;

import io.vodupload.domain.internal.Live.OpStatus;
import io.vodupload.ports.UploadStarted;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One transition in progress: the state so far, the effects in order and the outcome. The state is
 * replaced through {@link Live}'s {@code with} methods, never mutated, so the state {@link Machine#next}
 * was given is untouched. The handlers of each phase ({@link Starting}, {@link Resuming},
 * {@link Transferring}, {@link Completing}, {@link Canceling}) and of what crosses phases
 * ({@link Controls}, {@link Failures}) work on a step; the moves they share are here.
 */
final class Step {

    /** The state so far. */
    Live now;
    private final List<Effect> effects = new ArrayList<>();
    private State outcome;
    private boolean applied = true;

    /** When the event happened, in ns on the engine's clock; negative when unknown. */
    final long at;

    Step(Live from, long at) {
        now = from;
        this.at = at;
    }

    Spec spec() {
        return now.spec();
    }

    int epoch() {
        return now.upload().epoch();
    }

    void effect(Effect effect) {
        effects.add(effect);
    }

    /** The event does not apply (a pause while not running, a stale result, ...). */
    void ignored() {
        applied = false;
    }

    Transition transition() {
        return new Transition(outcome != null ? outcome : now, effects, applied);
    }

    // ------------------------------------------------------------ ops

    /** Hands {@code op} to the engine, or holds it while paused or waiting for credentials. */
    void issue(Op op) {
        if (now.holding()) {
            hold(op);
        } else {
            track(op, OpStatus.IN_FLIGHT);
            effect(new Effect.Call(op));
        }
    }

    /** Parts go back to the pending pool ({@link Transferring#fill} re-issues them); other ops wait as HELD. */
    void hold(Op op) {
        if (op instanceof Op.UploadPart) {
            untrack(op);
        } else {
            track(op, OpStatus.HELD);
        }
    }

    /** Sends the held ops, unless still paused or waiting for credentials. */
    void release() {
        if (now.holding()) {
            return;
        }
        for (Map.Entry<Op, OpStatus> e : now.ops().active().entrySet()) {
            if (e.getValue() == OpStatus.HELD) {
                track(e.getKey(), OpStatus.IN_FLIGHT);
                effect(new Effect.Call(e.getKey()));
            }
        }
    }

    void track(Op op, OpStatus status) {
        now = now.with(now.ops().with(op, status));
    }

    void untrack(Op op) {
        now = now.with(now.ops().without(op));
    }

    /** {@code op} succeeded: its failures are forgotten, and so is a run of expiries; the episode may end. */
    void succeeded(Op op) {
        now = now.with(now.ops().succeeded(op)).with(now.signing().requestSucceeded());
        if (now.retries().retrying().contains(op)) {
            now = now.with(now.retries().remove(op));
            if (now.retries().episodeOpen() && now.retries().retrying().isEmpty()) {
                endEpisode();
            }
        }
    }

    void saveCheckpoint() {
        if (spec().checkpointing()) {
            Live.Upload u = now.upload();
            effect(new Effect.SaveCheckpoint(u.uploadId().orElseThrow(), u.plan().partSize(),
                    List.copyOf(u.done().values())));
        }
    }

    // ------------------------------------------------------------ callbacks

    /** {@code onUploadStarted}, once; then the retry held back until it went out, if any. */
    void notifyStarted() {
        Live.Retries r = now.retries();
        if (r.startedNotified()) {
            return;
        }
        Live.Upload u = now.upload();
        PartPlan plan = u.plan();
        effect(new Effect.Notify(new Notification.Started(new UploadStarted(spec().file().path(),
                plan.fileSize(), spec().target(), plan.singlePut() ? Optional.empty() : u.uploadId(),
                plan.partSize(), plan.partCount(), plan.partSizeAdjusted(), u.resumed(), u.partsAlreadyDone()))));
        r.heldRetry().ifPresent(retry -> effect(new Effect.Notify(retry)));
        now = now.with(r.started());
    }

    /** The first retryable failure of an episode tells {@code onUploadRetry}, or holds it until Started. */
    void openEpisode(Notification.Retry retry) {
        Live.Retries r = now.retries();
        if (r.episodeOpen()) {
            return;
        }
        if (r.startedNotified()) {
            effect(new Effect.Notify(retry));
            now = now.with(r.opened(Optional.empty()));
        } else {
            now = now.with(r.opened(Optional.of(retry))); // callbacks begin with onUploadStarted
        }
    }

    /** Closes the retry episode: retry-resume if its retry was told, nothing if it was still held. */
    void endEpisode() {
        Live.Retries r = now.retries();
        if (r.heldRetry().isEmpty()) {
            effect(new Effect.Notify(new Notification.RetryResume()));
        }
        now = now.with(r.closed());
    }

    // ------------------------------------------------------------ endings

    /**
     * Ends in failure. The storage upload and checkpoint are kept for a later resume unless
     * {@code discard} (the upload is useless: file changed, object corrupt) or checkpoints are off.
     */
    void fail(String code, String message, boolean discard) {
        fail(code, message, discard, Optional.empty());
    }

    /** Ends in failure because storage answered {@code failure} (told with {@code message}). */
    void fail(Event.Failure failure, String message, boolean discard) {
        fail(failure.code(), message, discard, Optional.of(failure.withMessage(message)));
    }

    private void fail(String code, String message, boolean discard, Optional<Event.Failure> storage) {
        effect(new Effect.InterruptTransfers());
        Optional<String> uploadId = now.upload().uploadId();
        if (uploadId.isPresent() && (discard || !spec().checkpointing())) {
            effect(new Effect.Call(new Op.Abort(epoch(), uploadId.get())));
        }
        if (discard && spec().checkpointing()) {
            effect(new Effect.RemoveCheckpoint(spec().fingerprint()));
        }
        effect(new Effect.Notify(new Notification.Failed(code, message, storage)));
        outcome = new State.Failed(code, message);
    }

    /** Ends with {@code terminal}, told by {@code notification}. */
    void end(State terminal, Notification notification) {
        effect(new Effect.Notify(notification));
        outcome = terminal;
    }
}
