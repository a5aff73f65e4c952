package io.vodupload.testkit.vod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.testkit.vod.TestPopClient.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeVodServerTest {

    private static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");
    private static final String AK = "test-fake-app-server-ak";
    private static final String SK = "app-server-secret-5tq1";

    private final List<TicketRequest> issued = Collections.synchronizedList(new ArrayList<>());
    private final FakeVodServer server = FakeVodServer.builder()
            .accessKey(AK, SK)
            .stsAccessKey("STS.appserver", "sts-secret", "sts-token/+=")
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .region("cn-beijing")
            .ticketIssuer(recording(TicketIssuer.inventing()))
            .start();
    private final TestPopClient client = client(SK, NOW);

    @AfterEach
    void stop() {
        server.close();
    }

    private TestPopClient client(String secret, Instant at) {
        return new TestPopClient(server.endpoint(), AK, secret, Clock.fixed(at, ZoneOffset.UTC));
    }

    private TicketIssuer recording(TicketIssuer delegate) {
        return new TicketIssuer() {
            @Override
            public UploadLocation locate(TicketRequest request) {
                return delegate.locate(request);
            }

            @Override
            public StsGrant grant(TicketRequest request, UploadLocation location) {
                issued.add(request);
                return delegate.grant(request, location);
            }
        };
    }

    private Response createVideo(TestPopClient c) {
        return c.call("CreateUploadVideo", Map.of("Title", "holiday", "FileName", "/tmp/holiday.MP4"));
    }

    @Test
    void createUploadVideo_signedRequest_answersVideoIdAndTickets() {
        Response r = createVideo(client);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String videoId = r.field("VideoId");
        assertThat(videoId).matches("[0-9a-f]{32}");
        assertThat(r.field("RequestId")).isNotBlank();
        Map<String, String> address = r.ticket("UploadAddress");
        assertThat(address).containsEntry("Endpoint", "https://oss-cn-beijing.aliyuncs.com")
                .containsEntry("Bucket", "outin-fake-cn-beijing")
                .containsEntry("FileName", "sv/" + videoId.substring(0, 8) + "/" + videoId + ".mp4");
        Map<String, String> auth = r.ticket("UploadAuth");
        assertThat(auth).containsKeys("AccessKeyId", "AccessKeySecret", "SecurityToken")
                .containsEntry("Expiration", "3600")
                .containsEntry("ExpireUTCTime", "2025-03-01T09:00:00Z")
                .containsEntry("Region", "cn-beijing");
        assertThat(auth.get("AccessKeyId")).startsWith("STS.");
        assertThat(server.location(videoId)).contains(new UploadLocation(address.get("Endpoint"),
                address.get("Bucket"), address.get("FileName")));
        assertThat(issued).containsExactly(new TicketRequest(VodAction.CREATE_UPLOAD_VIDEO, videoId,
                Optional.of("/tmp/holiday.MP4"), "mp4", "cn-beijing"));
    }

    @Test
    void refreshUploadVideo_createdVideo_sameAddressNewCredentials() {
        Response created = createVideo(client);
        String videoId = created.field("VideoId");

        Response refreshed = client.call("RefreshUploadVideo", Map.of("VideoId", videoId));

        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.field("VideoId")).isEqualTo(videoId);
        assertThat(refreshed.ticket("UploadAddress")).isEqualTo(created.ticket("UploadAddress"));
        assertThat(refreshed.ticket("UploadAuth").get("AccessKeySecret"))
                .isNotEqualTo(created.ticket("UploadAuth").get("AccessKeySecret"));
        assertThat(refreshed.ticket("UploadAuth").get("SecurityToken"))
                .isNotEqualTo(created.ticket("UploadAuth").get("SecurityToken"));
        assertThat(issued.get(1).action()).isEqualTo(VodAction.REFRESH_UPLOAD_VIDEO);
        assertThat(issued.get(1).extension()).isEqualTo("mp4");
    }

    @Test
    void refreshUploadVideo_unknownVideo_answers404InvalidVideoNotFound() {
        Response r = client.call("RefreshUploadVideo", Map.of("VideoId", "0123456789abcdef0123456789abcdef"));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.field("Code")).isEqualTo("InvalidVideo.NotFound");
        assertThat(r.field("HostId")).isEqualTo("vod.cn-beijing.aliyuncs.com");
        assertThat(r.field("RequestId")).isNotBlank();
        assertThat(r.field("Message")).isNotBlank();
    }

    @Test
    void refreshUploadVideo_imageId_answers404BecauseImagesCannotBeRefreshed() {
        String imageId = client.call("CreateUploadImage", Map.of("ImageType", "cover")).field("ImageId");

        Response r = client.call("RefreshUploadVideo", Map.of("VideoId", imageId));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.field("Code")).isEqualTo("InvalidVideo.NotFound");
    }

    @Test
    void createUploadImage_noExtension_defaultsToPngAndAnswersImageUrl() {
        Response r = client.call("CreateUploadImage", Map.of("ImageType", "default"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String imageId = r.field("ImageId");
        assertThat(r.ticket("UploadAddress")).containsEntry("FileName", "image/default/" + imageId + ".png");
        assertThat(r.field("ImageURL")).isEqualTo("https://outin-fake-cn-beijing.oss-cn-beijing.aliyuncs.com/image/default/"
                + imageId + ".png");
        assertThat(r.ticket("UploadAuth")).containsEntry("Expiration", "3600");
    }

    @Test
    void createUploadImage_badImageType_answersInvalidParameter() {
        Response r = client.call("CreateUploadImage", Map.of("ImageType", "poster"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.field("Code")).isEqualTo("InvalidParameter");
    }

    @Test
    void createUploadAttachedMedia_subtitle_answersMediaIdAndUrl() {
        Response r = client.call("CreateUploadAttachedMedia", Map.of("BusinessType", "subtitle", "MediaExt", "srt",
                "FileName", "en.srt"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String mediaId = r.field("MediaId");
        assertThat(r.ticket("UploadAddress")).containsEntry("FileName", "attached/" + mediaId + ".srt");
        assertThat(r.field("MediaURL")).endsWith("/attached/" + mediaId + ".srt");
        assertThat(issued.get(0).fileName()).contains("en.srt");
    }

    @Test
    void createUploadVideo_fileNameWithoutExtension_answersInvalidParameterFileName() {
        Response r = client.call("CreateUploadVideo", Map.of("Title", "t", "FileName", "dir.v2/noext"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.field("Code")).isEqualTo("InvalidParameter.FileName");
    }

    @Test
    void createUploadVideo_noTitle_answersMissingParameter() {
        Response r = client.call("CreateUploadVideo", Map.of("FileName", "a.mp4"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.field("Code")).isEqualTo("MissingParameter");
        assertThat(r.field("Message")).contains("\"Title\"");
    }

    @Test
    void anyAction_wrongSecret_answersSignatureDoesNotMatchWithTheStringToSign() {
        Response r = createVideo(client("not-the-secret", NOW));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.field("Code")).isEqualTo("SignatureDoesNotMatch");
        assertThat(r.field("Message")).contains("server string to sign is:GET&%2F&AccessKeyId%3D" + AK);
        assertThat(server.calls(VodAction.CREATE_UPLOAD_VIDEO)).isEqualTo(1);
        assertThat(server.location("x")).isEmpty();
    }

    @Test
    void anyAction_unknownAccessKey_answers404InvalidAccessKeyIdNotFound() {
        TestPopClient stranger = new TestPopClient(server.endpoint(), "LTAIstranger", SK, Clock.fixed(NOW, ZoneOffset.UTC));

        Response r = createVideo(stranger);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.field("Code")).isEqualTo("InvalidAccessKeyId.NotFound");
    }

    @Test
    void anyAction_missingTimestamp_answersMissingParameter() {
        Map<String, String> params = client.publicParameters("CreateUploadVideo");
        params.remove("Timestamp");
        params.put("Title", "t");
        params.put("FileName", "a.mp4");

        Response r = client.send(params);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.field("Code")).isEqualTo("MissingParameter");
        assertThat(r.field("Message")).contains("Timestamp");
    }

    @Test
    void anyAction_timestampSixteenMinutesOff_answersInvalidTimeStampExpired() {
        Response ahead = createVideo(client(SK, NOW.plus(Duration.ofMinutes(16))));
        Response behind = createVideo(client(SK, NOW.minus(Duration.ofMinutes(16))));

        assertThat(ahead.status()).isEqualTo(400);
        assertThat(ahead.field("Code")).isEqualTo("InvalidTimeStamp.Expired");
        assertThat(behind.field("Code")).isEqualTo("InvalidTimeStamp.Expired");
    }

    @Test
    void anyAction_timestampFourteenMinutesOff_isAccepted() {
        assertThat(createVideo(client(SK, NOW.plus(Duration.ofMinutes(14)))).status()).isEqualTo(200);
        assertThat(createVideo(client(SK, NOW.minus(Duration.ofMinutes(14)))).status()).isEqualTo(200);
    }

    @Test
    void anyAction_malformedTimestamp_answersInvalidTimeStampFormat() {
        Map<String, String> params = client.publicParameters("CreateUploadImage");
        params.put("Timestamp", "2025-03-01 08:00:00");
        params.put("ImageType", "default");

        Response r = client.send(params);

        assertThat(r.field("Code")).isEqualTo("InvalidTimeStamp.Format");
    }

    @Test
    void anyAction_repeatedNonce_answersSignatureNonceUsed() {
        Map<String, String> params = client.publicParameters("CreateUploadImage");
        params.put("ImageType", "default");

        Response first = client.send(params);
        Response second = client.send(params);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.field("Code")).isEqualTo("SignatureNonceUsed");
    }

    @Test
    void anyAction_nonceOfARequestWithABadSignature_isStillUsable() {
        Map<String, String> params = client.publicParameters("CreateUploadImage");
        params.put("ImageType", "default");

        Response forged = client.sendRaw(TestPopClient.signedQuery(params, "wrong"));
        Response genuine = client.send(params);

        assertThat(forged.field("Code")).isEqualTo("SignatureDoesNotMatch");
        assertThat(genuine.status()).isEqualTo(200);
    }

    @Test
    void anyAction_tamperedParameterAfterSigning_answersSignatureDoesNotMatch() {
        Map<String, String> params = client.publicParameters("CreateUploadVideo");
        params.put("Title", "t");
        params.put("FileName", "a.mp4");
        String query = TestPopClient.signedQuery(params, SK).replace("FileName=a.mp4", "FileName=b.mp4");

        assertThat(client.sendRaw(query).field("Code")).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void anyAction_specialCharactersInValues_areVerifiedAndDecoded() {
        Map<String, String> params = new TreeMap<>();
        params.put("Title", "视频 a+b*c~d/e=f&g%h");
        params.put("FileName", "my file (1).mp4");
        params.put("Tags", "猫,dog");
        params.put("UserData", "{\"MessageCallback\":{\"CallbackURL\":\"https://example.com/cb?a=1&b=2\"}}");

        Response r = client.call("CreateUploadVideo", params);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(server.lastParameters(VodAction.CREATE_UPLOAD_VIDEO).orElseThrow())
                .containsAllEntriesOf(params).doesNotContainKey("Signature");
    }

    @Test
    void anyAction_stsKeyWithoutItsToken_answersInvalidSecurityTokenMismatch() {
        TestPopClient sts = new TestPopClient(server.endpoint(), "STS.appserver", "sts-secret",
                Clock.fixed(NOW, ZoneOffset.UTC));

        Response without = sts.call("CreateUploadImage", Map.of("ImageType", "default"));
        Response with = sts.call("CreateUploadImage", Map.of("ImageType", "default", "SecurityToken", "sts-token/+="));
        Response plainKeyWithToken = client.call("CreateUploadImage", Map.of("ImageType", "default",
                "SecurityToken", "sts-token/+="));

        assertThat(without.field("Code")).isEqualTo("InvalidSecurityToken.Mismatch");
        assertThat(with.status()).as(with.body()).isEqualTo(200);
        assertThat(plainKeyWithToken.field("Code")).isEqualTo("InvalidSecurityToken.Mismatch");
    }

    @Test
    void failNext_queuedFault_failsOnceThenAnswers() {
        server.failNext(VodAction.CREATE_UPLOAD_VIDEO, 503, "ServiceUnavailable");

        Response failed = createVideo(client);
        Response answered = createVideo(client);

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.field("Code")).isEqualTo("ServiceUnavailable");
        assertThat(answered.status()).isEqualTo(200);
        assertThat(server.calls(VodAction.CREATE_UPLOAD_VIDEO)).isEqualTo(2);
        assertThat(server.statistics()).containsEntry(VodAction.CREATE_UPLOAD_VIDEO, 2L)
                .containsEntry(VodAction.REFRESH_UPLOAD_VIDEO, 0L);
    }

    @Test
    void failNext_otherAction_isUnaffected() {
        server.failNext(VodAction.REFRESH_UPLOAD_VIDEO, 400, "Throttling.User");

        assertThat(createVideo(client).status()).isEqualTo(200);
        server.clearFaults();
        String videoId = createVideo(client).field("VideoId");
        assertThat(client.call("RefreshUploadVideo", Map.of("VideoId", videoId)).status()).isEqualTo(200);
    }

    @Test
    void failNext_nonErrorStatus_throws() {
        assertThatThrownBy(() -> server.failNext(VodAction.CREATE_UPLOAD_VIDEO, 200, "Ok"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("200");
    }

    @Test
    void unknownAction_answers404InvalidActionNotFound() {
        Response r = client.call("GetVideoPlayAuth", Map.of("VideoId", "x"));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.field("Code")).isEqualTo("InvalidAction.NotFound");
    }

    @Test
    void issuerThatThrows_answers500InternalError() {
        try (FakeVodServer broken = FakeVodServer.builder().accessKey(AK, SK).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .ticketIssuer(new TicketIssuer() {
                    @Override
                    public UploadLocation locate(TicketRequest request) {
                        throw new IllegalStateException("no bucket today");
                    }

                    @Override
                    public StsGrant grant(TicketRequest request, UploadLocation location) {
                        throw new IllegalStateException("unreachable");
                    }
                }).start()) {
            Response r = createVideo(new TestPopClient(broken.endpoint(), AK, SK, Clock.fixed(NOW, ZoneOffset.UTC)));

            assertThat(r.status()).isEqualTo(500);
            assertThat(r.field("Code")).isEqualTo("InternalError");
        }
    }

    @Test
    void customIssuer_valuesEndUpInTheTickets() {
        UploadLocation where = new UploadLocation("http://127.0.0.1:9000", "bucket-1", "videos/a.mp4");
        StsGrant grant = new StsGrant("STS.test", "sts-secret-1", "token-1", Duration.ofSeconds(900));
        try (FakeVodServer custom = FakeVodServer.builder().accessKey(AK, SK).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .ticketIssuer(new TicketIssuer() {
                    @Override
                    public UploadLocation locate(TicketRequest request) {
                        return where;
                    }

                    @Override
                    public StsGrant grant(TicketRequest request, UploadLocation location) {
                        return grant;
                    }
                }).start()) {
            Response r = createVideo(new TestPopClient(custom.endpoint(), AK, SK, Clock.fixed(NOW, ZoneOffset.UTC)));

            assertThat(r.ticket("UploadAddress")).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "Endpoint", "http://127.0.0.1:9000", "Bucket", "bucket-1", "FileName", "videos/a.mp4"));
            assertThat(r.ticket("UploadAuth")).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "AccessKeyId", "STS.test", "AccessKeySecret", "sts-secret-1", "SecurityToken", "token-1",
                    "Expiration", "900", "ExpireUTCTime", "2025-03-01T08:15:00Z", "Region", "cn-shanghai"));
        }
    }

    @Test
    void toString_server_showsNoSecret() {
        assertThat(server.toString()).contains(AK).doesNotContain(SK).doesNotContain("sts-secret")
                .doesNotContain("sts-token");
        assertThat(new StsGrant("STS.x", "hidden-secret", "hidden-token", Duration.ofSeconds(60)).toString())
                .doesNotContain("hidden");
    }

    @Test
    void fromArgs_allFlags_startsAServerThatAcceptsThatKey() {
        try (FakeVodServer fromFlags = FakeVodServer.fromArgs(new String[] {"--port", "0",
                "--access-key-id=cliKey", "--access-key-secret", "cliSecret", "--region", "cn-hangzhou"})
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).start()) {
            TestPopClient c = new TestPopClient(fromFlags.endpoint(), "cliKey", "cliSecret",
                    Clock.fixed(NOW, ZoneOffset.UTC));

            Response r = c.call("CreateUploadImage", Map.of("ImageType", "default"));

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.ticket("UploadAuth")).containsEntry("Region", "cn-hangzhou");
            assertThat(fromFlags.port()).isPositive();
        }
    }

    @Test
    void fromArgs_missingSecretOrUnknownFlag_throwsNamingIt() {
        assertThatThrownBy(() -> FakeVodServer.fromArgs(new String[] {"--access-key-id", "k"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--access-key-secret");
        assertThatThrownBy(() -> FakeVodServer.fromArgs(new String[] {"--verbose"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--verbose");
        assertThatThrownBy(() -> FakeVodServer.fromArgs(new String[] {"--access-key-id", "k",
                "--access-key-secret", "s", "--port", "eighty"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eighty");
    }
}
