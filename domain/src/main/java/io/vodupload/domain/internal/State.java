package io.vodupload.domain.internal;

import io.vodupload.ports.UploadResult;
import java.util.Objects;

/**
 * The phase of an upload. Live phases carry the upload's bookkeeping ({@link Ctx}); terminal ones carry
 * the outcome. Retrying, paused and awaiting credentials are orthogonal to the phase and live in the
 * context as flags (a retry episode, a user pause and a credential wait can overlap); the public
 * {@link io.vodupload.domain.UploadState} folds them back in ({@link Machine#publicState}).
 */
public sealed interface State {

    /** Whether nothing more will happen. */
    default boolean terminal() {
        return !(this instanceof Live);
    }

    /** A phase in which the upload is still going. */
    sealed interface Live extends State {
        Ctx ctx();
    }

    /** Not started. */
    record Idle(Ctx ctx) implements Live {
    }

    /** Verifying a checkpoint, listing parts or initiating the storage upload. */
    record Starting(Ctx ctx) implements Live {
    }

    /** Uploading parts (or the single PutObject). */
    record Transferring(Ctx ctx) implements Live {
    }

    /** Completing and verifying the object. */
    record Completing(Ctx ctx) implements Live {
    }

    /** Canceled: aborting the storage upload (or waiting for its id to abort it). */
    record Canceling(Ctx ctx) implements Live {
    }

    /** Terminal: done and verified. */
    record Succeeded(UploadResult result) implements State {
        public Succeeded {
            Objects.requireNonNull(result, "result");
        }
    }

    /** Terminal: failed with {@code code}. */
    record Failed(String code, String message) implements State {
    }

    /** Terminal: canceled. */
    record Canceled() implements State {
    }
}
