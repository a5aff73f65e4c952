package io.vodupload.domain;

import java.util.Objects;

/**
 * Thrown at once by {@link Uploader#start} when the request cannot be uploaded: the file is missing, a
 * directory, unreadable, empty or too large, or the credentials cannot be had. Carries a catalogue
 * {@link ErrorCode}; the message is one line naming the bad value.
 *
 * <p>Immutable.
 */
public final class InvalidUploadException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @serial the error code. */
    private final ErrorCode errorCode;

    /**
     * @param errorCode the catalogue code, not null
     * @param message   one line naming the bad value, without secrets
     */
    public InvalidUploadException(ErrorCode errorCode, String message) {
        super(errorCode.code() + ": " + message);
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    }

    /** {@return why the request was refused} */
    public ErrorCode errorCode() {
        return errorCode;
    }
}
