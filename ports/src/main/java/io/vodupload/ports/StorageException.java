package io.vodupload.ports;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one exception an {@link ObjectStorage} throws. It carries plain data only: what kind of failure it
 * is (which decides what the domain does next), the server's error code, the HTTP status and the request
 * id. Never a live connection, never a secret: adapters build the message from the server's code and
 * message and the target, never from credentials or signed headers.
 *
 * <p>Immutable.
 */
public final class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of failure this is, and so what the caller should do. */
    public enum Kind {
        /** Transient: I/O error, timeout, reset, 5xx, 408, 429, a part CRC mismatch. Retry with back-off. */
        RETRYABLE,
        /** The credentials expired or were rejected as expired/invalid STS: refresh them, then retry. */
        CREDENTIALS_EXPIRED,
        /** The request time was too far from the server's ({@code RequestTimeTooSkewed}); the adapter has
         * already adjusted its signing clock from {@link #serverTime()} when known: retry. */
        CLOCK_SKEW,
        /** The multipart upload no longer exists ({@code NoSuchUpload}): start a new one. */
        UPLOAD_GONE,
        /** Anything else: retrying will not help (access denied, signature mismatch, bad request). */
        FATAL
    }

    /** @serial the kind. */
    private final Kind kind;
    /** @serial the error code. */
    private final String errorCode;
    /** @serial the http status. */
    private final int httpStatus;
    /** @serial the request id. */
    private final String requestId;
    /** @serial the server time. */
    private final Instant serverTime;
    /** @serial the detail. */
    private final String detail;

    /**
     * @param kind       the kind, not null
     * @param errorCode  the server's error code ({@code SecurityTokenExpired}) or a client-side code
     *                   ({@code ConnectionReset}, {@code SocketTimeout}, {@code PartCrcMismatch}), not blank
     * @param httpStatus the HTTP status, or 0 when no response arrived
     * @param requestId  the server's request id, or null
     * @param message    a one-line human message without secrets, not null
     * @param serverTime the server's time when it said so (for clock skew), or null
     * @param cause      the underlying exception, or null; must not hold secrets either
     */
    public StorageException(Kind kind, String errorCode, int httpStatus, String requestId, String message,
                            Instant serverTime, Throwable cause) {
        super(format(kind, errorCode, httpStatus, requestId, message), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        if (errorCode.isBlank()) {
            throw new IllegalArgumentException("errorCode is blank");
        }
        this.httpStatus = httpStatus;
        this.requestId = requestId;
        this.serverTime = serverTime;
        this.detail = Objects.requireNonNull(message, "message");
    }

    /**
     * A failure with no response (I/O) or no request id.
     *
     * @param kind the kind, not null
     * @param errorCode the server's or a client-side error code, not blank
     * @param message a one-line message without secrets
     * @param cause the underlying exception, or null
     */
    public StorageException(Kind kind, String errorCode, String message, Throwable cause) {
        this(kind, errorCode, 0, null, message, null, cause);
    }

    private static String format(Kind kind, String code, int status, String requestId, String message) {
        StringBuilder sb = new StringBuilder();
        sb.append(code);
        if (status > 0) {
            sb.append(" (HTTP ").append(status).append(')');
        }
        sb.append(": ").append(message);
        if (requestId != null) {
            sb.append(" [RequestId ").append(requestId).append(']');
        }
        return sb.toString();
    }

    /** {@return what kind of failure this is} */
    public Kind kind() {
        return kind;
    }

    /**
     * The human message alone, without the code, status and request id that {@link #getMessage()} adds
     * around it.
     *
     * @return the message without code, status and request id
     */
    public String detail() {
        return detail;
    }

    /** {@return the server's error code, or a client-side code for failures without a response} */
    public String errorCode() {
        return errorCode;
    }

    /** {@return the HTTP status, when a response arrived} */
    public OptionalInt httpStatus() {
        return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty();
    }

    /** {@return the server's request id ({@code x-oss-request-id}), when known} */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** {@return the server's time, when the error carried it ({@code RequestTimeTooSkewed})} */
    public Optional<Instant> serverTime() {
        return Optional.ofNullable(serverTime);
    }

    /** {@return whether the kind is {@link Kind#RETRYABLE}} */
    public boolean isRetryable() {
        return kind == Kind.RETRYABLE;
    }
}
