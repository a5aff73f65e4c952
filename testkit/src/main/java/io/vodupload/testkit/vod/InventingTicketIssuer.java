package io.vodupload.testkit.vod;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** {@link TicketIssuer#inventing()}: plausible, unique, made-up tickets. Thread-safe. */
final class InventingTicketIssuer implements TicketIssuer {

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    // Real security tokens are base64: '+', '/' and '=' exercise the clients' percent-encoding.
    private static final String BASE64 = ALNUM + "+/";

    private final SecureRandom random = new SecureRandom();
    private final AtomicLong grants = new AtomicLong();

    @Override
    public UploadLocation locate(TicketRequest request) {
        String endpoint = "https://oss-" + request.region() + ".aliyuncs.com";
        String bucket = "outin-fake-" + request.region();
        String id = request.mediaId();
        String key;
        if (request.action() == VodAction.CREATE_UPLOAD_IMAGE) {
            key = "image/default/" + id + "." + request.extension();
        } else if (request.action() == VodAction.CREATE_UPLOAD_ATTACHED_MEDIA) {
            key = "attached/" + id + "." + request.extension();
        } else {
            key = "sv/" + id.substring(0, Math.min(8, id.length())) + "/" + id + "." + request.extension();
        }
        return new UploadLocation(endpoint, bucket, key);
    }

    @Override
    public StsGrant grant(TicketRequest request, UploadLocation location) {
        long n = grants.incrementAndGet();
        return new StsGrant("STS.fake" + n + random(ALNUM, 16), random(ALNUM, 40),
                "CAIS" + random(BASE64, 120) + "==", Duration.ofSeconds(3600));
    }

    private String random(String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "TicketIssuer.inventing()";
    }
}
