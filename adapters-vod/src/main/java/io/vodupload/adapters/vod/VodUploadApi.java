package io.vodupload.adapters.vod;

/**
 * ApsaraVideo VOD's upload-credential actions (the app-server role): create a media entry and get its
 * {@code UploadAddress} and {@code UploadAuth}, or refresh the credentials of a video already created.
 *
 * <p>An implementation calls VOD's OpenAPI ({@code https://vod.<region>.aliyuncs.com}, POP RPC signed
 * with the app server's AccessKey). Images and attached media cannot be refreshed: on expiry they need a
 * new create call (VOD's rule).
 *
 * <p><b>Threading:</b> thread-safe; calls block on the network. <b>Failures:</b> {@link VodApiException}.
 */
public interface VodUploadApi {

    /** {@code CreateUploadVideo}: a new video entry and the credentials to upload its source file. */
    VodUploadTicket createUploadVideo(CreateUploadVideoRequest request);

    /** {@code RefreshUploadVideo}: fresh credentials for {@code videoId}; the upload address is the same. */
    VodUploadTicket refreshUploadVideo(String videoId);

    /** {@code CreateUploadImage}: a new image entry and the credentials to upload it. */
    VodUploadTicket createUploadImage(CreateUploadImageRequest request);

    /** {@code CreateUploadAttachedMedia}: a new auxiliary media entry and the credentials to upload it. */
    VodUploadTicket createUploadAttachedMedia(CreateUploadAttachedMediaRequest request);
}
