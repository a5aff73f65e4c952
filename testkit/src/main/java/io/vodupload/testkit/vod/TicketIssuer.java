package io.vodupload.testkit.vod;

/**
 * Decides what {@link FakeVodServer} puts in the tickets it issues: where each media file goes
 * ({@link #locate}, once per created media) and the temporary credentials to upload it with
 * ({@link #grant}, on every create and refresh). A test that uploads for real implements this to point at
 * its own OSS-compatible server and to register the credentials there; {@link #inventing()} makes up
 * plausible values.
 *
 * <p><b>Threading:</b> called from the server's request threads, possibly concurrently. A method that
 * throws makes the server answer 500 {@code InternalError}.
 */
public interface TicketIssuer {

    /** The upload address for newly created media (never called for a refresh). */
    UploadLocation locate(TicketRequest request);

    /**
     * Fresh credentials to upload to {@code location}; called for the create that made the media and for
     * every {@code RefreshUploadVideo} of it.
     */
    StsGrant grant(TicketRequest request, UploadLocation location);

    /**
     * An issuer that invents values shaped like VOD's: endpoint {@code https://oss-<region>.aliyuncs.com},
     * an {@code outin-…} bucket, keys {@code sv/<id>/<id>.<ext>}, {@code image/default/<id>.<ext>} or
     * {@code attached/<id>.<ext>}, and new random STS credentials valid for 3600 s each time.
     */
    static TicketIssuer inventing() {
        return new InventingTicketIssuer();
    }
}
