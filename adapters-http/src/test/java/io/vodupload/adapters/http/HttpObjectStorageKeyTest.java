package io.vodupload.adapters.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.vodupload.adapters.http.WireSupport.STS;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.SignatureVersion;
import io.vodupload.ports.StorageTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Awkward object keys — spaces, {@code +}, {@code %}, unicode, {@code /} — go on the wire percent-encoded
 * and are signed as the server will see them, with both signature versions in both addressing styles.
 */
class HttpObjectStorageKeyTest {

    static WireMockServer server;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withBody("<InitiateMultipartUploadResult><UploadId>U</UploadId></InitiateMultipartUploadResult>")));
    }

    private static final byte[] INITIATED;

    static {
        String body = "<InitiateMultipartUploadResult><UploadId>U</UploadId></InitiateMultipartUploadResult>";
        INITIATED = ("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static Stream<Arguments> keys() {
        String[][] keys = {
                {"dir/with space.mp4", "dir/with%20space.mp4"},
                {"a+b.mp4", "a%2Bb.mp4"},
                {"100%real.mp4", "100%25real.mp4"},
                {"视频/中文 名.mp4", "%E8%A7%86%E9%A2%91/%E4%B8%AD%E6%96%87%20%E5%90%8D.mp4"},
                {"emoji-\uD83D\uDE00.mp4", "emoji-%F0%9F%98%80.mp4"},
                {"a/b/c/d.mp4", "a/b/c/d.mp4"},
                {"1234+-/123/1.txt", "1234%2B-/123/1.txt"},
                {"star*tilde~q'p(x)&y=z?.mp4", "star%2Atilde~q%27p%28x%29%26y%3Dz%3F.mp4"},
                {"a//b.mp4", "a//b.mp4"},
        };
        List<Arguments> args = new ArrayList<>();
        for (String[] k : keys) {
            for (String version : List.of("V1", "V4")) {
                for (boolean pathStyle : List.of(true, false)) {
                    args.add(Arguments.of(k[0], k[1], version, pathStyle));
                }
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} {2} pathStyle={3}")
    @MethodSource("keys")
    void initiateMultipart_awkwardKey_isEncodedOnTheWireAndSignedAsSent(String key, String encoded, String version,
                                                                       boolean pathStyle) {
        HttpObjectStorage.Builder builder = HttpObjectStorage.builder().dnsResolver(new WireSupport.LoopbackDns())
                .signatureVersion(SignatureVersion.valueOf(version)).region("cn-shenzhen");
        StorageTarget target = pathStyle
                ? StorageTarget.of("http://127.0.0.1:" + server.port(), "bkt", key)
                : StorageTarget.of("http://oss-cn-shenzhen.aliyuncs.com:" + server.port(), "bkt", key);

        try (HttpObjectStorage storage = builder.build()) {
            assertThat(storage.initiateMultipart(target, STS, ObjectMetadata.EMPTY)).isEqualTo("U");
        }

        List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        LoggedRequest r = requests.get(0);
        assertThat(r.getUrl()).isEqualTo((pathStyle ? "/bkt/" : "/") + encoded + "?uploads");
        assertThat(r.getHeader("Authorization")).startsWith(version.equals("V1") ? "OSS STS.ak:" : "OSS4-HMAC-SHA256 ");
        WireSupport.assertSignedAsSent(r, STS, "bkt", pathStyle);
    }

    @org.junit.jupiter.api.Test
    void initiateMultipart_dotSegmentsInKey_areSentVerbatim() throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> head = new java.util.concurrent.atomic.AtomicReference<>();
        try (RawServer raw = new RawServer(0, (s, self) -> {
            head.set(RawServer.readHead(s.getInputStream()));
            s.getOutputStream().write(INITIATED);
        }); HttpObjectStorage storage = HttpObjectStorage.builder().build()) {
            storage.initiateMultipart(StorageTarget.of("http://127.0.0.1:" + raw.port(), "bkt", "a/./b/../c.mp4"), STS,
                    ObjectMetadata.EMPTY);
            raw.awaitDone();
        }

        assertThat(head.get()).startsWith("POST /bkt/a/./b/../c.mp4?uploads HTTP/1.1\r\n");
    }

    @org.junit.jupiter.api.Test
    void initiateMultipart_unicodeMetadataValue_goesOutAsTheUtf8BytesThatWereSigned() throws Exception {
        java.util.concurrent.atomic.AtomicReference<byte[]> head = new java.util.concurrent.atomic.AtomicReference<>();
        java.time.Instant at = java.time.Instant.parse("2024-01-02T03:04:05Z");
        try (RawServer raw = new RawServer(0, (s, self) -> {
            head.set(RawServer.readHead(s.getInputStream()).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(INITIATED);
        }); HttpObjectStorage storage = HttpObjectStorage.builder()
                .clock(java.time.Clock.fixed(at, java.time.ZoneOffset.UTC)).build()) {
            storage.initiateMultipart(StorageTarget.of("http://127.0.0.1:" + raw.port(), "bkt", "k"), STS,
                    new ObjectMetadata(java.util.Optional.empty(), java.util.Map.of("x-oss-meta-author", "张三 é")));
            raw.awaitDone();
        }

        String asUtf8 = new String(head.get(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(asUtf8).containsIgnoringCase("x-oss-meta-author: 张三 é\r\n");
        String stringToSign = "POST\n\n\n" + OssDates.httpDate(at) + "\nx-oss-meta-author:张三 é\nx-oss-security-token:"
                + WireSupport.TOKEN + "\n/bkt/k?uploads";
        assertThat(asUtf8).contains("Authorization: OSS STS.ak:"
                + OssSigner.v1Signature(WireSupport.SECRET, stringToSign) + "\r\n");
    }
}
