package io.vodupload.it;

import io.vodupload.ports.Crc64;
import io.vodupload.testkit.oss.OssServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads an object back from the testkit server over real HTTP ({@code GetObject}), the way any OSS
 * client would, and digests it while it streams.
 *
 * <p>It signs with V1 on its own, with long-term reader credentials the {@link Rig} registers, dated by
 * the server's clock: this reader is an independent witness of what the server serves, so it shares no
 * code with the adapter under test (a signing bug there cannot hide a content bug here), and it works when
 * a test has moved the server's clock.
 */
final class ObjectReader {

    /** What GetObject answered. */
    record Read(int status, Digest digest, OptionalLong crc64Header) {
    }

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final OssServer server;
    private final String accessKeyId;
    private final String accessKeySecret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ObjectReader(OssServer server, String accessKeyId, String accessKeySecret) {
        this.server = server;
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
    }

    /** GETs {@code bucket/key}; the digest is empty when the answer is not 200. */
    Optional<Read> get(String bucket, String key) throws IOException, InterruptedException {
        String date = HTTP_DATE.format(server.serverTime());
        String stringToSign = "GET\n\n\n" + date + "\nx-oss-date:" + date + "\n/" + bucket + "/" + key;
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.endpoint() + "/" + bucket + "/" + encode(key)))
                .timeout(Duration.ofSeconds(60))
                .header("x-oss-date", date)
                .header("Authorization", "OSS " + accessKeyId + ":" + sign(stringToSign))
                .GET()
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                body.readAllBytes();
                return Optional.of(new Read(response.statusCode(), null, OptionalLong.empty()));
            }
            Digest digest = Digest.of(body);
            OptionalLong crc = response.headers().firstValue("x-oss-hash-crc64ecma")
                    .map(v -> OptionalLong.of(Crc64.parseUnsigned(v))).orElse(OptionalLong.empty());
            return Optional.of(new Read(200, digest, crc));
        }
    }

    private String sign(String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(accessKeySecret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Percent-encodes each path segment as UTF-8 (a space is %20, a plus %2B), keeping the slashes. */
    private static String encode(String key) {
        return Arrays.stream(key.split("/", -1))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }
}
