package io.vodupload.adapters.vod;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.TicketFormatException;
import io.vodupload.ports.UploadAddress;
import io.vodupload.ports.UploadAuth;
import io.vodupload.ports.UploadTicketDecoder;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Upload credentials for one VOD video, refreshed with {@code RefreshUploadVideo}: the app-server flow of
 * VOD's docs, without asking the application. Start it from the ticket {@code CreateUploadVideo} returned
 * ({@link #forVideo}); when storage rejects the credentials as expired, {@link #refresh} calls
 * {@code RefreshUploadVideo(VideoId)}, decodes the new {@code UploadAuth} and checks that the
 * {@code UploadAddress} is still the one the upload started with (VOD keeps it; if it ever changed, the
 * parts already uploaded would be in the wrong place, so that is an error naming both addresses).
 *
 * <p>Images and attached media cannot be refreshed (VOD's rule: a new {@code CreateUploadImage} or
 * {@code CreateUploadAttachedMedia} call makes a new media entry with a new address, so the upload has to
 * start over). {@link #forImage} and {@link #forAttachedMedia} give a provider whose {@link #refresh}
 * always answers empty: the caller must then create a new upload.
 *
 * <p><b>Threading:</b> thread-safe. The domain refreshes one at a time (single flight); this class also
 * serialises refreshes itself, and a refresh for credentials that have already been replaced returns the
 * replacement without calling VOD again. {@link #refresh} blocks on the network and throws
 * {@link InterruptedException} when interrupted before or while waiting for another refresh.
 *
 * <p><b>Failures of {@link #refresh}:</b> {@link VodApiException} from the API (for example
 * {@code InvalidVideo.NotFound}), or with the client-side code {@code UploadAddressChanged};
 * {@link TicketFormatException} when VOD's tickets cannot be decoded. The current credentials stay as they
 * were after a failure.
 */
public final class VodRefreshCredentialsProvider implements CredentialsProvider {

    private static final System.Logger LOG = System.getLogger(VodRefreshCredentialsProvider.class.getName());

    private final String videoId;
    private final UploadAddress address;
    private final VodUploadApi api;
    private final UploadTicketDecoder decoder;
    private final Clock clock;
    private final ReentrantLock refreshing = new ReentrantLock();
    private volatile Credentials current;

    /**
     * @param videoId the VideoId of the upload
     * @param address the upload address the upload started with (refreshes must keep it)
     * @param initial the credentials the upload started with
     * @param api     where {@code RefreshUploadVideo} goes
     * @param decoder decodes the refreshed tickets
     * @param clock   the time an {@code Expiration} lifetime is counted from
     */
    public VodRefreshCredentialsProvider(String videoId, UploadAddress address, Credentials initial,
                                         VodUploadApi api, UploadTicketDecoder decoder, Clock clock) {
        this.videoId = Objects.requireNonNull(videoId, "videoId");
        if (videoId.isBlank()) {
            throw new IllegalArgumentException("videoId is blank");
        }
        this.address = Objects.requireNonNull(address, "address");
        this.current = Objects.requireNonNull(initial, "initial");
        this.api = Objects.requireNonNull(api, "api");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The provider for the video of {@code ticket} (from {@code CreateUploadVideo} or
     * {@code RefreshUploadVideo}), starting with its credentials.
     *
     * @throws TicketFormatException when the ticket's address or auth cannot be decoded
     */
    public static VodRefreshCredentialsProvider forVideo(VodUploadTicket ticket, VodUploadApi api,
                                                         UploadTicketDecoder decoder, Clock clock) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(clock, "clock");
        UploadAddress address = decoder.decodeAddress(ticket.uploadAddress());
        UploadAuth auth = decoder.decodeAuth(ticket.uploadAuth(), clock.instant());
        return new VodRefreshCredentialsProvider(ticket.mediaId(), address, auth.credentials(), api, decoder, clock);
    }

    /**
     * The credentials of a {@code CreateUploadImage} ticket; they cannot be refreshed, so
     * {@link CredentialsProvider#refresh} answers empty and the caller must create a new upload.
     *
     * @throws TicketFormatException when the ticket's auth cannot be decoded
     */
    public static CredentialsProvider forImage(VodUploadTicket ticket, UploadTicketDecoder decoder, Clock clock) {
        return nonRefreshable("image", ticket, decoder, clock);
    }

    /**
     * The credentials of a {@code CreateUploadAttachedMedia} ticket; like an image's, they cannot be
     * refreshed.
     *
     * @throws TicketFormatException when the ticket's auth cannot be decoded
     */
    public static CredentialsProvider forAttachedMedia(VodUploadTicket ticket, UploadTicketDecoder decoder,
                                                       Clock clock) {
        return nonRefreshable("attached media", ticket, decoder, clock);
    }

    /** The VideoId whose credentials this provider refreshes. */
    public String videoId() {
        return videoId;
    }

    /** The upload address every refresh must keep. */
    public UploadAddress address() {
        return address;
    }

    @Override
    public Credentials current() {
        return current;
    }

    /**
     * New credentials from {@code RefreshUploadVideo}; or, when {@code expired} is no longer the current
     * credentials (another caller refreshed first), the current ones without a call.
     *
     * @return the new credentials, never empty
     * @throws VodApiException       when VOD refuses ({@code InvalidVideo.NotFound}, throttling, …), or with
     *                               code {@code UploadAddressChanged} when VOD answers a different address
     * @throws TicketFormatException when VOD's tickets cannot be decoded
     * @throws InterruptedException  when interrupted before the call
     */
    @Override
    public Optional<Credentials> refresh(Credentials expired) throws InterruptedException {
        Objects.requireNonNull(expired, "expired");
        refreshing.lockInterruptibly();
        try {
            Credentials now = current;
            if (!now.equals(expired)) {
                return Optional.of(now);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted before RefreshUploadVideo of video " + videoId);
            }
            VodUploadTicket ticket = api.refreshUploadVideo(videoId);
            String requestId = ticket.requestId().orElse(null);
            if (!ticket.mediaId().equals(videoId)) {
                throw new VodApiException("InvalidResponse", 0, requestId, "RefreshUploadVideo of video " + videoId
                        + " answered for video " + ticket.mediaId(), false, null);
            }
            UploadAddress refreshed = decoder.decodeAddress(ticket.uploadAddress());
            if (!refreshed.equals(address)) {
                throw new VodApiException("UploadAddressChanged", 0, requestId, "RefreshUploadVideo of video "
                        + videoId + " moved the upload address from " + describe(address) + " to "
                        + describe(refreshed) + "; the parts already uploaded are at the old one", false, null);
            }
            Credentials fresh = decoder.decodeAuth(ticket.uploadAuth(), clock.instant()).credentials();
            current = fresh;
            LOG.log(System.Logger.Level.DEBUG, () -> "refreshed the upload credentials of video " + videoId
                    + ": " + fresh);
            return Optional.of(fresh);
        } finally {
            refreshing.unlock();
        }
    }

    @Override
    public String toString() {
        return "VodRefreshCredentialsProvider[videoId=" + videoId + ", address=" + describe(address)
                + ", current=" + current + "]";
    }

    private static String describe(UploadAddress a) {
        return a.endpoint() + " bucket " + a.bucket() + " key " + a.fileName();
    }

    private static CredentialsProvider nonRefreshable(String kind, VodUploadTicket ticket,
                                                      UploadTicketDecoder decoder, Clock clock) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(clock, "clock");
        Credentials credentials = decoder.decodeAuth(ticket.uploadAuth(), clock.instant()).credentials();
        String mediaId = ticket.mediaId();
        return new CredentialsProvider() {
            @Override
            public Credentials current() {
                return credentials;
            }

            @Override
            public Optional<Credentials> refresh(Credentials expired) {
                LOG.log(System.Logger.Level.INFO, () -> "the upload credentials of " + kind + " " + mediaId
                        + " cannot be refreshed (VOD refreshes videos only); create a new upload");
                return Optional.empty();
            }

            @Override
            public String toString() {
                return "VodCredentials[" + kind + " " + mediaId + ", not refreshable, " + credentials + "]";
            }
        };
    }
}
