package io.vodupload.domain.internal;

import io.vodupload.domain.ErrorCode;
import io.vodupload.domain.UploadState;
import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.ObjectInfo;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.UploadResult;
import io.vodupload.ports.UploadStarted;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The upload state machine as a pure function: {@link #next}(state, event) → (state, effects). No I/O,
 * no clock, no randomness, no threads; the {@link Engine} performs the effects and feeds results back
 * as events. The table of states, events and effects is in docs/architecture.md.
 */
public final class Machine {

    /** Refreshes in a row without a successful request before giving up (the refreshed token is no good). */
    public static final int MAX_CONSECUTIVE_EXPIRIES = 3;
    /** Clock-skew retries per upload (the adapter corrects its clock after the first). */
    public static final int MAX_CLOCK_SKEW_RETRIES = 3;
    /** Times a vanished storage upload is started over before giving up. */
    public static final int MAX_RESTARTS = 3;

    private Machine() {
    }

    /**
     * The transition for {@code event} in {@code state}. Terminal states ignore every event.
     */
    public static Transition next(State state, Event event) {
        if (!(state instanceof State.Live)) {
            return new Transition(state, List.of(), false);
        }
        return new Step((State.Live) state).apply(event);
    }

    /** The state as the public API shows it. */
    public static UploadState publicState(State state) {
        if (state instanceof State.Succeeded) {
            return UploadState.SUCCEEDED;
        }
        if (state instanceof State.Failed) {
            return UploadState.FAILED;
        }
        if (state instanceof State.Canceled) {
            return UploadState.CANCELED;
        }
        Ctx c = ((State.Live) state).ctx();
        if (state instanceof State.Idle) {
            return UploadState.IDLE;
        }
        if (state instanceof State.Canceling) {
            return UploadState.CANCELING;
        }
        if (c.paused()) {
            return UploadState.PAUSED;
        }
        if (c.awaitingCredentials()) {
            return UploadState.AWAITING_CREDENTIALS;
        }
        if (state instanceof State.Starting) {
            return UploadState.INITIATING;
        }
        if (state instanceof State.Completing) {
            return UploadState.COMPLETING;
        }
        return c.episodeOpen() ? UploadState.RETRYING : UploadState.UPLOADING;
    }

    private enum Phase { IDLE, STARTING, TRANSFERRING, COMPLETING, CANCELING }

    /** One transition: a mutable working copy of the context, frozen into the new state at the end. */
    private static final class Step {
        private final Spec spec;
        private PartPlan plan;
        private int epoch;
        private String uploadId;
        private Checkpoint resumeFrom;
        private final TreeMap<Integer, CheckpointPart> done;
        private final LinkedHashMap<Op, Ctx.OpStatus> active;
        private final HashMap<Op, Integer> failures;
        private final LinkedHashSet<Op> retrying;
        private boolean episodeOpen;
        private long generation;
        private boolean paused;
        private boolean awaiting;
        private int expiries;
        private int skews;
        private int restarts;
        private boolean resumed;
        private int alreadyDone;
        private boolean startedNotified;
        private Notification.Retry heldRetry;

        private Phase phase;
        private State terminal;
        private boolean applied = true;
        private final List<Effect> effects = new ArrayList<>();

        Step(State.Live from) {
            Ctx c = from.ctx();
            spec = c.spec();
            plan = c.plan();
            epoch = c.epoch();
            uploadId = c.uploadId().orElse(null);
            resumeFrom = c.resumeFrom().orElse(null);
            done = new TreeMap<>(c.done());
            active = new LinkedHashMap<>(c.active());
            failures = new HashMap<>(c.failures());
            retrying = new LinkedHashSet<>(c.retrying());
            episodeOpen = c.episodeOpen();
            generation = c.generation();
            paused = c.paused();
            awaiting = c.awaitingCredentials();
            expiries = c.consecutiveExpiries();
            skews = c.clockSkewRetries();
            restarts = c.restarts();
            resumed = c.resumed();
            alreadyDone = c.partsAlreadyDone();
            startedNotified = c.startedNotified();
            heldRetry = c.heldRetry().orElse(null);
            phase = from instanceof State.Idle ? Phase.IDLE
                    : from instanceof State.Starting ? Phase.STARTING
                    : from instanceof State.Transferring ? Phase.TRANSFERRING
                    : from instanceof State.Completing ? Phase.COMPLETING
                    : Phase.CANCELING;
        }

        Transition apply(Event event) {
            if (event instanceof Event.Start e) {
                onStart(e);
            } else if (event instanceof Event.PauseRequested) {
                onPause();
            } else if (event instanceof Event.ResumeRequested) {
                onResume();
            } else if (event instanceof Event.CancelRequested) {
                onCancel();
            } else if (event instanceof Event.CredentialsInstalled e) {
                onCredentialsInstalled(e.generation());
            } else if (event instanceof Event.CredentialsUnavailable e) {
                if (awaiting && e.generation() == generation && spec.credentialsTimeout().isPresent()) {
                    effects.add(new Effect.StartCredentialsTimer(generation, spec.credentialsTimeout().get()));
                }
            } else if (event instanceof Event.CredentialsRefreshFailed e) {
                if (awaiting) {
                    fail(ErrorCode.CREDENTIALS_UNAVAILABLE.code(), "refreshing the credentials failed: " + e.message(),
                            false);
                } else {
                    applied = false;
                }
            } else if (event instanceof Event.CredentialsWaitTimedOut e) {
                if (awaiting && e.generation() == generation) {
                    fail(ErrorCode.CREDENTIALS_UNAVAILABLE.code(), "no new credentials arrived within "
                            + spec.credentialsTimeout().map(Object::toString).orElse("the wait"), false);
                } else {
                    applied = false;
                }
            } else if (event instanceof Event.BackoffElapsed e) {
                onBackoffElapsed(e.op());
            } else if (event instanceof Event.Result r) {
                onResult(r);
            } else {
                throw new IllegalArgumentException("unknown event: " + event);
            }
            return new Transition(freeze(), effects, applied);
        }

        // ------------------------------------------------------------ user and credential events

        private void onStart(Event.Start e) {
            if (phase != Phase.IDLE) {
                applied = false;
                return;
            }
            for (Checkpoint stale : e.stale()) {
                discardCheckpoint(stale);
            }
            if (e.checkpoint().isPresent()) {
                Checkpoint cp = e.checkpoint().get();
                Optional<PartPlan> resumePlan = PartPlan.forResume(spec.file().length(), cp.partSize());
                if (resumePlan.isPresent()) {
                    plan = resumePlan.get();
                    uploadId = cp.uploadId();
                    resumeFrom = cp;
                    phase = Phase.STARTING;
                    issue(new Op.VerifyLocal(epoch));
                    return;
                }
                discardCheckpoint(cp);
            }
            startFresh();
        }

        private void onPause() {
            if ((phase == Phase.STARTING || phase == Phase.TRANSFERRING) && !paused) {
                paused = true;
                effects.add(new Effect.InterruptTransfers());
            } else {
                applied = false;
            }
        }

        private void onResume() {
            if ((phase == Phase.STARTING || phase == Phase.TRANSFERRING) && paused) {
                paused = false;
                release();
                fill();
            } else {
                applied = false;
            }
        }

        private void onCancel() {
            if (phase == Phase.COMPLETING || phase == Phase.CANCELING) {
                applied = false;
                return;
            }
            effects.add(new Effect.InterruptTransfers());
            if (uploadId != null) {
                if (spec.checkpointing()) {
                    effects.add(new Effect.RemoveCheckpoint(spec.fingerprint()));
                }
                abortForCancel(uploadId);
                return;
            }
            Op initiate = new Op.Initiate(epoch);
            if (active.get(initiate) == Ctx.OpStatus.IN_FLIGHT) {
                // its upload id is not known yet: wait for it, then abort it
                active.clear();
                active.put(initiate, Ctx.OpStatus.IN_FLIGHT);
                phase = Phase.CANCELING;
                return;
            }
            canceled();
        }

        private void abortForCancel(String id) {
            active.clear();
            Op abort = new Op.Abort(epoch, id);
            active.put(abort, Ctx.OpStatus.IN_FLIGHT);
            effects.add(new Effect.Call(abort));
            phase = Phase.CANCELING;
        }

        private void onCredentialsInstalled(long newGeneration) {
            if (phase == Phase.CANCELING) {
                generation = Math.max(generation, newGeneration);
                return;
            }
            generation = Math.max(generation, newGeneration);
            awaiting = false;
            release();
            fill();
        }

        private void onBackoffElapsed(Op op) {
            if (active.get(op) != Ctx.OpStatus.BACKOFF || phase == Phase.CANCELING) {
                applied = false;
                return;
            }
            active.remove(op);
            issue(op);
        }

        // ------------------------------------------------------------ results

        private void onResult(Event.Result r) {
            Op op = r.op();
            if (op.epoch() != epoch || !active.containsKey(op)) {
                applied = false; // an abandoned attempt, or a fire-and-forget abort
                return;
            }
            if (phase == Phase.CANCELING) {
                onResultWhileCanceling(r);
                return;
            }
            active.remove(op);
            if (r instanceof Event.OpFailed f) {
                onFailure(op, f.generation(), f.failure());
                return;
            }
            if (r instanceof Event.OpInterrupted) {
                if (paused) {
                    hold(op);
                    return;
                }
                // stopped by a pause that has since been lifted: send it again; counted, so a transfer
                // that keeps being interrupted by something else cannot loop forever
                int failed = failures.merge(op, 1, Integer::sum);
                if (failed >= spec.maxAttempts()) {
                    fail("Interrupted", "the transfer was interrupted " + failed + " times", false);
                } else {
                    issue(op);
                }
                return;
            }
            failures.remove(op);
            expiries = 0;
            if (retrying.remove(op)) {
                closeEpisodeIfOver();
            }
            if (r instanceof Event.Initiated e) {
                uploadId = e.uploadId();
                if (spec.checkpointing()) {
                    effects.add(new Effect.SaveCheckpoint(uploadId, plan.partSize(), List.of()));
                }
                phase = Phase.TRANSFERRING;
                notifyStarted();
                fill();
            } else if (r instanceof Event.LocalVerified e) {
                if (e.unchanged()) {
                    issue(new Op.ListParts(epoch));
                } else {
                    discardCheckpoint(resumeFrom);
                    forgetUpload();
                    startFresh();
                }
            } else if (r instanceof Event.PartsListed e) {
                reconcile(e.parts());
                resumeFrom = null;
                resumed = true;
                alreadyDone = done.size();
                if (spec.checkpointing()) {
                    effects.add(new Effect.SaveCheckpoint(uploadId, plan.partSize(), List.copyOf(done.values())));
                }
                phase = Phase.TRANSFERRING;
                notifyStarted();
                fill();
            } else if (r instanceof Event.PartUploaded e) {
                onPartUploaded(e.receipt());
            } else if (r instanceof Event.PutDone e) {
                done.put(1, new CheckpointPart(1, 0, spec.file().length(), e.receipt().etag(), e.localCrc()));
                if (e.receipt().crc64().isPresent()) {
                    verify(e.receipt().crc64().getAsLong(), e.receipt().etag());
                } else {
                    phase = Phase.COMPLETING;
                    issue(new Op.Head(epoch, Op.Purpose.VERIFY));
                }
            } else if (r instanceof Event.CompleteDone e) {
                if (e.receipt().crc64().isPresent()) {
                    verify(e.receipt().crc64().getAsLong(), e.receipt().etag());
                } else {
                    issue(new Op.Head(epoch, Op.Purpose.VERIFY));
                }
            } else if (r instanceof Event.HeadDone e) {
                onHead(((Op.Head) op).purpose(), e.info());
            } else {
                applied = false; // AbortDone outside canceling: nothing to do
            }
        }

        private void onResultWhileCanceling(Event.Result r) {
            Op op = r.op();
            if (op instanceof Op.Initiate) {
                if (r instanceof Event.Initiated e) {
                    uploadId = e.uploadId();
                    abortForCancel(e.uploadId());
                } else {
                    canceled();
                }
            } else if (op instanceof Op.Abort) {
                canceled(); // aborted, or the abort failed: either way nothing more can be done
            } else {
                applied = false;
            }
        }

        private void onPartUploaded(PartReceipt receipt) {
            PartPlan.Part part = plan.part(receipt.partNumber());
            if (receipt.size() != part.size()) {
                fail(ErrorCode.FILE_CHANGED.code(), "part " + part.number() + " should have " + part.size()
                        + " bytes but " + receipt.size() + " were sent; the file changed", true);
                return;
            }
            if (receipt.crc64().isEmpty()) {
                fail(ErrorCode.UNEXPECTED_ERROR.code(), "storage returned no CRC-64 for part " + part.number(), false);
                return;
            }
            done.put(part.number(), new CheckpointPart(part.number(), part.offset(), part.size(), receipt.etag(),
                    receipt.crc64().getAsLong()));
            if (spec.checkpointing()) {
                effects.add(new Effect.SaveCheckpoint(uploadId, plan.partSize(), List.copyOf(done.values())));
            }
            fill();
        }

        private void onHead(Op.Purpose purpose, Optional<ObjectInfo> info) {
            long expected = combinedCrc();
            if (purpose == Op.Purpose.VERIFY) {
                if (info.isEmpty() || info.get().crc64().isEmpty()) {
                    fail(ErrorCode.CRC_UNAVAILABLE.code(), info.isEmpty()
                            ? "the object is not there after it was created: " + spec.target().displayName()
                            : "storage reports no CRC-64 for " + spec.target().displayName(), true);
                } else if (info.get().contentLength() != spec.file().length()) {
                    fail(ErrorCode.CRC_MISMATCH.code(), "storage holds " + info.get().contentLength()
                            + " bytes for " + spec.target().displayName() + ", the file has "
                            + spec.file().length(), true);
                } else {
                    verify(info.get().crc64().getAsLong(), info.get().etag());
                }
                return;
            }
            boolean there = info.isPresent() && info.get().contentLength() == spec.file().length()
                    && info.get().crc64().isPresent() && info.get().crc64().getAsLong() == expected;
            if (there) {
                succeed(expected, info.get().etag());
            } else if (purpose == Op.Purpose.CONFIRM_AFTER_ERROR) {
                Op complete = new Op.Complete(epoch);
                active.put(complete, Ctx.OpStatus.BACKOFF);
                effects.add(new Effect.Backoff(complete, Math.max(1, failures.getOrDefault(complete, 1))));
            } else {
                restart(new Event.Failure(StorageException.Kind.UPLOAD_GONE, "NoSuchUpload",
                        "the upload vanished before it was completed"));
            }
        }

        private void onFailure(Op op, long signedWith, Event.Failure failure) {
            switch (failure.kind()) {
                case FATAL:
                    fail(failure.code(), failure.message(), false);
                    return;
                case UPLOAD_GONE:
                    if (op instanceof Op.ListParts) {
                        // resuming an upload storage no longer has: start over cleanly
                        discardCheckpoint(resumeFrom);
                        forgetUpload();
                        startFresh();
                    } else if (phase == Phase.COMPLETING) {
                        issue(new Op.Head(epoch, Op.Purpose.CONFIRM_AFTER_GONE));
                    } else {
                        restart(failure);
                    }
                    return;
                case CREDENTIALS_EXPIRED:
                    if (signedWith < generation) {
                        issue(op); // signed with credentials replaced since: just send it again
                        return;
                    }
                    hold(op);
                    if (!awaiting) {
                        expiries++;
                        if (expiries > MAX_CONSECUTIVE_EXPIRIES) {
                            fail(failure.code(), "the credentials were rejected " + expiries
                                    + " times in a row, even right after a refresh: " + failure.message(), false);
                            return;
                        }
                        awaiting = true;
                        effects.add(new Effect.Notify(new Notification.TokenExpired()));
                        effects.add(new Effect.RefreshCredentials(generation));
                    }
                    return;
                case CLOCK_SKEW:
                    skews++;
                    if (skews > MAX_CLOCK_SKEW_RETRIES) {
                        fail(failure.code(), "the clock was still skewed after " + MAX_CLOCK_SKEW_RETRIES
                                + " corrections: " + failure.message(), false);
                    } else {
                        issue(op);
                    }
                    return;
                case RETRYABLE:
                default:
                    int failed = failures.merge(op, 1, Integer::sum);
                    if (failed >= spec.maxAttempts()) {
                        fail(failure.code(), failure.message() + " (gave up after " + failed + " attempts)", false);
                        return;
                    }
                    retrying.add(op);
                    if (!episodeOpen) {
                        episodeOpen = true;
                        Notification.Retry retry = new Notification.Retry(failure.code(), failure.message());
                        if (startedNotified) {
                            effects.add(new Effect.Notify(retry));
                        } else {
                            heldRetry = retry; // callbacks begin with onUploadStarted
                        }
                    }
                    if (op instanceof Op.Complete) {
                        // the response may be what was lost: check before sending Complete again
                        issue(new Op.Head(epoch, Op.Purpose.CONFIRM_AFTER_ERROR));
                    } else {
                        active.put(op, Ctx.OpStatus.BACKOFF);
                        effects.add(new Effect.Backoff(op, failed));
                    }
            }
        }

        // ------------------------------------------------------------ helpers

        /** Hands {@code op} to the engine, or holds it while paused or waiting for credentials. */
        private void issue(Op op) {
            if (paused || awaiting) {
                hold(op);
            } else {
                active.put(op, Ctx.OpStatus.IN_FLIGHT);
                effects.add(new Effect.Call(op));
            }
        }

        /** Parts go back to the pending pool ({@link #fill} re-issues them); other ops wait as HELD. */
        private void hold(Op op) {
            if (op instanceof Op.UploadPart) {
                active.remove(op);
            } else {
                active.put(op, Ctx.OpStatus.HELD);
            }
        }

        private void release() {
            if (paused || awaiting) {
                return;
            }
            for (Map.Entry<Op, Ctx.OpStatus> e : new ArrayList<>(active.entrySet())) {
                if (e.getValue() == Ctx.OpStatus.HELD) {
                    active.put(e.getKey(), Ctx.OpStatus.IN_FLIGHT);
                    effects.add(new Effect.Call(e.getKey()));
                }
            }
        }

        /** Keeps {@code parallelism} parts going; when every part is done, completes. */
        private void fill() {
            if (phase != Phase.TRANSFERRING || paused || awaiting) {
                return;
            }
            if (plan.singlePut()) {
                Op put = new Op.Put(epoch);
                if (done.isEmpty() && !active.containsKey(put)) {
                    issue(put);
                }
                return;
            }
            int inFlight = 0;
            for (Op op : active.keySet()) {
                if (op instanceof Op.UploadPart) {
                    inFlight++;
                }
            }
            for (int n = 1; n <= plan.partCount() && inFlight < spec.parallelism(); n++) {
                Op op = new Op.UploadPart(epoch, n);
                if (!done.containsKey(n) && !active.containsKey(op)) {
                    issue(op);
                    inFlight++;
                }
            }
            if (inFlight == 0 && done.size() == plan.partCount()) {
                phase = Phase.COMPLETING;
                issue(new Op.Complete(epoch));
            }
        }

        private void startFresh() {
            plan = spec.configuredPlan();
            if (plan.singlePut()) {
                phase = Phase.TRANSFERRING;
                notifyStarted();
                fill();
            } else {
                phase = Phase.STARTING;
                issue(new Op.Initiate(epoch));
            }
        }

        /** The storage upload vanished mid-way: abandon it and everything in flight, start over. */
        private void restart(Event.Failure failure) {
            restarts++;
            if (restarts > MAX_RESTARTS) {
                fail(failure.code(), "the storage upload vanished " + restarts + " times: " + failure.message(), false);
                return;
            }
            effects.add(new Effect.InterruptTransfers());
            if (spec.checkpointing()) {
                effects.add(new Effect.RemoveCheckpoint(spec.fingerprint()));
            }
            epoch++;
            uploadId = null;
            resumeFrom = null;
            resumed = false;
            done.clear();
            active.clear();
            failures.clear();
            retrying.clear();
            startFresh();
        }

        private void discardCheckpoint(Checkpoint cp) {
            if (cp == null) {
                return;
            }
            effects.add(new Effect.Call(new Op.Abort(epoch, cp.uploadId()))); // fire and forget
            effects.add(new Effect.RemoveCheckpoint(cp.fingerprint()));
        }

        private void forgetUpload() {
            uploadId = null;
            resumeFrom = null;
            done.clear();
        }

        /** Keeps what ListParts confirms of the checkpoint: same place in the plan, same size and CRC (or ETag). */
        private void reconcile(List<PartReceipt> listed) {
            Map<Integer, PartReceipt> server = new HashMap<>();
            for (PartReceipt p : listed) {
                server.put(p.partNumber(), p);
            }
            done.clear();
            for (CheckpointPart claimed : resumeFrom.parts()) {
                int n = claimed.partNumber();
                if (n > plan.partCount()) {
                    continue;
                }
                PartPlan.Part part = plan.part(n);
                PartReceipt held = server.get(n);
                if (held == null || part.offset() != claimed.offset() || part.size() != claimed.size()
                        || held.size() != claimed.size()) {
                    continue;
                }
                boolean same = held.crc64().isPresent() ? held.crc64().getAsLong() == claimed.crc64()
                        : held.etag().equalsIgnoreCase(claimed.etag());
                if (same) {
                    done.put(n, new CheckpointPart(n, part.offset(), part.size(), held.etag(), claimed.crc64()));
                }
            }
        }

        private void verify(long reportedCrc, String etag) {
            long expected = combinedCrc();
            if (reportedCrc == expected) {
                succeed(expected, etag);
            } else {
                fail(ErrorCode.CRC_MISMATCH.code(), "storage reports CRC-64 " + Long.toUnsignedString(reportedCrc)
                        + " for " + spec.target().displayName() + " but the file's parts combine to "
                        + Long.toUnsignedString(expected), true);
            }
        }

        private long combinedCrc() {
            long crc = 0;
            for (CheckpointPart p : done.values()) {
                crc = io.vodupload.ports.Crc64.combine(crc, p.crc64(), p.size());
            }
            return crc;
        }

        private void closeEpisodeIfOver() {
            if (episodeOpen && retrying.isEmpty()) {
                endEpisode();
            }
        }

        /** Closes the retry episode: retry-resume if its retry was told, nothing if it was still held. */
        private void endEpisode() {
            episodeOpen = false;
            if (heldRetry != null) {
                heldRetry = null;
            } else {
                effects.add(new Effect.Notify(new Notification.RetryResume()));
            }
        }

        private void notifyStarted() {
            if (startedNotified) {
                return;
            }
            startedNotified = true;
            effects.add(new Effect.Notify(new Notification.Started(new UploadStarted(spec.file().path(),
                    spec.file().length(), spec.target(), Optional.ofNullable(plan.singlePut() ? null : uploadId),
                    plan.partSize(), plan.partCount(), plan.partSizeAdjusted(), resumed, alreadyDone))));
            if (heldRetry != null) {
                effects.add(new Effect.Notify(heldRetry));
                heldRetry = null;
            }
        }

        private void succeed(long crc, String etag) {
            if (episodeOpen) {
                endEpisode();
            }
            if (spec.checkpointing() && uploadId != null) {
                effects.add(new Effect.RemoveCheckpoint(spec.fingerprint()));
            }
            UploadResult result = new UploadResult(spec.target(), spec.file().length(), crc, etag,
                    plan.singlePut() ? 1 : plan.partCount(), resumed);
            effects.add(new Effect.Notify(new Notification.Succeeded(result)));
            terminal = new State.Succeeded(result);
        }

        /**
         * Ends in failure. The storage upload and checkpoint are kept for a later resume unless
         * {@code discard} (the upload is useless: file changed, object corrupt) or checkpoints are off.
         */
        private void fail(String code, String message, boolean discard) {
            effects.add(new Effect.InterruptTransfers());
            if (uploadId != null && (discard || !spec.checkpointing())) {
                effects.add(new Effect.Call(new Op.Abort(epoch, uploadId)));
            }
            if (discard && spec.checkpointing()) {
                effects.add(new Effect.RemoveCheckpoint(spec.fingerprint()));
            }
            effects.add(new Effect.Notify(new Notification.Failed(code, message)));
            terminal = new State.Failed(code, message);
        }

        private void canceled() {
            effects.add(new Effect.Notify(new Notification.Canceled()));
            terminal = new State.Canceled();
        }

        private State freeze() {
            if (terminal != null) {
                return terminal;
            }
            Ctx c = new Ctx(spec, plan, epoch, Optional.ofNullable(uploadId), Optional.ofNullable(resumeFrom), done,
                    active, failures, retrying, episodeOpen, generation, paused, awaiting, expiries, skews, restarts,
                    resumed, alreadyDone, startedNotified, Optional.ofNullable(heldRetry));
            switch (phase) {
                case IDLE:
                    return new State.Idle(c);
                case STARTING:
                    return new State.Starting(c);
                case TRANSFERRING:
                    return new State.Transferring(c);
                case COMPLETING:
                    return new State.Completing(c);
                case CANCELING:
                default:
                    return new State.Canceling(c);
            }
        }
    }
}
