package io.vodupload.adapters.vod;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vodupload.ports.Credentials;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VodApiClientWireMockTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String AK = "test-app-server-ak";
    private static final String SK = "appServerSecret+/=9x";
    private static final String TOKEN = "CAIS+app/server=token";
    private static final Instant NOW = Instant.parse("2025-03-01T08:00:00.789Z");
    private static final String VIDEO_ANSWER = "{\"RequestId\":\"R-1\",\"VideoId\":\"v1\",\"UploadAddress\":\"YWRkcg==\","
            + "\"UploadAuth\":\"YXV0aA==\"}";

    private final AtomicInteger nonce = new AtomicInteger();
    private VodApiClient client = client(Credentials.of(AK, SK));

    private VodApiClient client(Credentials credentials) {
        return VodApiClient.builder()
                .endpoint(URI.create(wm.baseUrl()))
                .credentials(credentials)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .nonceSource(() -> "nonce-" + nonce.incrementAndGet())
                // generous: a loaded machine must not turn an answer into a timeout (the timeout has its own test)
                .connectTimeout(Duration.ofSeconds(15))
                .responseTimeout(Duration.ofSeconds(15))
                .build();
    }

    @AfterEach
    void close() {
        client.close();
    }

    private static void answer(int status, String body) {
        wm.stubFor(get(urlPathEqualTo("/")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json;charset=utf-8").withBody(body)));
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    /** The decoded query parameters of the raw URL, as a server would see them. */
    private static Map<String, String> parameters(LoggedRequest request) {
        String url = request.getUrl();
        String query = url.substring(url.indexOf('?') + 1);
        Map<String, String> params = new TreeMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String previous = params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            assertThat(previous).as("parameter sent twice: " + pair).isNull();
        }
        return params;
    }

    private static Map<String, String> publicParameters(String action, int nonce) {
        Map<String, String> expected = new TreeMap<>();
        expected.put("Action", action);
        expected.put("Format", "JSON");
        expected.put("Version", "2017-03-21");
        expected.put("AccessKeyId", AK);
        expected.put("SignatureMethod", "HMAC-SHA1");
        expected.put("SignatureVersion", "1.0");
        expected.put("SignatureNonce", "nonce-" + nonce);
        expected.put("Timestamp", "2025-03-01T08:00:00Z");
        return expected;
    }

    private static Map<String, String> withoutSignature(Map<String, String> params) {
        Map<String, String> copy = new TreeMap<>(params);
        assertThat(copy.remove("Signature")).matches("[A-Za-z0-9+/]{27}=");
        return copy;
    }

    @Test
    void createUploadVideo_everyParameter_sendsExactlyThePublicAndActionParameters() {
        answer(200, VIDEO_ANSWER);
        CreateUploadVideoRequest request = new CreateUploadVideoRequest("假期 holiday *1*", "/videos/holiday.mp4",
                OptionalLong.of(123456789L), Optional.of("a ~ description"), Optional.of("https://img.example/c.png"),
                OptionalLong.of(1000042L), List.of("cat", "狗"), Optional.of("tg-1"), Optional.of("wf-1"),
                Optional.of("outin-xx.oss-cn-shanghai.aliyuncs.com"),
                Optional.of("{\"MessageCallback\":{\"CallbackURL\":\"https://cb.example/x?a=1&b=2\"}}"),
                Optional.of("app-1000000"));

        client.createUploadVideo(request);

        Map<String, String> expected = publicParameters("CreateUploadVideo", 1);
        expected.put("Title", "假期 holiday *1*");
        expected.put("FileName", "/videos/holiday.mp4");
        expected.put("FileSize", "123456789");
        expected.put("Description", "a ~ description");
        expected.put("CoverURL", "https://img.example/c.png");
        expected.put("CateId", "1000042");
        expected.put("Tags", "cat,狗");
        expected.put("TemplateGroupId", "tg-1");
        expected.put("WorkflowId", "wf-1");
        expected.put("StorageLocation", "outin-xx.oss-cn-shanghai.aliyuncs.com");
        expected.put("UserData", "{\"MessageCallback\":{\"CallbackURL\":\"https://cb.example/x?a=1&b=2\"}}");
        expected.put("AppId", "app-1000000");
        LoggedRequest sent = onlyRequest();
        assertThat(withoutSignature(parameters(sent))).isEqualTo(expected);
        assertThat(sent.getMethod().getName()).isEqualTo("GET");
        Secrets.assertAbsent(sent.getUrl(), SK);
    }

    @Test
    void createUploadVideo_onlyRequiredParameters_leavesEmptyOptionalsOut() {
        answer(200, VIDEO_ANSWER);

        client.createUploadVideo(new CreateUploadVideoRequest("t", "a.mp4", OptionalLong.empty(), Optional.of(""),
                Optional.empty(), OptionalLong.empty(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));

        Map<String, String> expected = publicParameters("CreateUploadVideo", 1);
        expected.put("Title", "t");
        expected.put("FileName", "a.mp4");
        assertThat(withoutSignature(parameters(onlyRequest()))).isEqualTo(expected);
    }

    @Test
    void createUploadVideo_successAnswer_parsesTheTicket() {
        answer(200, VIDEO_ANSWER);

        VodUploadTicket ticket = client.createUploadVideo(CreateUploadVideoRequest.of("t", "a.mp4"));

        assertThat(ticket).isEqualTo(new VodUploadTicket("v1", "YWRkcg==", "YXV0aA==", Optional.of("R-1"),
                Optional.empty()));
    }

    @Test
    void refreshUploadVideo_videoId_sendsVideoIdAndParsesTheTicket() {
        answer(200, VIDEO_ANSWER);

        VodUploadTicket ticket = client.refreshUploadVideo("v1");

        Map<String, String> expected = publicParameters("RefreshUploadVideo", 1);
        expected.put("VideoId", "v1");
        assertThat(withoutSignature(parameters(onlyRequest()))).isEqualTo(expected);
        assertThat(ticket.mediaId()).isEqualTo("v1");
        assertThat(ticket.uploadAuth()).isEqualTo("YXV0aA==");
    }

    @Test
    void refreshUploadVideo_answerWithoutVideoId_keepsTheRequestedOne() {
        answer(200, "{\"RequestId\":\"R\",\"UploadAddress\":\"YQ==\",\"UploadAuth\":\"Yg==\"}");

        assertThat(client.refreshUploadVideo("v9").mediaId()).isEqualTo("v9");
    }

    @Test
    void createUploadImage_everyParameter_sendsThemAndParsesImageUrl() {
        answer(200, "{\"RequestId\":\"R-2\",\"ImageId\":\"i1\",\"ImageURL\":\"https://x/i1.jpg\",\"FileURL\":\"https://x/i1.jpg\","
                + "\"UploadAddress\":\"YQ==\",\"UploadAuth\":\"Yg==\"}");

        VodUploadTicket ticket = client.createUploadImage(new CreateUploadImageRequest("cover", Optional.of("jpg"),
                Optional.of("Cover"), List.of("a", "b"), OptionalLong.of(7), Optional.of("d"), Optional.of("loc"),
                Optional.of("{\"Extend\":{\"k\":\"v\"}}"), Optional.of("app-1")));

        Map<String, String> expected = publicParameters("CreateUploadImage", 1);
        expected.putAll(Map.of("ImageType", "cover", "ImageExt", "jpg", "Title", "Cover", "Tags", "a,b",
                "CateId", "7", "Description", "d", "StorageLocation", "loc", "UserData", "{\"Extend\":{\"k\":\"v\"}}",
                "AppId", "app-1"));
        assertThat(withoutSignature(parameters(onlyRequest()))).isEqualTo(expected);
        assertThat(ticket).isEqualTo(new VodUploadTicket("i1", "YQ==", "Yg==", Optional.of("R-2"),
                Optional.of("https://x/i1.jpg")));
    }

    @Test
    void createUploadAttachedMedia_everyParameter_sendsThemAndParsesMediaUrl() {
        answer(200, "{\"RequestId\":\"R-3\",\"MediaId\":\"m1\",\"MediaURL\":\"https://x/m1.srt\",\"FileURL\":\"https://x/m1.srt\","
                + "\"UploadAddress\":\"YQ==\",\"UploadAuth\":\"Yg==\"}");

        VodUploadTicket ticket = client.createUploadAttachedMedia(new CreateUploadAttachedMediaRequest("subtitle",
                "srt", Optional.of("EN"), Optional.of("en.srt"), OptionalLong.of(2048), List.of("sub"),
                OptionalLong.of(3), Optional.of("English"), Optional.of("loc"), Optional.of("{}"), Optional.of("app-2")));

        Map<String, String> expected = publicParameters("CreateUploadAttachedMedia", 1);
        expected.putAll(Map.of("BusinessType", "subtitle", "MediaExt", "srt", "Title", "EN", "FileName", "en.srt",
                "FileSize", "2048", "Tags", "sub", "CateId", "3", "Description", "English", "StorageLocation", "loc",
                "UserData", "{}"));
        expected.put("AppId", "app-2");
        assertThat(withoutSignature(parameters(onlyRequest()))).isEqualTo(expected);
        assertThat(ticket.mediaId()).isEqualTo("m1");
        assertThat(ticket.mediaUrl()).contains("https://x/m1.srt");
    }

    @Test
    void anyAction_stsCredentials_sendsSecurityTokenButNeverTheSecret() {
        client.close();
        client = client(Credentials.sts(AK, SK, TOKEN, NOW.plusSeconds(3600)));
        answer(200, VIDEO_ANSWER);

        client.refreshUploadVideo("v1");

        LoggedRequest sent = onlyRequest();
        assertThat(parameters(sent)).containsEntry("SecurityToken", TOKEN);
        Secrets.assertAbsent(sent.getUrl(), SK);
    }

    @Test
    void anyAction_twoCalls_useTwoNonces() {
        answer(200, VIDEO_ANSWER);

        client.refreshUploadVideo("v1");
        client.refreshUploadVideo("v1");

        List<LoggedRequest> requests = wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/")));
        assertThat(requests).extracting(r -> parameters(r).get("SignatureNonce"))
                .containsExactlyInAnyOrder("nonce-1", "nonce-2");
    }

    @Test
    void anyAction_vodErrorJson_throwsWithCodeStatusAndRequestId() {
        answer(403, "{\"RequestId\":\"R-403\",\"HostId\":\"vod.cn-shanghai.aliyuncs.com\",\"Code\":\"Forbidden\","
                + "\"Message\":\"User not authorized to operate on the specified resource.\"}");

        VodApiException e = catchThrowableOfType(VodApiException.class,
                () -> client.createUploadVideo(CreateUploadVideoRequest.of("t", "a.mp4")));

        assertThat(e.errorCode()).isEqualTo("Forbidden");
        assertThat(e.httpStatus()).hasValue(403);
        assertThat(e.requestId()).contains("R-403");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).contains("CreateUploadVideo").contains("not authorized");
    }

    @Test
    void anyAction_throttling_isRetryable() {
        answer(400, "{\"RequestId\":\"R\",\"HostId\":\"h\",\"Code\":\"Throttling.User\",\"Message\":\"Request was denied due to user flow control.\"}");

        VodApiException e = catchThrowableOfType(VodApiException.class, () -> client.refreshUploadVideo("v1"));

        assertThat(e.errorCode()).isEqualTo("Throttling.User");
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void anyAction_serviceUnavailable_isRetryableAndNotRetriedByTheClient() {
        answer(503, "{\"RequestId\":\"R\",\"HostId\":\"h\",\"Code\":\"ServiceUnavailable\",\"Message\":\"busy\"}");

        VodApiException e = catchThrowableOfType(VodApiException.class, () -> client.refreshUploadVideo("v1"));

        assertThat(e.errorCode()).isEqualTo("ServiceUnavailable");
        assertThat(e.isRetryable()).isTrue();
        onlyRequest();
    }

    @Test
    void anyAction_errorWithoutVodJson_throwsHttpAbnormal() {
        answer(502, "<html>Bad Gateway</html>");

        VodApiException e = catchThrowableOfType(VodApiException.class, () -> client.refreshUploadVideo("v1"));

        assertThat(e.errorCode()).isEqualTo("Http.Abnormal");
        assertThat(e.httpStatus()).hasValue(502);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.requestId()).isEmpty();
    }

    @Test
    void anyAction_successWithoutUploadAuth_throwsInvalidResponse() {
        answer(200, "{\"RequestId\":\"R-5\",\"VideoId\":\"v1\",\"UploadAddress\":\"YQ==\"}");

        VodApiException e = catchThrowableOfType(VodApiException.class,
                () -> client.createUploadVideo(CreateUploadVideoRequest.of("t", "a.mp4")));

        assertThat(e.errorCode()).isEqualTo("InvalidResponse");
        assertThat(e.getMessage()).contains("UploadAuth");
        assertThat(e.requestId()).contains("R-5");
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void anyAction_successThatIsNotJson_throwsInvalidResponseWithoutQuotingTheBody() {
        answer(200, "{\"UploadAuth\":\"c2VjcmV0LXRpY2tldA==\", truncated");

        VodApiException e = catchThrowableOfType(VodApiException.class, () -> client.refreshUploadVideo("v1"));

        assertThat(e.errorCode()).isEqualTo("InvalidResponse");
        assertThat(Secrets.describe(e)).doesNotContain("c2VjcmV0LXRpY2tldA");
    }

    @Test
    void anyAction_signatureMismatchQuotingTheStringToSign_keepsTheTokenOutOfTheMessage() {
        client.close();
        client = client(Credentials.sts(AK, SK, TOKEN, NOW.plusSeconds(3600)));
        String twice = PopRpcSigner.percentEncode(PopRpcSigner.percentEncode(TOKEN));
        answer(400, "{\"RequestId\":\"R\",\"HostId\":\"h\",\"Code\":\"SignatureDoesNotMatch\",\"Message\":"
                + "\"Specified signature is not matched with our calculation. server string to sign is:GET&%2F&"
                + "AccessKeyId%3D" + AK + "%26SecurityToken%3D" + twice + "\"}");

        VodApiException e = catchThrowableOfType(VodApiException.class, () -> client.refreshUploadVideo("v1"));

        assertThat(e.errorCode()).isEqualTo("SignatureDoesNotMatch");
        assertThat(e.getMessage()).contains("server string to sign is:GET&%2F&AccessKeyId%3D" + AK);
        Secrets.assertAbsent(Secrets.describe(e), SK, TOKEN);
    }

    @Test
    void anyAction_connectionReset_throwsRetryableNetworkErrorAfterOneAttempt() {
        wm.stubFor(get(urlPathEqualTo("/")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        VodApiException e = catchThrowableOfType(VodApiException.class, () -> client.refreshUploadVideo("v1"));

        assertThat(e.errorCode()).isEqualTo("NetworkError");
        assertThat(e.httpStatus()).isEmpty();
        assertThat(e.isRetryable()).isTrue();
        onlyRequest();
        Secrets.assertAbsent(Secrets.describe(e), SK);
    }

    @Test
    void anyAction_slowAnswer_throwsRetryableRequestTimeout() {
        // a server of its own: the delayed answer is logged after the client gave up, and must not land in the
        // shared server's request journal while a later test counts its requests
        WireMockServer slow = new WireMockServer(wireMockConfig().dynamicPort());
        slow.start();
        try {
            client.close();
            client = VodApiClient.builder().endpoint(URI.create(slow.baseUrl())).credentials(Credentials.of(AK, SK))
                    .responseTimeout(Duration.ofMillis(200)).build();
            slow.stubFor(get(urlPathEqualTo("/")).willReturn(aResponse().withStatus(200).withBody(VIDEO_ANSWER)
                    .withFixedDelay(1500)));

            VodApiException e = catchThrowableOfType(VodApiException.class, () -> client.refreshUploadVideo("v1"));

            assertThat(e.errorCode()).isEqualTo("RequestTimeout");
            assertThat(e.isRetryable()).isTrue();
        } finally {
            slow.stop();
        }
    }

    @Test
    void toString_clientAndTicket_showNoSecret() {
        client.close();
        client = client(Credentials.sts(AK, SK, TOKEN, NOW.plusSeconds(3600)));
        answer(200, VIDEO_ANSWER);

        VodUploadTicket ticket = client.refreshUploadVideo("v1");

        assertThat(client.toString()).contains(AK);
        Secrets.assertAbsent(client.toString(), SK, TOKEN);
        assertThat(ticket.toString()).doesNotContain("YXV0aA==");
    }

    @Test
    void builder_region_buildsTheRegionalHttpsEndpoint() {
        try (VodApiClient regional = VodApiClient.builder().region("cn-shanghai").credentials(Credentials.of(AK, SK))
                .build()) {
            assertThat(regional.endpoint()).isEqualTo(URI.create("https://vod.cn-shanghai.aliyuncs.com/"));
        }
    }

    @Test
    void builder_badRegionOrMissingParts_throwsNamingTheProblem() {
        assertThatThrownBy(() -> VodApiClient.builder().region("evil.com/x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("evil.com/x");
        assertThatThrownBy(() -> VodApiClient.builder().credentials(Credentials.of(AK, SK)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("region");
        assertThatThrownBy(() -> VodApiClient.builder().region("cn-beijing").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("credentials");
        assertThatThrownBy(() -> VodApiClient.builder().endpoint(URI.create("ftp://h/")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VodApiClient.builder().responseTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
