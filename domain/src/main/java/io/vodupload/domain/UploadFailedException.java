package io.vodupload.domain;

import io.vodupload.ports.StorageException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How {@link UploadHandle#completion()} fails: the same code and message {@code onUploadFailed} got,
 * and, when storage's answer caused it, what storage said (kind, HTTP status, request id).
 * The code is a catalogue code ({@link #catalogued()}) or the storage's error code passed through.
 *
 * <p>{@link #getMessage()} is {@code code: message}; the message itself never repeats the code (for
 * example {@code InvalidArgument: part too small (HTTP 400, RequestId 5F3A...)}).
 *
 * <p>Immutable. Never holds a secret.
 */
public final class UploadFailedException extends RuntimeException {

    private static final long serialVersionUID = 2L;

    /** @serial the code. */
    private final String code;
    /** @serial the detail. */
    private final String detail;
    /** @serial the kind. */
    private final StorageException.Kind kind;
    /** @serial the http status. */
    private final int httpStatus;
    /** @serial the request id. */
    private final String requestId;

    /**
     * A failure of the uploader's own (a catalogue code), with no storage answer behind it.
     *
     * @param code    the failure code, not blank
     * @param message a one-line message
     */
    public UploadFailedException(String code, String message) {
        this(code, message, null, 0, null);
    }

    /**
     * A failure caused by storage's answer.
     *
     * @param code       the failure code, not blank
     * @param message    a one-line message that does not repeat the code
     * @param kind       what kind of storage failure, or null for a failure of the uploader's own
     * @param httpStatus the HTTP status, or 0 when no response arrived
     * @param requestId  the server's request id, or null
     */
    public UploadFailedException(String code, String message, StorageException.Kind kind, int httpStatus,
                                 String requestId) {
        super(Objects.requireNonNull(code, "code") + ": " + Objects.requireNonNull(message, "message"));
        if (code.isBlank()) {
            throw new IllegalArgumentException("code is blank");
        }
        this.code = code;
        this.detail = message;
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.requestId = requestId;
    }

    /** {@return the failure code, as {@code onUploadFailed} reported it} */
    public String code() {
        return code;
    }

    /** {@return the message, as {@code onUploadFailed} reported it (without the code)} */
    public String detail() {
        return detail;
    }

    /** {@return the catalogue entry when the code is one of ours} */
    public Optional<ErrorCode> catalogued() {
        return ErrorCode.fromCode(code);
    }

    /** {@return the kind of the storage failure that ended the upload; empty for a failure of the uploader's own} */
    public Optional<StorageException.Kind> kind() {
        return Optional.ofNullable(kind);
    }

    /**
     * Whether running the same upload again, unchanged, may well succeed: storage kept failing with a
     * transient fault ({@link StorageException.Kind#RETRYABLE}) until the retry policy gave up, or the
     * transfer was interrupted ({@link ErrorCode#INTERRUPTED}). With resume on, a new run continues from
     * the checkpoint.
     *
     * @return whether a new run may succeed
     */
    public boolean isRetryable() {
        return kind == StorageException.Kind.RETRYABLE || code.equals(ErrorCode.INTERRUPTED.code());
    }

    /** {@return the HTTP status of storage's answer, when one caused the failure} */
    public OptionalInt httpStatus() {
        return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty();
    }

    /** {@return the server's request id of the answer that caused the failure, when known (quote it to support)} */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }
}
