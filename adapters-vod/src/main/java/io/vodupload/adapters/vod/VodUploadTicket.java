package io.vodupload.adapters.vod;

import java.util.Objects;
import java.util.Optional;

/**
 * What VOD's create/refresh actions return: the media id and the two base64 tickets, as they come (decode
 * them with an {@link io.vodupload.ports.UploadTicketDecoder}). {@link #toString()} never shows {@code uploadAuth}, which holds
 * a secret.
 *
 * @param mediaId       the VideoId, ImageId or MediaId
 * @param uploadAddress base64 JSON {@code UploadAddress}
 * @param uploadAuth    base64 JSON {@code UploadAuth} (secret)
 * @param requestId     VOD's request id, when known
 * @param mediaUrl      the image's or media's URL ({@code ImageURL}/{@code MediaURL}), when VOD gives one
 */
public record VodUploadTicket(String mediaId, String uploadAddress, String uploadAuth, Optional<String> requestId,
                              Optional<String> mediaUrl) {

    public VodUploadTicket {
        Objects.requireNonNull(mediaId, "mediaId");
        Objects.requireNonNull(uploadAddress, "uploadAddress");
        Objects.requireNonNull(uploadAuth, "uploadAuth");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(mediaUrl, "mediaUrl");
        if (mediaId.isBlank()) {
            throw new IllegalArgumentException("mediaId is blank");
        }
    }

    @Override
    public String toString() {
        return "VodUploadTicket[mediaId=" + mediaId + ", uploadAddress=" + uploadAddress + ", uploadAuth=***"
                + requestId.map(r -> ", requestId=" + r).orElse("") + "]";
    }
}
