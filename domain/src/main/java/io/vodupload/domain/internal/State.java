package io.vodupload.domain.internal;

import io.vodupload.domain.UploadState;
import io.vodupload.ports.UploadResult;
import java.util.Objects;

/**
 * The state of an upload, the one value {@link Machine#next} maps from and to: {@link Live} while the
 * upload goes on (its phase and bookkeeping), or one of the three terminal outcomes.
 */
sealed interface State permits Live, State.Succeeded, State.Failed, State.Canceled {

    /** Whether nothing more will happen. */
    default boolean terminal() {
        return !(this instanceof Live);
    }

    /** The state as the public API shows it. */
    UploadState publicState();

    /** Terminal: done and verified. */
    record Succeeded(UploadResult result) implements State {
        public Succeeded {
            Objects.requireNonNull(result, "result");
        }

        @Override
        public UploadState publicState() {
            return UploadState.SUCCEEDED;
        }
    }

    /** Terminal: failed with {@code code}. */
    record Failed(String code, String message) implements State {
        @Override
        public UploadState publicState() {
            return UploadState.FAILED;
        }
    }

    /** Terminal: canceled. */
    record Canceled() implements State {
        @Override
        public UploadState publicState() {
            return UploadState.CANCELED;
        }
    }
}
