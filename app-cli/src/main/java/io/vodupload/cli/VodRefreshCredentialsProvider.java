package io.vodupload.cli;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.UploadTicketDecoder;
import io.vodupload.ports.VodApiException;
import io.vodupload.ports.VodUploadApi;
import io.vodupload.ports.VodUploadTicket;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Fresh upload credentials for a video from VOD's {@code RefreshUploadVideo}, for the {@code --vod-region}
 * target. A failed refresh returns empty and records why ({@link #lastFailure()}).
 *
 * <p>Thread-safe; refreshes are serialized.
 */
final class VodRefreshCredentialsProvider implements CredentialsProvider {

    private final VodUploadApi api;
    private final String videoId;
    private final UploadTicketDecoder decoder;
    private final Clock clock;
    private volatile Credentials current;
    private volatile String lastFailure = "";

    VodRefreshCredentialsProvider(VodUploadApi api, String videoId, Credentials initial, UploadTicketDecoder decoder,
                                  Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.videoId = Objects.requireNonNull(videoId, "videoId");
        this.current = Objects.requireNonNull(initial, "initial");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Credentials current() {
        return current;
    }

    String lastFailure() {
        return lastFailure;
    }

    @Override
    public synchronized Optional<Credentials> refresh(Credentials expired) {
        if (!expired.equals(current)) {
            return Optional.of(current);
        }
        try {
            VodUploadTicket ticket = api.refreshUploadVideo(videoId);
            current = decoder.decodeAuth(ticket.uploadAuth(), clock.instant()).credentials();
            lastFailure = "";
            return Optional.of(current);
        } catch (VodApiException | IllegalArgumentException e) {
            lastFailure = "RefreshUploadVideo failed for video " + videoId + ": " + e.getMessage();
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "VodRefreshCredentialsProvider[videoId=" + videoId + ", " + current + "]";
    }
}
