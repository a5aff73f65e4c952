package io.vodupload.ports;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * VOD's two tickets, decoded, and the storage target they name: what every entry point (the
 * {@code PublishManager} facade, the command line) makes of an {@code UploadAddress} and an
 * {@code UploadAuth} before it can upload. Immutable.
 *
 * <pre>{@code
 * UploadTicket ticket = UploadTicket.decode(decoder, addressB64, authB64, clock.instant(), Optional.empty());
 * uploader.start(UploadRequest.builder(file, ticket.target()).build(),
 *         CredentialsProvider.fixed(ticket.auth().credentials()), callback);
 * }</pre>
 *
 * @param address the decoded {@code UploadAddress}
 * @param auth    the decoded {@code UploadAuth}
 * @param target  where the file goes: the address's endpoint, bucket and key, in the region given or the
 *                ticket's own
 */
public record UploadTicket(UploadAddress address, UploadAuth auth, StorageTarget target) {

    public UploadTicket {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(target, "target");
    }

    /**
     * Decodes both tickets (the address first) and the target they name.
     *
     * @param decoder       the ticket decoder
     * @param uploadAddress base64 JSON {@code UploadAddress}
     * @param uploadAuth    base64 JSON {@code UploadAuth}
     * @param now           the time a lifetime in {@code UploadAuth} is counted from
     * @param region        a region that wins over the {@code UploadAuth}'s own; empty to use the ticket's
     * @throws TicketFormatException naming in {@link TicketFormatException#ticket()} the ticket at fault,
     *                               with the message of what is wrong with it (a missing ticket included)
     */
    public static UploadTicket decode(UploadTicketDecoder decoder, String uploadAddress, String uploadAuth,
                                      Instant now, Optional<String> region) {
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(region, "region");
        UploadAddress address;
        try {
            address = decoder.decodeAddress(Objects.requireNonNull(uploadAddress, "uploadAddress is missing"));
        } catch (RuntimeException e) {
            throw new TicketFormatException(TicketFormatException.Ticket.UPLOAD_ADDRESS, safeMessage(e), e);
        }
        UploadAuth auth;
        try {
            auth = decoder.decodeAuth(Objects.requireNonNull(uploadAuth, "uploadAuth is missing"), now);
        } catch (RuntimeException e) {
            throw new TicketFormatException(TicketFormatException.Ticket.UPLOAD_AUTH, safeMessage(e), e);
        }
        StorageTarget target;
        try {
            target = address.toTarget(region.or(auth::region));
        } catch (IllegalArgumentException e) {
            throw new TicketFormatException(TicketFormatException.Ticket.UPLOAD_ADDRESS, e.getMessage(), e);
        }
        return new UploadTicket(address, auth, target);
    }

    /** A decoder's own messages never quote a secret; another exception's might, so only its type is told. */
    private static String safeMessage(RuntimeException e) {
        return e instanceof TicketFormatException || e instanceof NullPointerException ? e.getMessage()
                : e.getClass().getSimpleName();
    }
}
