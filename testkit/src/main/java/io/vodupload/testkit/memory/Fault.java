package io.vodupload.testkit.memory;

import io.vodupload.ports.StorageException;
import java.util.Objects;

/**
 * A scripted fault for {@link InMemoryObjectStorage}: an error response, a connection reset partway
 * through the request body, or a response lost after the operation took effect.
 *
 * <p>Immutable.
 *
 * @param type       what happens
 * @param httpStatus for {@link Type#ERROR}: the HTTP status; 0 otherwise
 * @param errorCode  for {@link Type#ERROR}: the OSS error code; {@code ConnectionReset} otherwise
 */
public record Fault(Type type, int httpStatus, String errorCode) {

    /** What a fault does. */
    public enum Type {
        /** The request is answered with an error before it takes effect. */
        ERROR,
        /** The connection is reset halfway through the body (or before anything, for bodiless requests). */
        RESET,
        /** The operation takes effect, then the connection is reset before the response arrives. */
        LOST_RESPONSE
    }

    public Fault {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(errorCode, "errorCode");
        if (type == Type.ERROR && (httpStatus < 400 || httpStatus > 599)) {
            throw new IllegalArgumentException("httpStatus of an error fault out of 400..599: " + httpStatus);
        }
    }

    /** An error response, e.g. {@code error(503, "ServiceUnavailable")}. */
    public static Fault error(int httpStatus, String errorCode) {
        return new Fault(Type.ERROR, httpStatus, errorCode);
    }

    /** A representative error response of the given kind. */
    public static Fault of(StorageException.Kind kind) {
        switch (kind) {
            case RETRYABLE:
                return error(503, "ServiceUnavailable");
            case CREDENTIALS_EXPIRED:
                return error(403, "SecurityTokenExpired");
            case CLOCK_SKEW:
                return error(403, "RequestTimeTooSkewed");
            case UPLOAD_GONE:
                return error(404, "NoSuchUpload");
            case FATAL:
            default:
                return error(403, "AccessDenied");
        }
    }

    /** A connection reset partway through the request. */
    public static Fault reset() {
        return new Fault(Type.RESET, 0, "ConnectionReset");
    }

    /** The operation takes effect but its response is lost (a reset after the server acted). */
    public static Fault lostResponse() {
        return new Fault(Type.LOST_RESPONSE, 0, "ConnectionReset");
    }

    /**
     * The kind an adapter gives this error, following OSS-PROTOCOL §3.3: expired or invalid STS tokens
     * are {@code CREDENTIALS_EXPIRED}, {@code RequestTimeTooSkewed} is {@code CLOCK_SKEW},
     * {@code NoSuchUpload} is {@code UPLOAD_GONE}, 5xx/408/429 and resets are {@code RETRYABLE}, and the
     * rest is {@code FATAL}.
     */
    public static StorageException.Kind kindOf(int httpStatus, String errorCode) {
        switch (errorCode) {
            case "SecurityTokenExpired":
            case "InvalidSecurityToken":
            case "AccessKeyIdAndSecurityTokenNotMatch":
                return StorageException.Kind.CREDENTIALS_EXPIRED;
            case "RequestTimeTooSkewed":
                return StorageException.Kind.CLOCK_SKEW;
            case "NoSuchUpload":
                return StorageException.Kind.UPLOAD_GONE;
            default:
                break;
        }
        if (httpStatus == 0 || httpStatus >= 500 || httpStatus == 408 || httpStatus == 429) {
            return StorageException.Kind.RETRYABLE;
        }
        return StorageException.Kind.FATAL;
    }
}
