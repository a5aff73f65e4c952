package io.vodupload.domain.internal;

import io.vodupload.domain.internal.Live.Phase;
import io.vodupload.ports.Checkpoint;
import java.util.List;

/**
 * The Idle and Starting phases of a fresh upload: start, initiate, and starting over when the storage
 * upload vanished. Resuming from a checkpoint is {@link Resuming}. Part of {@link Machine}.
 */
final class Starting {

    private Starting() {
    }

    /** Stale checkpoints are discarded; a usable one is resumed; otherwise a fresh start. */
    static void onStart(Step t, Event.Start e) {
        if (t.now.phase() != Phase.IDLE) {
            t.ignored();
            return;
        }
        for (Checkpoint stale : e.stale()) {
            Resuming.discard(t, stale);
        }
        if (e.checkpoint().isPresent() && Resuming.begin(t, e.checkpoint().get())) {
            return;
        }
        startFresh(t);
    }

    /** With the configured plan: a small file goes in one PutObject at once, a large one is initiated first. */
    static void startFresh(Step t) {
        PartPlan plan = t.spec().configuredPlan();
        Live.Feed feed = t.now.feed();
        if (feed.stream() && feed.ended()) {
            // the engine reads a stream's first part before the start: one that ended within it is one
            // PutObject, whatever size was expected
            plan = feed.read() == 1 ? PartPlan.of(feed.size(), plan.partSize()) : plan.streamEnded(feed.size(), feed.read());
        }
        t.now = t.now.with(t.now.upload().withPlan(plan));
        if (plan.singlePut()) {
            t.now = t.now.with(Phase.TRANSFERRING);
            t.notifyStarted();
            Transferring.fill(t);
        } else {
            t.now = t.now.with(Phase.STARTING);
            t.issue(new Op.Initiate(t.epoch()));
        }
    }

    static void onInitiated(Step t, String uploadId) {
        t.now = t.now.with(t.now.upload().initiated(uploadId));
        if (t.spec().checkpointing()) {
            t.effect(new Effect.SaveCheckpoint(uploadId, t.now.upload().plan().partSize(), List.of()));
        }
        t.now = t.now.with(Phase.TRANSFERRING);
        t.notifyStarted();
        Transferring.fill(t);
    }

    /**
     * The storage upload vanished mid-way: abandon it and everything in flight (a new epoch makes their
     * results stale) and start over; after {@link Machine#MAX_RESTARTS} times, give up.
     */
    static void restart(Step t, Event.Failure failure) {
        if (t.now.feed().stream()) {
            // the parts already stored left memory: a stream cannot be sent again
            t.fail(failure, "the storage upload vanished and a stream cannot be read again: " + failure.message(),
                    true);
            return;
        }
        int restarts = t.now.upload().restarts() + 1;
        if (restarts > Machine.MAX_RESTARTS) {
            // the vanished upload's id stays known, so fail can abort it when checkpoints are off
            t.fail(failure, "the storage upload vanished " + restarts + " times: " + failure.message(), false);
            return;
        }
        t.now = t.now.with(t.now.upload().restarted());
        t.effect(new Effect.InterruptTransfers());
        if (t.spec().checkpointing()) {
            t.effect(new Effect.RemoveCheckpoint(t.spec().fingerprint()));
        }
        t.now = t.now.with(t.now.ops().cleared()).with(t.now.retries().restarted());
        startFresh(t);
    }
}
