package io.vodupload.domain.internal;

import io.vodupload.domain.internal.Live.Phase;
import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.PartReceipt;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Starting phase of a resumed upload: verify the checkpoint's parts against the file, then let
 * ListParts say which parts the server really holds. Any doubt discards the checkpoint and starts fresh
 * ({@link Starting}). Part of {@link Machine}.
 */
final class Resuming {

    private Resuming() {
    }

    /** Starts resuming from {@code cp}; false (and {@code cp} discarded) if its part size cannot cut the file. */
    static boolean begin(Step t, Checkpoint cp) {
        Optional<PartPlan> plan = PartPlan.forResume(t.spec().file().length(), cp.partSize());
        if (plan.isEmpty()) {
            discard(t, cp);
            return false;
        }
        t.now = t.now.with(t.now.upload().resuming(cp, plan.get())).with(Phase.STARTING);
        t.issue(new Op.VerifyLocal(t.epoch()));
        return true;
    }

    static void onLocalVerified(Step t, boolean unchanged) {
        if (unchanged) {
            t.issue(new Op.ListParts(t.epoch()));
        } else {
            startOver(t);
        }
    }

    static void onPartsListed(Step t, List<PartReceipt> listed) {
        Live.Upload u = t.now.upload();
        t.now = t.now.with(u.resumedWith(confirmed(u.resumeFrom().orElseThrow(), u.plan(), listed)));
        t.saveCheckpoint();
        t.now = t.now.with(Phase.TRANSFERRING);
        t.notifyStarted();
        Transferring.fill(t);
    }

    /** The file changed, or storage no longer has the upload: discard the checkpoint, start fresh. */
    static void startOver(Step t) {
        t.now.upload().resumeFrom().ifPresent(cp -> discard(t, cp));
        t.now = t.now.with(t.now.upload().forgotten());
        Starting.startFresh(t);
    }

    /** Aborts the checkpoint's upload (fire and forget) and removes the checkpoint. */
    static void discard(Step t, Checkpoint cp) {
        t.effect(new Effect.Call(new Op.Abort(t.epoch(), cp.uploadId())));
        t.effect(new Effect.RemoveCheckpoint(cp.fingerprint()));
    }

    /** What ListParts confirms of the checkpoint: same place in the plan, same size and CRC (or ETag). */
    private static SortedMap<Integer, CheckpointPart> confirmed(Checkpoint cp, PartPlan plan,
                                                                List<PartReceipt> listed) {
        Map<Integer, PartReceipt> server = new HashMap<>();
        for (PartReceipt p : listed) {
            server.put(p.partNumber(), p);
        }
        SortedMap<Integer, CheckpointPart> kept = new TreeMap<>();
        for (CheckpointPart claimed : cp.parts()) {
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
                kept.put(n, new CheckpointPart(n, part.offset(), part.size(), held.etag(), claimed.crc64()));
            }
        }
        return kept;
    }
}
