package io.vodupload.cli;

import io.vodupload.testkit.oss.OssCredentials;
import io.vodupload.testkit.oss.OssServer;
import io.vodupload.testkit.vod.StsGrant;
import io.vodupload.testkit.vod.TicketIssuer;
import io.vodupload.testkit.vod.TicketRequest;
import io.vodupload.testkit.vod.UploadLocation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** The testkit OSS server with one bucket and one STS credential set whose secret and token tests look for. */
final class OssFixture implements AutoCloseable {

    static final String BUCKET = "media-test";
    static final String AK = "STS.testAccessKey";
    static final String SECRET = "Secret-sk-9f8e7d6c5b4a";
    static final String TOKEN = "Token-CAIS-zz99yy88xx77";
    static final String FRESH_AK = "STS.freshAccessKey";
    static final String FRESH_SECRET = "FreshSecret-1a2b3c4d5e";
    static final String FRESH_TOKEN = "FreshToken-CAIS-aa11bb22";

    final OssServer server;

    OssFixture() {
        this("cn-hangzhou");
    }

    /** A server whose V4 credential scopes must name {@code region}. */
    OssFixture(String region) {
        server = OssServer.builder().bucket(BUCKET).region(region).credentials(OssCredentials.sts(AK, SECRET, TOKEN))
                .start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The UploadAddress for {@code key}, base64 JSON as VOD returns it. */
    String uploadAddress(String key) {
        return b64("{\"Endpoint\":\"" + endpoint() + "\",\"Bucket\":\"" + BUCKET + "\",\"FileName\":\"" + key + "\"}");
    }

    /** The UploadAuth JSON (not encoded) of the first credential set. */
    static String authJson() {
        return authJson(AK, SECRET, TOKEN);
    }

    static String authJson(String ak, String secret, String token) {
        return "{\"AccessKeyId\":\"" + ak + "\",\"AccessKeySecret\":\"" + secret + "\",\"SecurityToken\":\"" + token
                + "\",\"Expiration\":\"3600\"}";
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A VOD ticket issuer for {@code FakeVodServer} that puts each media at {@code sv/<id>/<id>.<ext>} in this
     * bucket and grants STS credentials this server accepts, new ones on every grant (a refresh included);
     * the secrets and tokens it grants are added to {@code granted}, for tests to look for.
     */
    TicketIssuer vodIssuer(List<String> granted) {
        int[] grants = {0};
        return new TicketIssuer() {
            @Override
            public UploadLocation locate(TicketRequest request) {
                return new UploadLocation(endpoint(), BUCKET,
                        "sv/" + request.mediaId() + "/" + request.mediaId() + "." + request.extension());
            }

            @Override
            public synchronized StsGrant grant(TicketRequest request, UploadLocation location) {
                int n = ++grants[0];
                String secret = "GrantedSecret-" + n + "-zxcvb";
                String token = "GrantedToken-" + n + "-poiuy";
                granted.add(secret);
                granted.add(token);
                server.credentials().add(OssCredentials.sts("STS.granted" + n, secret, token));
                return new StsGrant("STS.granted" + n, secret, token, Duration.ofHours(1));
            }
        };
    }

    /** Accepts the fresh credential set from now on. */
    void acceptFreshCredentials() {
        server.credentials().add(OssCredentials.sts(FRESH_AK, FRESH_SECRET, FRESH_TOKEN));
    }

    byte[] object(String key) {
        return server.object(BUCKET, key).orElseThrow(() -> new AssertionError("no object " + key)).bytes();
    }

    @Override
    public void close() {
        server.close();
    }
}
