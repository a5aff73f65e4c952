package io.vodupload.domain.internal;

import io.vodupload.domain.internal.Live.OpStatus;
import io.vodupload.domain.internal.Live.Phase;
import java.util.Optional;

/**
 * Canceling: stop the transfers, remove the checkpoint and abort the storage upload, waiting for an
 * Initiate in flight to learn which upload to abort. Part of {@link Machine}.
 */
final class Canceling {

    private Canceling() {
    }

    /** Any live phase but Completing (too late to take back) and Canceling itself. */
    static void onCancel(Step t) {
        Phase phase = t.now.phase();
        if (phase == Phase.COMPLETING || phase == Phase.CANCELING) {
            t.ignored();
            return;
        }
        t.effect(new Effect.InterruptTransfers());
        Optional<String> uploadId = t.now.upload().uploadId();
        if (uploadId.isPresent()) {
            if (t.spec().checkpointing()) {
                t.effect(new Effect.RemoveCheckpoint(t.spec().fingerprint()));
            }
            abort(t, uploadId.get());
            return;
        }
        Op initiate = new Op.Initiate(t.epoch());
        if (t.now.ops().status(initiate) == OpStatus.IN_FLIGHT) {
            // its upload id is not known yet: wait for it, then abort it
            t.now = t.now.with(t.now.ops().only(initiate, OpStatus.IN_FLIGHT)).with(Phase.CANCELING);
            return;
        }
        canceled(t);
    }

    /** Only the awaited Initiate or Abort matters now; every other result is ignored. */
    static void onResult(Step t, Event.Result r) {
        Op op = r.op();
        if (op instanceof Op.Initiate) {
            if (r instanceof Event.Initiated e) {
                t.now = t.now.with(t.now.upload().initiated(e.uploadId()));
                abort(t, e.uploadId());
            } else {
                canceled(t);
            }
        } else if (op instanceof Op.Abort) {
            canceled(t); // aborted, or the abort failed: either way nothing more can be done
        } else {
            t.ignored();
        }
    }

    private static void abort(Step t, String uploadId) {
        Op abort = new Op.Abort(t.epoch(), uploadId);
        t.now = t.now.with(t.now.ops().only(abort, OpStatus.IN_FLIGHT)).with(Phase.CANCELING);
        t.effect(new Effect.Call(abort));
    }

    private static void canceled(Step t) {
        t.end(new State.Canceled(), new Notification.Canceled());
    }
}
