package io.vodupload.cli.target;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vodupload.adapters.vod.VodApiException;
import io.vodupload.adapters.vod.VodUploadApi;
import io.vodupload.adapters.vod.VodUploadTicket;
import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.CliException;
import io.vodupload.cli.Exit;
import io.vodupload.cli.options.MediaFields;
import io.vodupload.cli.options.MediaType;
import io.vodupload.cli.options.VodApiSettings;
import io.vodupload.cli.wiring.VodApiFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/** What the VOD-calling commands share: the create call by media type, the JSON shape, error mapping. */
public final class VodSupport {

    private VodSupport() {
    }

    static CliException notBuilt() {
        return CliException.usage("VOD OpenAPI support (adapters-vod) is not built into this version of vodupload");
    }

    /** CreateUploadVideo, CreateUploadImage or CreateUploadAttachedMedia, by {@code type}. */
    public static VodUploadTicket create(VodUploadApi api, MediaType type, MediaFields media, String fileName,
                                  String ext, OptionalLong size) {
        switch (type) {
            case IMAGE:
                return api.createUploadImage(media.imageRequest(ext));
            case ATTACHED:
                return api.createUploadAttachedMedia(media.attachedRequest(fileName, ext, size));
            case VIDEO:
            case M3U8: // VOD's M3U8 flow: the playlist's FileName ends in .m3u8
            default:
                return api.createUploadVideo(media.videoRequest(fileName, size));
        }
    }

    /** {@code {"VideoId"|"ImageId"|"MediaId", "UploadAddress", "UploadAuth", "RequestId", "ImageURL"|"MediaURL"}}. */
    static ObjectNode ticketJson(ObjectMapper mapper, MediaType type, VodUploadTicket ticket) {
        ObjectNode n = mapper.createObjectNode();
        String idField = type.isVideo() ? "VideoId" : type == MediaType.IMAGE ? "ImageId" : "MediaId";
        n.put(idField, ticket.mediaId());
        n.put("UploadAddress", ticket.uploadAddress());
        n.put("UploadAuth", ticket.uploadAuth());
        ticket.requestId().ifPresent(r -> n.put("RequestId", r));
        ticket.mediaUrl().ifPresent(u -> n.put(type == MediaType.IMAGE ? "ImageURL" : "MediaURL", u));
        return n;
    }

    /** A failed VOD call: exit 1 with VOD's code and message (never a secret). */
    static CliException failure(String action, VodApiException e) {
        return new CliException(Exit.FAILED, e.errorCode(), action + " failed: " + e.getMessage(), e);
    }

    /**
     * Opens a VOD client with {@code settings}, makes one call, prints its ticket as one JSON line on
     * {@code env.out()} and closes the client: what {@code create-upload} and {@code refresh-upload} do.
     *
     * @param action the action's name for the failure message
     */
    public static int printTicket(CliEnvironment env, ObjectMapper mapper, Optional<VodApiFactory> vodApis,
                           VodApiSettings settings, String action, MediaType type,
                           Function<VodUploadApi, VodUploadTicket> call) throws Exception {
        VodUploadApi api = vodApis.orElseThrow(VodSupport::notBuilt).open(settings);
        try {
            VodUploadTicket ticket = call.apply(api);
            env.out().println(mapper.writeValueAsString(ticketJson(mapper, type, ticket)));
            env.out().flush();
            return Exit.OK;
        } catch (VodApiException e) {
            throw failure(action, e);
        } finally {
            close(api);
        }
    }

    /** The {@code --timeout} of a VOD command, checked. */
    public static Duration timeout(int seconds) {
        if (seconds <= 0) {
            throw CliException.usage("--timeout must be a positive number of seconds: " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    static void close(Object api) {
        if (api instanceof AutoCloseable) {
            try {
                ((AutoCloseable) api).close();
            } catch (Exception ignored) {
                // closing a client after its answer: nothing to report
            }
        }
    }
}
