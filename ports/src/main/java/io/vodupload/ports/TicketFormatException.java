package io.vodupload.ports;

import java.util.Optional;

/**
 * An {@code UploadAddress} or {@code UploadAuth} that cannot be decoded. The message is one line that
 * says what is wrong (not base64, not JSON, which field is missing, which endpoint is not a URL) and never
 * repeats a secret from the input.
 */
public final class TicketFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The two tickets of an upload. */
    public enum Ticket {
        /** {@code UploadAddress}: endpoint, bucket, object key. */
        UPLOAD_ADDRESS,
        /** {@code UploadAuth}: the temporary credentials and their region. */
        UPLOAD_AUTH
    }

    private final transient Optional<Ticket> ticket;

    /**
     * A ticket that cannot be decoded.
     *
     * @param message one line, without secrets
     */
    public TicketFormatException(String message) {
        super(message);
        this.ticket = Optional.empty();
    }

    /**
     * A ticket that cannot be decoded, with the parser's exception.
     *
     * @param message one line, without secrets
     * @param cause   the parser's exception; must not hold the secret either
     */
    public TicketFormatException(String message, Throwable cause) {
        super(message, cause);
        this.ticket = Optional.empty();
    }

    /** A failure of {@code ticket}, with the message (and cause) of what went wrong with it. */
    public TicketFormatException(Ticket ticket, String message, Throwable cause) {
        super(message, cause);
        this.ticket = Optional.of(ticket);
    }

    /** Which ticket is at fault, when {@link UploadTicket#decode} says. */
    public Optional<Ticket> ticket() {
        return ticket;
    }
}
