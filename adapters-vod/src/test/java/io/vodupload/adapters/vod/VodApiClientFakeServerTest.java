package io.vodupload.adapters.vod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.UploadAddress;
import io.vodupload.ports.UploadAuth;
import io.vodupload.testkit.vod.FakeVodServer;
import io.vodupload.testkit.vod.VodAction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against the testkit's fake VOD: two independent implementations of the signature must agree. */
class VodApiClientFakeServerTest {

    private static final Instant NOW = Instant.parse("2025-03-01T08:00:00Z");
    private static final String AK = "test-app-server-ak";
    private static final String SK = "appServer*Secret ~+/=";
    private static final String STS_AK = "STS.NUappServer";
    private static final String STS_SK = "stsAppServerSecret";
    private static final String STS_TOKEN = "CAIS+sts/app=server token";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final FakeVodServer server = FakeVodServer.builder().accessKey(AK, SK)
            .stsAccessKey(STS_AK, STS_SK, STS_TOKEN).clock(clock).start();
    private final TestTicketDecoder decoder = new TestTicketDecoder();
    private VodApiClient client = client(Credentials.of(AK, SK), clock);

    private VodApiClient client(Credentials credentials, Clock at) {
        return VodApiClient.builder().endpoint(server.endpoint()).credentials(credentials).clock(at).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void createThenRefresh_video_sameAddressNewCredentials() {
        VodUploadTicket created = client.createUploadVideo(CreateUploadVideoRequest.of("Holiday", "holiday.mp4"));
        UploadAddress address = decoder.decodeAddress(created.uploadAddress());
        UploadAuth auth = decoder.decodeAuth(created.uploadAuth(), NOW);

        VodUploadTicket refreshed = client.refreshUploadVideo(created.mediaId());

        assertThat(created.requestId()).isPresent();
        assertThat(address.fileName()).endsWith(created.mediaId() + ".mp4");
        assertThat(server.location(created.mediaId()).orElseThrow().objectKey()).isEqualTo(address.fileName());
        assertThat(auth.credentials().securityToken()).isPresent();
        assertThat(auth.credentials().expiration()).contains(NOW.plusSeconds(3600));
        assertThat(auth.region()).contains("cn-shanghai");
        assertThat(refreshed.mediaId()).isEqualTo(created.mediaId());
        assertThat(decoder.decodeAddress(refreshed.uploadAddress())).isEqualTo(address);
        Credentials fresh = decoder.decodeAuth(refreshed.uploadAuth(), NOW).credentials();
        assertThat(fresh.accessKeySecret()).isNotEqualTo(auth.credentials().accessKeySecret());
        assertThat(fresh.securityToken()).isNotEqualTo(auth.credentials().securityToken());
        assertThat(server.statistics()).containsEntry(VodAction.CREATE_UPLOAD_VIDEO, 1L)
                .containsEntry(VodAction.REFRESH_UPLOAD_VIDEO, 1L);
    }

    @Test
    void createUploadVideo_valuesNeedingEncoding_areSignedAlikeByBothSides() {
        CreateUploadVideoRequest request = new CreateUploadVideoRequest("假期 *holiday* ~ 100% a+b", "my clip (1).MOV",
                OptionalLong.of(1L << 40), Optional.of("line1\nline2 & more"), Optional.empty(), OptionalLong.of(9),
                List.of("猫", "dog food"), Optional.empty(), Optional.of("wf=1"), Optional.empty(),
                Optional.of("{\"MessageCallback\":{\"CallbackURL\":\"https://cb.example/x?a=1&b=2\"},\"Extend\":{\"k\":\"v/w\"}}"),
                Optional.empty());

        VodUploadTicket ticket = client.createUploadVideo(request);

        assertThat(server.lastParameters(VodAction.CREATE_UPLOAD_VIDEO).orElseThrow())
                .containsEntry("Title", request.title())
                .containsEntry("FileName", "my clip (1).MOV")
                .containsEntry("Description", "line1\nline2 & more")
                .containsEntry("Tags", "猫,dog food")
                .containsEntry("UserData", request.userData().orElseThrow())
                .containsEntry("FileSize", Long.toString(1L << 40));
        assertThat(decoder.decodeAddress(ticket.uploadAddress()).fileName()).endsWith(".mov");
    }

    @Test
    void createUploadImage_jpg_ticketAndImageUrl() {
        VodUploadTicket ticket = client.createUploadImage(CreateUploadImageRequest.of("cover", "jpg"));

        UploadAddress address = decoder.decodeAddress(ticket.uploadAddress());
        assertThat(address.fileName()).isEqualTo("image/default/" + ticket.mediaId() + ".jpg");
        assertThat(ticket.mediaUrl()).contains(server.location(ticket.mediaId()).orElseThrow().objectUrl());
        assertThat(decoder.decodeAuth(ticket.uploadAuth(), NOW).credentials().securityToken()).isPresent();
    }

    @Test
    void createUploadAttachedMedia_subtitle_ticketAndMediaUrl() {
        VodUploadTicket ticket = client.createUploadAttachedMedia(CreateUploadAttachedMediaRequest.of("subtitle", "vtt"));

        assertThat(decoder.decodeAddress(ticket.uploadAddress()).fileName()).endsWith(ticket.mediaId() + ".vtt");
        assertThat(ticket.mediaUrl()).hasValueSatisfying(url -> assertThat(url).endsWith(".vtt"));
    }

    @Test
    void anyAction_stsAppServerCredentials_areAccepted() {
        client.close();
        client = client(Credentials.sts(STS_AK, STS_SK, STS_TOKEN, NOW.plusSeconds(900)), clock);

        VodUploadTicket ticket = client.createUploadImage(CreateUploadImageRequest.of("default", "png"));

        assertThat(ticket.mediaId()).isNotBlank();
        assertThat(server.lastParameters(VodAction.CREATE_UPLOAD_IMAGE).orElseThrow())
                .containsEntry("SecurityToken", STS_TOKEN);
    }

    @Test
    void anyAction_wrongSecret_throwsSignatureDoesNotMatchWithoutSecrets() {
        client.close();
        client = client(Credentials.sts(STS_AK, "not-the-secret", STS_TOKEN, NOW.plusSeconds(900)), clock);

        VodApiException e = catchThrowableOfType(VodApiException.class,
                () -> client.createUploadVideo(CreateUploadVideoRequest.of("t", "a.mp4")));

        assertThat(e.errorCode()).isEqualTo("SignatureDoesNotMatch");
        assertThat(e.httpStatus()).hasValue(400);
        assertThat(e.requestId()).isPresent();
        assertThat(e.isRetryable()).isFalse();
        // The fake, like VOD, quotes its string to sign, SecurityToken included: it must be masked.
        assertThat(e.getMessage()).contains("server string to sign is:GET&%2F&");
        Secrets.assertAbsent(Secrets.describe(e), "not-the-secret", STS_TOKEN, STS_SK);
    }

    @Test
    void refreshUploadVideo_unknownVideo_throwsInvalidVideoNotFound() {
        VodApiException e = catchThrowableOfType(VodApiException.class,
                () -> client.refreshUploadVideo("00000000000000000000000000000000"));

        assertThat(e.errorCode()).isEqualTo("InvalidVideo.NotFound");
        assertThat(e.httpStatus()).hasValue(404);
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void anyAction_unknownAccessKey_throwsInvalidAccessKeyIdNotFound() {
        client.close();
        client = client(Credentials.of("LTAIunknown", SK), clock);

        VodApiException e = catchThrowableOfType(VodApiException.class, () -> client.refreshUploadVideo("v"));

        assertThat(e.errorCode()).isEqualTo("InvalidAccessKeyId.NotFound");
        Secrets.assertAbsent(Secrets.describe(e), SK);
    }

    @Test
    void anyAction_clockSixteenMinutesFast_throwsInvalidTimeStampExpired() {
        client.close();
        client = client(Credentials.of(AK, SK), Clock.offset(clock, Duration.ofMinutes(16)));

        VodApiException e = catchThrowableOfType(VodApiException.class,
                () -> client.createUploadImage(CreateUploadImageRequest.of("default", "png")));

        assertThat(e.errorCode()).isEqualTo("InvalidTimeStamp.Expired");
    }

    @Test
    void anyAction_repeatedNonce_throwsSignatureNonceUsed() {
        client.close();
        client = VodApiClient.builder().endpoint(server.endpoint()).credentials(Credentials.of(AK, SK)).clock(clock)
                .nonceSource(() -> "always-the-same").build();
        client.createUploadImage(CreateUploadImageRequest.of("default", "png"));

        VodApiException e = catchThrowableOfType(VodApiException.class,
                () -> client.createUploadImage(CreateUploadImageRequest.of("default", "png")));

        assertThat(e.errorCode()).isEqualTo("SignatureNonceUsed");
    }

    @Test
    void anyAction_injectedServiceUnavailable_throwsRetryableOnceThenSucceeds() {
        server.failNext(VodAction.CREATE_UPLOAD_VIDEO, 503, "ServiceUnavailable");

        VodApiException e = catchThrowableOfType(VodApiException.class,
                () -> client.createUploadVideo(CreateUploadVideoRequest.of("t", "a.mp4")));
        VodUploadTicket ticket = client.createUploadVideo(CreateUploadVideoRequest.of("t", "a.mp4"));

        assertThat(e.errorCode()).isEqualTo("ServiceUnavailable");
        assertThat(e.isRetryable()).isTrue();
        assertThat(ticket.mediaId()).isNotBlank();
        assertThat(server.calls(VodAction.CREATE_UPLOAD_VIDEO)).isEqualTo(2);
    }

    @Test
    void anyAction_serverGone_throwsRetryableNetworkError() {
        server.close();

        VodApiException e = catchThrowableOfType(VodApiException.class, () -> client.refreshUploadVideo("v"));

        assertThat(e.errorCode()).isEqualTo("NetworkError");
        assertThat(e.isRetryable()).isTrue();
        Secrets.assertAbsent(Secrets.describe(e), SK);
    }
}
