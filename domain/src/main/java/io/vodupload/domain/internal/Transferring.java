package io.vodupload.domain.internal;

import io.vodupload.domain.ErrorCode;
import io.vodupload.domain.internal.Live.Phase;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.Verification;

/**
 * The Transferring phase: keep the {@link Pace}'s limit of parts going, record each one stored (and
 * measure the throughput with it), and complete when all are; or the single PutObject of a small file.
 * Part of {@link Machine}.
 */
final class Transferring {

    private Transferring() {
    }

    /** Keeps the pace's limit of parts going; when every part is done, completes. */
    static void fill(Step t) {
        Live s = t.now;
        if (s.phase() != Phase.TRANSFERRING || s.holding()) {
            return;
        }
        PartPlan plan = s.upload().plan();
        if (plan.singlePut()) {
            Op put = new Op.Put(t.epoch());
            if (s.upload().done().isEmpty() && !s.ops().active().containsKey(put)) {
                t.issue(put);
            }
            return;
        }
        int inFlight = s.ops().parts();
        // a file's parts are all there; a stream's are those read and not yet stored
        Iterable<Integer> ready = s.feed().stream() ? s.feed().buffered().keySet()
                : () -> java.util.stream.IntStream.rangeClosed(1, plan.partCount()).iterator();
        for (int n : ready) {
            if (inFlight >= s.pace().limit()) {
                break;
            }
            Op op = new Op.UploadPart(t.epoch(), n);
            if (!t.now.upload().done().containsKey(n) && !t.now.ops().active().containsKey(op)) {
                t.issue(op);
                inFlight++;
            }
        }
        if (inFlight > 0) {
            t.now = t.now.with(t.now.pace().launched(t.at)); // parts go out at this limit: measure from now
        }
        boolean allThere = !s.feed().stream() || s.feed().ended();
        if (inFlight == 0 && allThere && t.now.upload().done().size() == t.now.upload().plan().partCount()) {
            t.now = t.now.with(Phase.COMPLETING);
            t.issue(new Op.Complete(t.epoch()));
        }
    }

    /**
     * A stream's part is in memory: it joins those ready to go. When the stream ended with it, the plan
     * becomes final (its size and part count known). Before the start (the engine reads the first part
     * first, to choose between one PutObject and a multipart upload) it is only recorded.
     */
    static void onPartRead(Step t, PartPlan.Part part, boolean last) {
        if (!t.now.feed().stream() || t.now.phase() == Phase.CANCELING) {
            t.ignored();
            return;
        }
        t.now = t.now.with(t.now.feed().withRead(part, last));
        PartPlan plan = t.now.upload().plan();
        if (last && t.now.phase() != Phase.IDLE && !plan.singlePut()) {
            t.now = t.now.with(t.now.upload().withPlan(plan.streamEnded(t.now.feed().size(), part.number())));
        }
        if (t.now.phase() == Phase.TRANSFERRING) {
            fill(t);
        }
    }

    /**
     * The stream could not be read, or had another size than the one given: nothing can resume it. While
     * the Initiate is in flight, the upload it creates is not known yet: the failure waits for its answer
     * ({@link #onResultAfterSourceFailed}), so that the upload is aborted, not left behind.
     */
    static void onSourceFailed(Step t, Event.SourceFailed e) {
        if (t.now.phase() == Phase.CANCELING || t.now.feed().failure().isPresent()) {
            t.ignored();
            return;
        }
        if (t.now.upload().uploadId().isEmpty()
                && t.now.ops().status(new Op.Initiate(t.epoch())) == Live.OpStatus.IN_FLIGHT) {
            t.effect(new Effect.InterruptTransfers());
            t.now = t.now.with(t.now.feed().failed(e));
            return;
        }
        t.fail(e.code(), e.message(), true);
    }

    /** The Initiate in flight when the source failed has answered: fail, aborting the upload it made. */
    static void onResultAfterSourceFailed(Step t, Event.Result r) {
        if (r instanceof Event.Initiated e) {
            t.now = t.now.with(t.now.upload().initiated(e.uploadId()));
        }
        Event.SourceFailed f = t.now.feed().failure().orElseThrow();
        t.fail(f.code(), f.message(), true);
    }

    static void onPartUploaded(Step t, PartReceipt receipt) {
        PartPlan.Part part = t.now.feed().stream() ? t.now.feed().buffered().get(receipt.partNumber())
                : t.now.upload().plan().part(receipt.partNumber());
        if (receipt.size() != part.size()) {
            t.fail(ErrorCode.FILE_CHANGED.code(), "part " + part.number() + " should have " + part.size()
                    + " bytes but " + receipt.size() + " were sent; the file changed", true);
            return;
        }
        if (receipt.crc64().isEmpty()) {
            t.fail(ErrorCode.UNEXPECTED_ERROR.code(), "storage returned no CRC-64 for part " + part.number(), false);
            return;
        }
        t.now = t.now.with(t.now.upload().withPart(new CheckpointPart(part.number(), part.offset(), part.size(),
                receipt.etag(), receipt.crc64().getAsLong())));
        if (t.now.feed().stream()) {
            t.now = t.now.with(t.now.feed().stored(part.number())); // its buffer goes back to the pool
        }
        t.now = t.now.with(t.now.pace().partDone(part.size(), t.at));
        t.saveCheckpoint();
        fill(t);
    }

    /**
     * The receipt's CRC is checked against the file's. Without one: when the storage checked the body's
     * Content-MD5, the ETag must be the file's MD5; otherwise HeadObject reads the CRC from the object.
     */
    static void onPutDone(Step t, Event.PutDone e) {
        t.now = t.now.with(t.now.upload().withPart(new CheckpointPart(1, 0, t.now.upload().plan().fileSize(),
                e.receipt().etag(), e.localCrc())));
        if (e.receipt().crc64().isPresent()) {
            Completing.verify(t, e.receipt().crc64().getAsLong(), e.receipt().etag());
        } else if (t.spec().checks().md5Fallback()) {
            if (e.receipt().etag().equalsIgnoreCase(e.localMd5Hex())) {
                Completing.succeed(t, e.localCrc(), e.receipt().etag(), Verification.CONTENT_MD5);
            } else {
                t.fail(ErrorCode.CRC_MISMATCH.code(), "storage reports no CRC-64 for "
                        + t.spec().target().displayName() + " and its ETag " + e.receipt().etag()
                        + " is not the file's MD5 " + e.localMd5Hex(), true);
            }
        } else {
            t.now = t.now.with(Phase.COMPLETING);
            t.issue(new Op.Head(t.epoch(), Op.Purpose.VERIFY));
        }
    }
}
