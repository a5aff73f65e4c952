package io.vodupload.testkit.vod;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link FakeVodServer} tells its {@link TicketIssuer} about the media it needs a ticket for.
 *
 * @param action    the action being answered; {@link VodAction#REFRESH_UPLOAD_VIDEO} for a refresh
 * @param mediaId   the VideoId, ImageId or MediaId the server assigned
 * @param fileName  the {@code FileName} parameter, when the action has one
 * @param extension the file extension in lower case, without the dot ({@code mp4}, {@code png}, {@code srt})
 * @param region    the VOD region the server plays ({@code cn-shanghai})
 */
public record TicketRequest(VodAction action, String mediaId, Optional<String> fileName, String extension,
                            String region) {

    public TicketRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(mediaId, "mediaId");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(region, "region");
        if (mediaId.isBlank()) {
            throw new IllegalArgumentException("mediaId is blank");
        }
        if (extension.isBlank() || extension.contains(".")) {
            throw new IllegalArgumentException("extension must be non-blank without '.': \"" + extension + "\"");
        }
    }
}
