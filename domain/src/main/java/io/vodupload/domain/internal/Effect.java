package io.vodupload.domain.internal;

import io.vodupload.ports.CheckpointPart;
import java.time.Duration;
import java.util.List;

/** What the engine must do after a transition: the outputs of {@link Machine#next}. Immutable values. */
sealed interface Effect {

    /** Perform {@code op} through the ports and report its {@link Event.Result}. */
    record Call(Op op) implements Effect {
    }

    /** Wait the retry policy's back-off after {@code failures} failures, then report {@link Event.BackoffElapsed}. */
    record Backoff(Op op, int failures) implements Effect {
    }

    /** Ask the credentials provider for fresh credentials (single flight: one per expiry). */
    record RefreshCredentials(long generation) implements Effect {
    }

    /** Report {@link Event.CredentialsWaitTimedOut} after {@code timeout} unless credentials arrive. */
    record StartCredentialsTimer(long generation, Duration timeout) implements Effect {
    }

    /** Store the checkpoint of the current upload with these finished parts. */
    record SaveCheckpoint(String uploadId, long partSize, List<CheckpointPart> parts) implements Effect {
        public SaveCheckpoint {
            parts = List.copyOf(parts);
        }
    }

    /** Remove the checkpoint stored under {@code fingerprint}. */
    record RemoveCheckpoint(String fingerprint) implements Effect {
    }

    /** Make every transfer in flight stop at its next chunk (by its listener throwing). */
    record InterruptTransfers() implements Effect {
    }

    /** Deliver a callback. */
    record Notify(Notification notification) implements Effect {
    }
}
