package io.vodupload.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * How {@link UploadHandle#completion()} fails: the same code and message {@code onUploadFailed} got.
 * The code is a catalogue code ({@link #catalogued()}) or the storage's error code passed through.
 *
 * <p>Immutable. Never holds a secret.
 */
public final class UploadFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String detail;

    /**
     * @param code    the failure code, not blank
     * @param message a one-line message
     */
    public UploadFailedException(String code, String message) {
        super(Objects.requireNonNull(code, "code") + ": " + Objects.requireNonNull(message, "message"));
        this.code = code;
        this.detail = message;
    }

    /** The failure code, as {@code onUploadFailed} reported it. */
    public String code() {
        return code;
    }

    /** The message, as {@code onUploadFailed} reported it. */
    public String detail() {
        return detail;
    }

    /** The catalogue entry when the code is one of ours. */
    public Optional<ErrorCode> catalogued() {
        return ErrorCode.fromCode(code);
    }
}
