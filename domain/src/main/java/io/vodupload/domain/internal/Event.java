package io.vodupload.domain.internal;

import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.ObjectInfo;
import io.vodupload.ports.ObjectReceipt;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.StorageException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What happens to an upload: the inputs of {@link Machine#next}. Immutable values. */
sealed interface Event {

    /** The upload starts, with the checkpoint found for it (if resuming) and stale ones for the same file. */
    record Start(Optional<Checkpoint> checkpoint, List<Checkpoint> stale) implements Event {
        public Start {
            Objects.requireNonNull(checkpoint, "checkpoint");
            stale = List.copyOf(stale);
        }
    }

    /**
     * The engine read part {@code part} of a stream into memory; {@code last} when the stream ended with it
     * (an empty stream is one part of 0 bytes).
     */
    record PartRead(PartPlan.Part part, boolean last) implements Event {
        public PartRead {
            Objects.requireNonNull(part, "part");
        }
    }

    /** Reading the stream failed, or it did not have the size given: the upload fails and is aborted. */
    record SourceFailed(String code, String message) implements Event {
    }

    /** The user paused. */
    record PauseRequested() implements Event {
    }

    /** The user resumed. */
    record ResumeRequested() implements Event {
    }

    /** The user canceled. */
    record CancelRequested() implements Event {
    }

    /** The uploader is closing. */
    record Closing() implements Event {
    }

    /**
     * New credentials (from the provider or the application) are in use: the next generation. The engine
     * holds their secret; their number is counted in the state ({@link Live.Signing#generation()}) only.
     */
    record CredentialsInstalled() implements Event {
    }

    /** The provider could not refresh; wait for the application. */
    record CredentialsUnavailable(long generation) implements Event {
    }

    /** The provider threw while refreshing the credentials of {@code generation}. */
    record CredentialsRefreshFailed(long generation, String message) implements Event {
    }

    /** No credentials arrived within the configured wait. */
    record CredentialsWaitTimedOut(long generation) implements Event {
    }

    /** The back-off before retrying {@code op} is over. */
    record BackoffElapsed(Op op) implements Event {
    }

    /** The outcome of an {@link Op}. */
    sealed interface Result extends Event {
        Op op();
    }

    /** InitiateMultipartUpload returned an id. */
    record Initiated(Op op, String uploadId) implements Result {
    }

    /** The checkpoint's parts were compared with the file. */
    record LocalVerified(Op op, boolean unchanged) implements Result {
    }

    /** ListParts answered. */
    record PartsListed(Op op, List<PartReceipt> parts) implements Result {
        public PartsListed {
            parts = List.copyOf(parts);
        }
    }

    /** A part was stored. */
    record PartUploaded(Op op, PartReceipt receipt) implements Result {
    }

    /**
     * PutObject stored the file; {@code localCrc} and {@code localMd5Hex} are the file's own CRC-64 and MD5,
     * read before it was sent.
     */
    record PutDone(Op op, ObjectReceipt receipt, long localCrc, String localMd5Hex) implements Result {

        /** Without the MD5 (tests of the CRC-64 paths). */
        PutDone(Op op, ObjectReceipt receipt, long localCrc) {
            this(op, receipt, localCrc, "");
        }
    }

    /** CompleteMultipartUpload answered. */
    record CompleteDone(Op op, ObjectReceipt receipt) implements Result {
    }

    /** HeadObject answered. */
    record HeadDone(Op op, Optional<ObjectInfo> info) implements Result {
    }

    /** AbortMultipartUpload answered. */
    record AbortDone(Op op) implements Result {
    }

    /** The op failed; {@code generation} is the credentials generation it was signed with. */
    record OpFailed(Op op, long generation, Failure failure) implements Result {
    }

    /** The op's transfer was interrupted (pause, cancel) through its listener. */
    record OpInterrupted(Op op) implements Result {
    }

    /**
     * Why an op failed: the kind (which decides what happens next), the code, a message without secrets
     * (and without the code), and what the server said about the request.
     *
     * @param kind       what kind of failure
     * @param code       the server's or our error code
     * @param message    the message, not repeating the code
     * @param httpStatus the HTTP status, 0 when no response arrived
     * @param requestId  the server's request id, when known
     */
    record Failure(StorageException.Kind kind, String code, String message, int httpStatus,
                   Optional<String> requestId) {
        public Failure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(requestId, "requestId");
        }

        /** A failure of ours, with no HTTP response behind it. */
        Failure(StorageException.Kind kind, String code, String message) {
            this(kind, code, message, 0, Optional.empty());
        }

        /** The failure a storage exception describes. */
        static Failure of(StorageException e) {
            StringBuilder message = new StringBuilder(e.detail());
            if (e.httpStatus().isPresent() || e.requestId().isPresent()) {
                message.append(" (");
                e.httpStatus().ifPresent(status -> message.append("HTTP ").append(status));
                e.requestId().ifPresent(id -> message.append(e.httpStatus().isPresent() ? ", " : "")
                        .append("RequestId ").append(id));
                message.append(')');
            }
            return new Failure(e.kind(), e.errorCode(), message.toString(), e.httpStatus().orElse(0), e.requestId());
        }

        /** The same failure with another message. */
        Failure withMessage(String newMessage) {
            return new Failure(kind, code, newMessage, httpStatus, requestId);
        }
    }
}
