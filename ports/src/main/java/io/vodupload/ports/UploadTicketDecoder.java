package io.vodupload.ports;

/**
 * Decodes VOD's base64-encoded JSON tickets, {@code UploadAddress} and {@code UploadAuth}, as
 * {@code CreateUploadVideo}, {@code RefreshUploadVideo} and {@code CreateUploadImage} return them.
 *
 * <p>Thread-safe and stateless.
 */
public interface UploadTicketDecoder {

    /**
     * Decodes {@code {"Endpoint","Bucket","FileName"}}.
     *
     * @param base64 the ticket as VOD returned it
     * @return the decoded address
     * @throws TicketFormatException when the text is not base64, not JSON, lacks a field, or the endpoint
     *                               is not a URL or host
     */
    UploadAddress decodeAddress(String base64) throws TicketFormatException;

    /**
     * Decodes {@code {"AccessKeyId","AccessKeySecret","SecurityToken","Expiration"|"ExpireUTCTime","Region"}}.
     * {@code ExpireUTCTime} (absolute, ISO-8601) wins over {@code Expiration}, which may be a lifetime in
     * seconds (counted from {@code now}) or an ISO-8601 time.
     *
     * @param base64 the ticket as VOD returned it
     * @param now    the time a lifetime is counted from
     * @return the decoded credentials and region
     * @throws TicketFormatException when the text is not base64, not JSON or lacks a field
     */
    UploadAuth decodeAuth(String base64, java.time.Instant now) throws TicketFormatException;
}
