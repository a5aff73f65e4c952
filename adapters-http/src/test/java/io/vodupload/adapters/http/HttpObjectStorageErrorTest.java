package io.vodupload.adapters.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.vodupload.adapters.http.WireSupport.PLAIN;
import static io.vodupload.adapters.http.WireSupport.SECRET;
import static io.vodupload.adapters.http.WireSupport.STS;
import static io.vodupload.adapters.http.WireSupport.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.SignatureVersion;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageException.Kind;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OSS error responses and malformed success responses, mapped to the port's kinds. */
class HttpObjectStorageErrorTest {

    static final Instant NOW = Instant.parse("2024-03-05T06:07:08Z");
    static WireMockServer server;

    @TempDir
    Path dir;

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
    }

    private static HttpObjectStorage storage() {
        return HttpObjectStorage.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    private static StorageTarget target() {
        return StorageTarget.of("http://127.0.0.1:" + server.port(), "bkt", "dir/video.mp4");
    }

    private static String errorXml(String code, String message, String requestId, String... extra) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>")
                .append(code).append("</Code>\n  <Message>").append(message).append("</Message>\n  <RequestId>")
                .append(requestId).append("</RequestId>\n  <HostId>bkt.oss-cn-hangzhou.aliyuncs.com</HostId>\n");
        for (String e : extra) {
            sb.append("  ").append(e).append('\n');
        }
        return sb.append("</Error>\n").toString();
    }

    private static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/xml")
                .withHeader("x-oss-request-id", "5C3D9175B6FC201293AD****")
                .withHeader("x-oss-ec", "0002-00000007")
                .withBody(errorXml(code, message, "5C3D9175B6FC201293AD****", "<EC>0002-00000007</EC>"));
    }

    private static StorageException listPartsFailure(Credentials credentials) {
        try (HttpObjectStorage storage = storage()) {
            StorageException e = catchThrowableOfType(StorageException.class,
                    () -> storage.listParts(target(), credentials, "UPLOAD-1"));
            assertThat(e).as("listParts should have failed").isNotNull();
            WireSupport.assertNoSecrets(e);
            return e;
        }
    }

    private Path file(int size) throws IOException {
        byte[] data = new byte[size];
        new java.util.Random(1).nextBytes(data);
        Path f = dir.resolve("f" + size);
        Files.write(f, data);
        return f;
    }

    // ---- error XML → kind, code, status, request id -------------------------------------------------

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(textBlock = """
            403, SecurityTokenExpired,                CREDENTIALS_EXPIRED
            403, InvalidSecurityToken,                CREDENTIALS_EXPIRED
            403, AccessKeyIdAndSecurityTokenNotMatch, CREDENTIALS_EXPIRED
            403, InvalidAccessKeyId,                  CREDENTIALS_EXPIRED
            403, RequestTimeTooSkewed,                CLOCK_SKEW
            404, NoSuchUpload,                        UPLOAD_GONE
            403, AccessDenied,                        FATAL
            403, SignatureDoesNotMatch,               FATAL
            404, NoSuchBucket,                        FATAL
            400, InvalidArgument,                     FATAL
            400, InvalidPart,                         FATAL
            400, EntityTooSmall,                      FATAL
            411, MissingContentLength,                FATAL
            500, InternalError,                       RETRYABLE
            502, BadGateway,                          RETRYABLE
            503, ServiceUnavailable,                  RETRYABLE
            504, GatewayTimeout,                      RETRYABLE
            408, RequestTimeout,                      RETRYABLE
            429, Throttling,                          RETRYABLE
            """)
    void listParts_ossErrorXml_mapsToKindWithCodeStatusRequestIdAndEc(int status, String code, Kind kind) {
        server.stubFor(any(anyUrl()).willReturn(error(status, code, "Something about " + code + ".")));

        StorageException e = listPartsFailure(STS);

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.errorCode()).isEqualTo(code);
        assertThat(e.httpStatus()).hasValue(status);
        assertThat(e.requestId()).contains("5C3D9175B6FC201293AD****");
        assertThat(e.getMessage()).startsWith(code + " (HTTP " + status + "): ListParts oss://bkt/dir/video.mp4: "
                + "Something about " + code + ". (EC 0002-00000007) [RequestId 5C3D9175B6FC201293AD****]");
    }

    @Test
    void listParts_invalidAccessKeyIdWithoutToken_isFatal() {
        server.stubFor(any(anyUrl()).willReturn(error(403, "InvalidAccessKeyId", "The OSS Access Key Id does not exist.")));

        assertThat(listPartsFailure(PLAIN).kind()).isEqualTo(Kind.FATAL);
    }

    @Test
    void listParts_503WithoutBody_isRetryableNamedAfterTheStatus() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withHeader("x-oss-request-id", "R503")));

        StorageException e = listPartsFailure(STS);

        assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(e.errorCode()).isEqualTo("ServiceUnavailable");
        assertThat(e.httpStatus()).hasValue(503);
        assertThat(e.requestId()).contains("R503");
    }

    @Test
    void listParts_502HtmlFromAProxy_isRetryable() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")));

        StorageException e = listPartsFailure(STS);

        assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(e.errorCode()).isEqualTo("BadGateway");
        assertThat(e.requestId()).isEmpty();
    }

    @Test
    void listParts_requestIdOnlyInTheBody_isTakenFromTheBody() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(403)
                .withBody(errorXml("AccessDenied", "no", "BODY-REQ-ID"))));

        assertThat(listPartsFailure(STS).requestId()).contains("BODY-REQ-ID");
    }

    @Test
    void listParts_serverEchoesTheTokenAndSecret_messageNeverCarriesThem() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(403).withBody(errorXml("SignatureDoesNotMatch",
                "The request signature we calculated does not match. token " + TOKEN + " secret " + SECRET, "R1",
                "<StringToSign>GET\nx-oss-security-token:" + TOKEN + "\n/bkt/dir/video.mp4</StringToSign>",
                "<SecurityToken>" + TOKEN + "</SecurityToken>", "<OSSAccessKeyId>STS.ak</OSSAccessKeyId>"))));

        StorageException e = listPartsFailure(STS);

        assertThat(e.errorCode()).isEqualTo("SignatureDoesNotMatch");
        assertThat(e.getMessage()).contains("token *** secret ***");
        WireSupport.assertNoSecrets(e);
    }

    @Test
    void uploadPart_noSuchUpload_isUploadGone() throws IOException {
        server.stubFor(any(anyUrl()).willReturn(error(404, "NoSuchUpload", "The specified upload does not exist.")));
        Path f = file(1000);

        try (HttpObjectStorage storage = storage()) {
            StorageException e = catchThrowableOfType(StorageException.class, () -> storage.uploadPart(target(), STS,
                    "GONE", 3, new FileRegion(f, 0, 1000), TransferListener.NONE));
            assertThat(e.kind()).isEqualTo(Kind.UPLOAD_GONE);
            assertThat(e.getMessage()).contains("UploadPart 3 oss://bkt/dir/video.mp4");
            WireSupport.assertNoSecrets(e);
        }
    }

    @Test
    void uploadPart_securityTokenExpired_isCredentialsExpired() throws IOException {
        server.stubFor(any(anyUrl()).willReturn(error(403, "SecurityTokenExpired",
                "The security token you provided has expired.")));
        Path f = file(300_000);

        try (HttpObjectStorage storage = storage()) {
            StorageException e = catchThrowableOfType(StorageException.class, () -> storage.uploadPart(target(), STS,
                    "U", 1, new FileRegion(f, 0, 300_000), TransferListener.NONE));
            assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS_EXPIRED);
            assertThat(e.errorCode()).isEqualTo("SecurityTokenExpired");
            WireSupport.assertNoSecrets(e);
        }
    }

    @Test
    void redirect_isNotFollowedButFailsFatally() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(301)
                .withHeader("Location", "http://127.0.0.1:" + server.port() + "/elsewhere")));

        StorageException e = listPartsFailure(STS);

        assertThat(e.kind()).isEqualTo(Kind.FATAL);
        assertThat(e.httpStatus()).hasValue(301);
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    // ---- HEAD: errors in headers only --------------------------------------------------------------

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void headObject_403WithXOssErr_takesTheCodeFromTheHeader() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(403).withHeader("x-oss-request-id", "HR1")
                .withHeader("x-oss-err", b64(errorXml("SecurityTokenExpired", "expired", "HR1",
                        "<SecurityToken>" + TOKEN + "</SecurityToken>")))));

        try (HttpObjectStorage storage = storage()) {
            StorageException e = catchThrowableOfType(StorageException.class, () -> storage.headObject(target(), STS));
            assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS_EXPIRED);
            assertThat(e.errorCode()).isEqualTo("SecurityTokenExpired");
            assertThat(e.httpStatus()).hasValue(403);
            assertThat(e.requestId()).contains("HR1");
            WireSupport.assertNoSecrets(e);
        }
    }

    @Test
    void headObject_403WithoutAnyDetail_isFatalAccessForbidden() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(403)));

        try (HttpObjectStorage storage = storage()) {
            StorageException e = catchThrowableOfType(StorageException.class, () -> storage.headObject(target(), STS));
            assertThat(e.kind()).isEqualTo(Kind.FATAL);
            assertThat(e.errorCode()).isEqualTo("AccessForbidden");
        }
    }

    @Test
    void headObject_404NoSuchBucketInXOssErr_isAnErrorNotAnAbsentObject() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)
                .withHeader("x-oss-err", b64(errorXml("NoSuchBucket", "The specified bucket does not exist.", "H2")))));

        try (HttpObjectStorage storage = storage()) {
            StorageException e = catchThrowableOfType(StorageException.class, () -> storage.headObject(target(), STS));
            assertThat(e.kind()).isEqualTo(Kind.FATAL);
            assertThat(e.errorCode()).isEqualTo("NoSuchBucket");
        }
    }

    @Test
    void headObject_404NoSuchKeyInXOssErr_isEmpty() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)
                .withHeader("x-oss-err", b64(errorXml("NoSuchKey", "The specified key does not exist.", "H3")))));

        try (HttpObjectStorage storage = storage()) {
            assertThat(storage.headObject(target(), STS)).isEmpty();
        }
    }

    // ---- Complete: 200 with an error body ----------------------------------------------------------

    @ParameterizedTest
    @CsvSource(textBlock = """
            InternalError, RETRYABLE
            InvalidPart,   FATAL
            NoSuchUpload,  UPLOAD_GONE
            """)
    void completeMultipart_200WithErrorBody_isAnError(String code, Kind kind) {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("x-oss-request-id", "C200")
                .withBody(errorXml(code, "We encountered an internal error. Please try again.", "C200"))));

        try (HttpObjectStorage storage = storage()) {
            StorageException e = catchThrowableOfType(StorageException.class, () -> storage.completeMultipart(target(),
                    STS, "U", List.of(PartReceipt.of(1, "E", 1, 1)), ObjectMetadata.EMPTY));
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.errorCode()).isEqualTo(code);
            assertThat(e.httpStatus()).hasValue(200);
            assertThat(e.requestId()).contains("C200");
        }
    }

    // ---- Abort -------------------------------------------------------------------------------------

    @Test
    void abortMultipart_uploadAlreadyGone_isNotAnError() {
        server.stubFor(any(anyUrl()).willReturn(error(404, "NoSuchUpload", "The specified upload does not exist.")));

        try (HttpObjectStorage storage = storage()) {
            storage.abortMultipart(target(), STS, "GONE");
        }

        assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void abortMultipart_accessDenied_throws() {
        server.stubFor(any(anyUrl()).willReturn(error(403, "AccessDenied", "denied")));

        try (HttpObjectStorage storage = storage()) {
            assertThatThrownBy(() -> storage.abortMultipart(target(), STS, "U"))
                    .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FATAL));
        }
    }

    // ---- RequestTimeTooSkewed ----------------------------------------------------------------------

    @Test
    void requestTimeTooSkewed_serverTimeInTheBody_isClockSkewAndLaterRequestsUseTheServerClock() {
        Instant serverTime = NOW.plus(Duration.ofMinutes(61)).plusMillis(0);
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(403).withBody(errorXml("RequestTimeTooSkewed",
                "The difference between the request time and the current time is too large.", "SK1",
                "<RequestTime>2024-03-05T06:07:08.000Z</RequestTime>",
                "<ServerTime>" + serverTime + "</ServerTime>"))));

        try (HttpObjectStorage storage = storage()) {
            StorageException e = catchThrowableOfType(StorageException.class,
                    () -> storage.listParts(target(), STS, "U"));
            assertThat(e.kind()).isEqualTo(Kind.CLOCK_SKEW);
            assertThat(e.serverTime()).contains(serverTime);
            assertThat(storage.clockOffset()).isEqualTo(Duration.ofMinutes(61));

            server.resetAll();
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                    .withBody("<ListPartsResult><IsTruncated>false</IsTruncated></ListPartsResult>")));
            storage.listParts(target(), STS, "U");
        }

        LoggedRequest retried = server.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(retried.getHeader("Date")).isEqualTo(OssDates.httpDate(serverTime));
        WireSupport.assertSignedAsSent(retried, STS, "bkt", true);
    }

    @Test
    void requestTimeTooSkewed_onlyTheDateHeader_learnsTheOffsetFromItForV4() {
        Instant serverTime = NOW.minus(Duration.ofHours(2));
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(403).withHeader("Date", OssDates.httpDate(serverTime))
                .withHeader("x-oss-err", b64(errorXml("RequestTimeTooSkewed", "too large", "SK2")))));
        StorageTarget v4 = target().withRegion("cn-beijing");

        try (HttpObjectStorage storage = storage()) {
            StorageException e = catchThrowableOfType(StorageException.class, () -> storage.headObject(v4, STS));
            assertThat(e.kind()).isEqualTo(Kind.CLOCK_SKEW);

            server.resetAll();
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
            assertThat(storage.headObject(v4, STS)).isEmpty();
        }

        LoggedRequest retried = server.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(retried.getHeader("x-oss-date")).isEqualTo(OssDates.ISO_BASIC.format(serverTime));
        WireSupport.assertSignedAsSent(retried, STS, "bkt", true);
    }

    // ---- CRC mismatch and malformed success responses ----------------------------------------------

    @Test
    void uploadPart_serverCrcDiffers_isRetryablePartCrcMismatch() throws IOException {
        Path f = file(150_000);
        long crc = Crc64.of(Files.readAllBytes(f));
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"E\"")
                .withHeader("x-oss-request-id", "CRC1").withHeader("x-oss-hash-crc64ecma", Crc64.toUnsignedString(crc ^ 1))));

        try (HttpObjectStorage storage = storage()) {
            StorageException e = catchThrowableOfType(StorageException.class, () -> storage.uploadPart(target(), STS,
                    "U", 2, new FileRegion(f, 0, 150_000), TransferListener.NONE));
            assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
            assertThat(e.errorCode()).isEqualTo("PartCrcMismatch");
            assertThat(e.httpStatus()).hasValue(200);
            assertThat(e.requestId()).contains("CRC1");
            assertThat(e.getMessage()).contains(Crc64.toUnsignedString(crc));
        }
    }

    @Test
    void putObject_serverCrcDiffers_isRetryablePartCrcMismatch() throws IOException {
        Path f = file(1000);
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"E\"")
                .withHeader("x-oss-hash-crc64ecma", "12345")));

        try (HttpObjectStorage storage = storage()) {
            StorageException e = catchThrowableOfType(StorageException.class, () -> storage.putObject(target(), STS,
                    new FileRegion(f, 0, 1000), ObjectMetadata.EMPTY, TransferListener.NONE));
            assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
            assertThat(e.errorCode()).isEqualTo("PartCrcMismatch");
        }
    }

    @Test
    void uploadPart_200WithoutEtag_isRetryableInvalidResponse() throws IOException {
        Path f = file(10);
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));

        try (HttpObjectStorage storage = storage()) {
            StorageException e = catchThrowableOfType(StorageException.class, () -> storage.uploadPart(target(), STS,
                    "U", 1, new FileRegion(f, 0, 10), TransferListener.NONE));
            assertThat(e.errorCode()).isEqualTo("InvalidResponse");
            assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            not xml     | this is not xml
            no UploadId | <InitiateMultipartUploadResult><Bucket>bkt</Bucket></InitiateMultipartUploadResult>
            """)
    void initiateMultipart_unreadable200_isRetryableInvalidResponse(String name, String body) {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(body)));

        try (HttpObjectStorage storage = storage()) {
            StorageException e = catchThrowableOfType(StorageException.class,
                    () -> storage.initiateMultipart(target(), STS, ObjectMetadata.EMPTY));
            assertThat(e.errorCode()).isEqualTo("InvalidResponse");
        }
    }

    @Test
    void listParts_markerThatDoesNotAdvance_failsInsteadOfLooping() {
        server.stubFor(any(urlPathEqualTo("/bkt/dir/video.mp4")).willReturn(aResponse().withStatus(200)
                .withBody("<ListPartsResult><IsTruncated>true</IsTruncated><NextPartNumberMarker>0</NextPartNumberMarker>"
                        + "<Part><PartNumber>1</PartNumber><ETag>\"E\"</ETag><Size>5</Size></Part></ListPartsResult>")));

        StorageException e = listPartsFailure(STS);

        assertThat(e.errorCode()).isEqualTo("InvalidResponse");
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void headObject_crcHeaderNotANumber_isInvalidResponse() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Length", "5")
                .withHeader("ETag", "\"E\"").withHeader("x-oss-hash-crc64ecma", "-12")));

        try (HttpObjectStorage storage = storage()) {
            assertThatThrownBy(() -> storage.headObject(target(), STS)).isInstanceOfSatisfying(StorageException.class,
                    e -> assertThat(e.errorCode()).isEqualTo("InvalidResponse"));
        }
    }

    // ---- configuration and arguments ---------------------------------------------------------------

    @Test
    void forcedV4_noRegionAnywhere_failsWithoutSendingAnything() {
        try (HttpObjectStorage storage = HttpObjectStorage.builder()
                .signatureVersion(SignatureVersion.V4).build()) {
            StorageException e = catchThrowableOfType(StorageException.class, () -> storage.headObject(target(), STS));
            assertThat(e.kind()).isEqualTo(Kind.FATAL);
            assertThat(e.errorCode()).isEqualTo("RegionUnknown");
        }
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void forcedV4_configuredRegion_signsWithIt() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));

        try (HttpObjectStorage storage = HttpObjectStorage.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .signatureVersion(SignatureVersion.V4).region("ap-southeast-1").build()) {
            storage.headObject(target(), STS);
        }

        LoggedRequest r = server.findAll(anyRequestedFor(anyUrl())).get(0);
        assertThat(r.getHeader("Authorization")).startsWith("OSS4-HMAC-SHA256 Credential=STS.ak/20240305/ap-southeast-1/oss/");
        WireSupport.assertSignedAsSent(r, STS, "bkt", true);
    }

    @Test
    void closedStorage_anyCall_failsWithStorageClosed() {
        HttpObjectStorage storage = storage();
        storage.close();
        storage.close();

        assertThatThrownBy(() -> storage.headObject(target(), STS)).isInstanceOfSatisfying(StorageException.class,
                e -> assertThat(e.errorCode()).isEqualTo("StorageClosed"));
    }

    @Test
    void badArguments_areRejectedBeforeAnyRequest() throws IOException {
        Path f = file(10);
        try (HttpObjectStorage storage = storage()) {
            assertThatThrownBy(() -> storage.uploadPart(target(), STS, "U", 0, new FileRegion(f, 0, 1),
                    TransferListener.NONE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(": 0");
            assertThatThrownBy(() -> storage.uploadPart(target(), STS, " ", 1, new FileRegion(f, 0, 1),
                    TransferListener.NONE)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage.completeMultipart(target(), STS, "U", List.of(), ObjectMetadata.EMPTY))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage.completeMultipart(target(), STS, "U",
                    List.of(PartReceipt.of(1, "A", 1, 1), PartReceipt.of(1, "B", 1, 1)), ObjectMetadata.EMPTY))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("part 1 given twice");
        }
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void toString_showsConfigurationOnly() {
        try (HttpObjectStorage storage = HttpObjectStorage.builder().region("cn-hangzhou").build()) {
            assertThat(storage.toString()).isEqualTo("HttpObjectStorage[signature=AUTO, addressing=AUTO, region=cn-hangzhou]");
        }
    }
}
