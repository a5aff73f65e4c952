package io.vodupload.adapters.vod;

import io.vodupload.ports.QueuedFileInfo;
import io.vodupload.ports.Ticket;
import io.vodupload.ports.TicketSource;
import io.vodupload.ports.UploadAddress;
import io.vodupload.ports.UploadAuth;
import io.vodupload.ports.UploadTicketDecoder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The upload queue's {@link TicketSource} over VOD's OpenAPI: {@code CreateUploadVideo} when a file starts,
 * {@code RefreshUploadVideo} with the kept VideoId when it starts again (after a pause, a restart, on
 * another machine) or when its credentials expire. Videos only: images and attached media cannot be
 * refreshed (VOD's rule), so they do not fit a queue that resumes.
 *
 * <p>The file's {@code vodInfo} gives the request's fields by the seed SDK's {@code VodInfo} names:
 * {@code Title} (default: the file name without its extension), {@code Description}, {@code CoverUrl},
 * {@code CateId}, {@code Tags} (comma-separated), {@code UserData}, and the app server's
 * {@code TemplateGroupId}, {@code WorkflowId}, {@code StorageLocation}, {@code AppId}.
 *
 * <pre>{@code
 * UploadQueue queue = UploadQueue.builder(uploader)
 *         .ticketSource(new VodTicketSource(vodApiClient, new JacksonUploadTicketDecoder(), clock))
 *         .build();
 * queue.addFile(Path.of("clip.mp4"), Map.of("Title", "My clip", "CateId", "1000"));
 * }</pre>
 *
 * <p><b>Threading:</b> thread-safe; calls block on the network. <b>Failures:</b> {@link VodApiException}
 * (the queue fails that file with {@code CredentialsUnavailable} and VOD's message),
 * {@link io.vodupload.ports.TicketFormatException}, or {@link IllegalArgumentException} for a
 * {@code vodInfo} VOD would refuse (a title over 128 characters, a file name without an extension).
 */
public final class VodTicketSource implements TicketSource {

    private final VodUploadApi api;
    private final UploadTicketDecoder decoder;
    private final Clock clock;

    /**
     * @param api     where the create and refresh calls go
     * @param decoder decodes VOD's tickets
     * @param clock   the time an {@code Expiration} lifetime is counted from
     */
    public VodTicketSource(VodUploadApi api, UploadTicketDecoder decoder, Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Ticket open(QueuedFileInfo file) {
        return ticket(api.createUploadVideo(request(file)));
    }

    @Override
    public Ticket refresh(String videoId) {
        return ticket(api.refreshUploadVideo(Objects.requireNonNull(videoId, "videoId")));
    }

    /** The {@code CreateUploadVideo} request for {@code file}. */
    static CreateUploadVideoRequest request(QueuedFileInfo file) {
        Map<String, String> info = file.vodInfo();
        String fileName = String.valueOf(Optional.ofNullable(file.source().getFileName()).orElse(Path.of("")));
        int dot = fileName.lastIndexOf('.');
        String title = Optional.ofNullable(info.get("Title"))
                .orElse(dot > 0 ? fileName.substring(0, dot) : fileName);
        List<String> tags = Optional.ofNullable(info.get("Tags"))
                .map(t -> Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        OptionalLong cateId = OptionalLong.empty();
        if (info.containsKey("CateId")) {
            try {
                cateId = OptionalLong.of(Long.parseLong(info.get("CateId").trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("CateId is not a number: " + info.get("CateId"));
            }
        }
        return new CreateUploadVideoRequest(title, fileName,
                file.totalBytes() > 0 ? OptionalLong.of(file.totalBytes()) : OptionalLong.empty(),
                Optional.ofNullable(info.get("Description")), Optional.ofNullable(info.get("CoverUrl")), cateId, tags,
                Optional.ofNullable(info.get("TemplateGroupId")), Optional.ofNullable(info.get("WorkflowId")),
                Optional.ofNullable(info.get("StorageLocation")), Optional.ofNullable(info.get("UserData")),
                Optional.ofNullable(info.get("AppId")));
    }

    private Ticket ticket(VodUploadTicket vod) {
        UploadAddress address = decoder.decodeAddress(vod.uploadAddress());
        UploadAuth auth = decoder.decodeAuth(vod.uploadAuth(), clock.instant());
        return new Ticket(address.toTarget(auth.region()),
                new VodRefreshCredentialsProvider(vod.mediaId(), address, auth.credentials(), api, decoder, clock),
                Optional.of(vod.mediaId()));
    }
}
