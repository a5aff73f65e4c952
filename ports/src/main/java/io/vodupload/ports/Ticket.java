package io.vodupload.ports;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link TicketSource} gives for one file when it starts: where the object goes, the credentials to
 * sign with (and to refresh when they expire), and the VOD VideoId the ticket belongs to.
 *
 * <p>Immutable. {@link #toString()} shows the target and VideoId only, never the credentials.
 *
 * @param target      where the object goes
 * @param credentials the file's credentials; the uploader asks it for fresh ones when the storage says
 *                    they expired (a VOD implementation calls {@code RefreshUploadVideo} there)
 * @param videoId     the VOD VideoId, when the ticket belongs to one
 */
public record Ticket(StorageTarget target, CredentialsProvider credentials, Optional<String> videoId) {

    public Ticket {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(videoId, "videoId");
        if (videoId.isPresent() && videoId.get().isBlank()) {
            throw new IllegalArgumentException("videoId is blank");
        }
    }

    @Override
    public String toString() {
        return "Ticket[" + target.displayName() + videoId.map(v -> ", videoId=" + v).orElse("") + "]";
    }
}
