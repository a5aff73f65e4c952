package io.vodupload.domain.internal;

import io.vodupload.domain.ErrorCode;
import io.vodupload.domain.internal.Live.OpStatus;
import io.vodupload.ports.ObjectInfo;
import io.vodupload.ports.ObjectReceipt;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.UploadResult;
import io.vodupload.ports.Verification;
import java.util.Optional;

/**
 * The Completing phase: the object is created, then verified against the CRC-64 of the file's parts.
 * A Complete that failed is confirmed with HeadObject before it is sent again (the response may be what
 * was lost). Part of {@link Machine}.
 */
final class Completing {

    private Completing() {
    }

    static void onCompleteDone(Step t, ObjectReceipt receipt) {
        if (receipt.crc64().isPresent()) {
            verify(t, receipt.crc64().getAsLong(), receipt.etag());
        } else {
            t.issue(new Op.Head(t.epoch(), Op.Purpose.VERIFY));
        }
    }

    static void onHead(Step t, Op.Purpose purpose, Optional<ObjectInfo> info) {
        Spec spec = t.spec();
        long size = t.now.upload().plan().fileSize();
        if (purpose == Op.Purpose.VERIFY) {
            if (info.isPresent() && info.get().crc64().isEmpty() && info.get().contentLength() == size
                    && !t.now.upload().plan().singlePut() && spec.checks().md5Fallback()) {
                // every part's body was checked against its Content-MD5, the file was unchanged at Complete
                succeed(t, t.now.upload().combinedCrc(), info.get().etag(), Verification.CONTENT_MD5);
            } else if (info.isEmpty() || info.get().crc64().isEmpty()) {
                t.fail(ErrorCode.CRC_UNAVAILABLE.code(), info.isEmpty()
                        ? "the object is not there after it was created: " + spec.target().displayName()
                        : "storage reports no CRC-64 for " + spec.target().displayName()
                        + (spec.checks().requireCrc64() ? " and CRC-64 is required"
                        : spec.checks().contentMd5() ? "" : ", and it does not check Content-MD5"), true);
            } else if (info.get().contentLength() != size) {
                t.fail(ErrorCode.CRC_MISMATCH.code(), "storage holds " + info.get().contentLength()
                        + " bytes for " + spec.target().displayName() + ", the file has " + size, true);
            } else {
                verify(t, info.get().crc64().getAsLong(), info.get().etag());
            }
            return;
        }
        long expected = t.now.upload().combinedCrc();
        boolean there = info.isPresent() && info.get().contentLength() == size
                && info.get().crc64().isPresent() && info.get().crc64().getAsLong() == expected;
        if (there) {
            succeed(t, expected, info.get().etag(), Verification.CRC64);
        } else if (purpose == Op.Purpose.CONFIRM_AFTER_ERROR) {
            Op complete = new Op.Complete(t.epoch());
            t.track(complete, OpStatus.BACKOFF);
            t.effect(new Effect.Backoff(complete, Math.max(1, t.now.ops().failures(complete))));
        } else {
            Starting.restart(t, new Event.Failure(StorageException.Kind.UPLOAD_GONE, "NoSuchUpload",
                    "the upload vanished before it was completed"));
        }
    }

    /** Compares the CRC-64 storage reports with the file's parts combined in order. */
    static void verify(Step t, long reportedCrc, String etag) {
        long expected = t.now.upload().combinedCrc();
        if (reportedCrc == expected) {
            succeed(t, expected, etag, Verification.CRC64);
        } else {
            t.fail(ErrorCode.CRC_MISMATCH.code(), "storage reports CRC-64 " + Long.toUnsignedString(reportedCrc)
                    + " for " + t.spec().target().displayName() + " but the file's parts combine to "
                    + Long.toUnsignedString(expected), true);
        }
    }

    static void succeed(Step t, long crc, String etag, Verification verification) {
        if (t.now.retries().episodeOpen()) {
            t.endEpisode();
        }
        Spec spec = t.spec();
        if (spec.checkpointing() && t.now.upload().uploadId().isPresent()) {
            t.effect(new Effect.RemoveCheckpoint(spec.fingerprint()));
        }
        PartPlan plan = t.now.upload().plan();
        UploadResult result = new UploadResult(spec.target(), t.now.upload().plan().fileSize(), crc, etag,
                plan.singlePut() ? 1 : plan.partCount(), t.now.upload().resumed(), verification);
        t.end(new State.Succeeded(result), new Notification.Succeeded(result));
    }
}
