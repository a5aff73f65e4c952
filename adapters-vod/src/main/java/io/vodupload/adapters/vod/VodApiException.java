package io.vodupload.adapters.vod;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A failed VOD OpenAPI call: VOD's error code ({@code InvalidVideo.NotFound}, {@code Forbidden},
 * {@code InvalidParameter}, …) or a client-side code for failures without a response, the HTTP status and
 * the request id. Plain data only; never a secret in the message.
 */
public final class VodApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String errorCode;
    private final int httpStatus;
    private final String requestId;
    private final boolean retryable;

    /**
     * @param errorCode  VOD's code or a client-side one, not blank
     * @param httpStatus the HTTP status, 0 when no response arrived
     * @param requestId  VOD's request id, or null
     * @param message    one line, no secrets
     * @param retryable  whether trying again may help (I/O errors, throttling, 5xx)
     * @param cause      the cause, or null
     */
    public VodApiException(String errorCode, int httpStatus, String requestId, String message, boolean retryable,
                           Throwable cause) {
        super(errorCode + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "") + ": " + message
                + (requestId != null ? " [RequestId " + requestId + "]" : ""), cause);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        this.httpStatus = httpStatus;
        this.requestId = requestId;
        this.retryable = retryable;
    }

    public String errorCode() {
        return errorCode;
    }

    public OptionalInt httpStatus() {
        return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty();
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    public boolean isRetryable() {
        return retryable;
    }
}
