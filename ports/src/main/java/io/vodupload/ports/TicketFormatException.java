package io.vodupload.ports;

/**
 * An {@code UploadAddress} or {@code UploadAuth} that cannot be decoded. The message is one line that
 * says what is wrong (not base64, not JSON, which field is missing, which endpoint is not a URL) and never
 * repeats a secret from the input.
 */
public final class TicketFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * A ticket that cannot be decoded.
     *
     * @param message one line, without secrets
     */
    public TicketFormatException(String message) {
        super(message);
    }

    /**
     * A ticket that cannot be decoded, with the parser's exception.
     *
     * @param message one line, without secrets
     * @param cause   the parser's exception; must not hold the secret either
     */
    public TicketFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
