package io.vodupload.domain.internal;

import io.vodupload.domain.ErrorCode;
import io.vodupload.domain.internal.Live.OpStatus;
import io.vodupload.domain.internal.Live.Phase;
import io.vodupload.ports.StorageException;

/**
 * A failed or interrupted op, in any live phase: its {@link io.vodupload.ports.StorageException.Kind}
 * decides what happens next. Part of {@link Machine}.
 */
final class Failures {

    private Failures() {
    }

    static void onFailure(Step t, Op op, long signedWith, Event.Failure failure) {
        if (op instanceof Op.UploadPart) {
            Pace pace = t.now.pace();
            t.now = t.now.with(failure.kind() == StorageException.Kind.RETRYABLE ? pace.failedRetryably()
                    : pace.interrupted());
        }
        switch (failure.kind()) {
            case FATAL:
                t.fail(failure, failure.message(), false);
                return;
            case UPLOAD_GONE:
                if (op instanceof Op.ListParts) {
                    Resuming.startOver(t); // resuming an upload storage no longer has
                } else if (t.now.phase() == Phase.COMPLETING) {
                    t.issue(new Op.Head(t.epoch(), Op.Purpose.CONFIRM_AFTER_GONE)); // it may have completed
                } else {
                    Starting.restart(t, failure);
                }
                return;
            case CREDENTIALS_EXPIRED:
                onExpired(t, op, signedWith, failure);
                return;
            case CLOCK_SKEW:
                t.now = t.now.with(t.now.signing().skewed());
                if (t.now.signing().clockSkewRetries() > Machine.MAX_CLOCK_SKEW_RETRIES) {
                    t.fail(failure, "the clock was still skewed after " + Machine.MAX_CLOCK_SKEW_RETRIES
                            + " corrections: " + failure.message(), false);
                } else {
                    t.issue(op); // the adapter has corrected its clock
                }
                return;
            case RETRYABLE:
            default:
                onRetryable(t, op, failure);
        }
    }

    /**
     * Signed with credentials replaced since: just send it again. Otherwise hold it, and the first expiry
     * of a wait tells the application and asks for new credentials (single flight).
     */
    private static void onExpired(Step t, Op op, long signedWith, Event.Failure failure) {
        Live.Signing s = t.now.signing();
        if (signedWith < s.generation()) {
            t.issue(op);
            return;
        }
        t.hold(op);
        if (s.awaitingCredentials()) {
            return;
        }
        t.now = t.now.with(s.expired());
        int expiries = t.now.signing().consecutiveExpiries();
        if (expiries > Machine.MAX_CONSECUTIVE_EXPIRIES) {
            t.fail(failure, "the credentials were rejected " + expiries
                    + " times in a row, even right after a refresh: " + failure.message(), false);
            return;
        }
        t.effect(new Effect.Notify(new Notification.TokenExpired()));
        t.effect(new Effect.RefreshCredentials(s.generation()));
    }

    /** Counted against the retry policy; backed off, except Complete, which is confirmed first. */
    private static void onRetryable(Step t, Op op, Event.Failure failure) {
        t.now = t.now.with(t.now.ops().failedOnce(op));
        int failed = t.now.ops().failures(op);
        if (failed >= t.spec().maxAttempts()) {
            t.fail(failure, failure.message() + " (gave up after " + failed + " attempts)", false);
            return;
        }
        t.now = t.now.with(t.now.retries().add(op));
        t.openEpisode(new Notification.Retry(failure.code(), failure.message()));
        if (op instanceof Op.Complete) {
            // the response may be what was lost: check before sending Complete again
            t.issue(new Op.Head(t.epoch(), Op.Purpose.CONFIRM_AFTER_ERROR));
        } else {
            t.track(op, OpStatus.BACKOFF);
            t.effect(new Effect.Backoff(op, failed));
        }
    }

    /**
     * Interrupted by a pause: held until resume. Interrupted otherwise (a pause that has since been
     * lifted): sent again, but counted, so a transfer that keeps being interrupted cannot loop forever.
     */
    static void onInterrupted(Step t, Op op) {
        t.now = t.now.with(t.now.pace().interrupted());
        if (t.now.paused()) {
            t.hold(op);
            return;
        }
        t.now = t.now.with(t.now.ops().failedOnce(op));
        int failed = t.now.ops().failures(op);
        if (failed >= t.spec().maxAttempts()) {
            t.fail(ErrorCode.INTERRUPTED.code(), "the transfer was interrupted " + failed + " times", false);
        } else {
            t.issue(op);
        }
    }
}
