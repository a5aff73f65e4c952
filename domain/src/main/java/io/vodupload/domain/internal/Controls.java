package io.vodupload.domain.internal;

import io.vodupload.domain.ErrorCode;
import io.vodupload.domain.internal.Live.OpStatus;
import io.vodupload.domain.internal.Live.Phase;

/**
 * What can happen in any live phase besides an op's result: the user pausing and resuming, credentials
 * arriving (or not), a back-off ending. Part of {@link Machine}.
 */
final class Controls {

    private Controls() {
    }

    static void onPause(Step t) {
        if (running(t) && !t.now.paused()) {
            t.now = t.now.withPaused(true).with(t.now.pace().interrupted()); // paused time is no throughput
            t.effect(new Effect.InterruptTransfers());
        } else {
            t.ignored();
        }
    }

    static void onResume(Step t) {
        if (running(t) && t.now.paused()) {
            t.now = t.now.withPaused(false);
            t.release();
            Transferring.fill(t);
        } else {
            t.ignored();
        }
    }

    /**
     * The uploader is closing. A paused upload ends as {@code Interrupted} and keeps its storage upload
     * and checkpoint whatever the checkpoint setting (whoever paused it holds its resume token); any other
     * is canceled (a completing one is let finish).
     */
    static void onClosing(Step t) {
        if (running(t) && t.now.paused()) {
            t.effect(new Effect.InterruptTransfers());
            String message = "the uploader was closed while the upload was paused; resume it from its token";
            t.end(new State.Failed(ErrorCode.INTERRUPTED.code(), message),
                    new Notification.Failed(ErrorCode.INTERRUPTED.code(), message));
        } else {
            Canceling.onCancel(t);
        }
    }

    /** Pause and resume apply while starting and transferring; Completing is too close to the end. */
    private static boolean running(Step t) {
        return t.now.phase() == Phase.STARTING || t.now.phase() == Phase.TRANSFERRING;
    }

    static void onCredentialsInstalled(Step t) {
        if (t.now.phase() == Phase.CANCELING) {
            t.now = t.now.with(t.now.signing().installedWhileCanceling());
            return;
        }
        t.now = t.now.with(t.now.signing().installed());
        t.release();
        Transferring.fill(t);
    }

    /** The provider has none: wait for the application, within the configured limit if there is one. */
    static void onCredentialsUnavailable(Step t, long generation) {
        Live.Signing s = t.now.signing();
        if (s.awaitingCredentials() && generation == s.generation() && t.spec().credentialsTimeout().isPresent()) {
            t.effect(new Effect.StartCredentialsTimer(generation, t.spec().credentialsTimeout().get()));
        }
    }

    /**
     * A refresh that failed fails the upload only if it was the refresh of the credentials still in use:
     * a late failure of an earlier one (the application supplied credentials meanwhile) is ignored.
     */
    static void onRefreshFailed(Step t, long generation, String message) {
        Live.Signing s = t.now.signing();
        if (s.awaitingCredentials() && generation == s.generation()) {
            t.fail(ErrorCode.CREDENTIALS_UNAVAILABLE.code(), "refreshing the credentials failed: " + message, false);
        } else {
            t.ignored();
        }
    }

    static void onWaitTimedOut(Step t, long generation) {
        Live.Signing s = t.now.signing();
        if (s.awaitingCredentials() && generation == s.generation()) {
            t.fail(ErrorCode.CREDENTIALS_UNAVAILABLE.code(), "no new credentials arrived within "
                    + t.spec().credentialsTimeout().map(Object::toString).orElse("the wait"), false);
        } else {
            t.ignored(); // credentials came meanwhile: the timer belonged to an earlier wait
        }
    }

    static void onBackoffElapsed(Step t, Op op) {
        if (t.now.ops().status(op) != OpStatus.BACKOFF || t.now.phase() == Phase.CANCELING) {
            t.ignored();
            return;
        }
        t.untrack(op);
        t.issue(op);
    }
}
