package io.vodupload.adapters.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToXml;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.ObjectInfo;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.TransferListener;
import io.vodupload.ports.ObjectReceipt;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.SignatureVersion;
import io.vodupload.ports.StorageTarget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exact requests each operation sends, in both addressing styles and both signature versions,
 * checked against the derived multipart vectors of OSS-PROTOCOL §8 where they apply and otherwise by
 * recomputing the signature from what the server received.
 */
class HttpObjectStorageRequestTest {

    static final String BUCKET = "examplebucket";
    static final String UPLOAD_ID = "0004B9895DBBB6EC98E36";
    /** The vectors' credentials. */
    static final Credentials AK_SK = Credentials.of("ak", "sk");
    static final Credentials AK_SK_TOKEN = Credentials.sts("ak", "sk", "token", null);

    static WireMockServer server;

    @TempDir
    Path dir;

    /**
     * Addressing style × signature version, with what each must send for the vector requests. The part
     * request's signature covers its Content-MD5 (of the seeded region); OssSignerTest pins how a
     * Content-MD5 enters both signature versions against the documented vectors.
     */
    enum Style {
        V1_PATH(true, "2022-12-28T10:27:41Z", "OSS ak:ennwXlS++tENb3oCTsBpfENSFNQ=",
                "OSS ak:N813QVBDwhfWbSoAFEflvHtAc0g="),
        V4_PATH(true, "2023-12-16T16:20:57Z",
                "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
                        + "Signature=2ae1264590e1931ec7df9e3e89e62138a436d58183b9636f5e224852c96b629a",
                "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
                        + "Signature=91964896825ecf9b9bca81d3fc31920fe83d00692bc9089a177aca8c92bcd0b0"),
        V1_VIRTUAL(false, "2022-12-28T10:27:41Z", "OSS ak:ennwXlS++tENb3oCTsBpfENSFNQ=",
                "OSS ak:N813QVBDwhfWbSoAFEflvHtAc0g="),
        V4_VIRTUAL(false, "2023-12-16T16:20:57Z",
                "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
                        + "Signature=2ae1264590e1931ec7df9e3e89e62138a436d58183b9636f5e224852c96b629a",
                "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
                        + "Signature=91964896825ecf9b9bca81d3fc31920fe83d00692bc9089a177aca8c92bcd0b0");

        final boolean pathStyle;
        final Instant time;
        final String initiateAuthorization;
        final String partWithTokenAuthorization;

        Style(boolean pathStyle, String time, String initiateAuthorization, String partWithTokenAuthorization) {
            this.pathStyle = pathStyle;
            this.time = Instant.parse(time);
            this.initiateAuthorization = initiateAuthorization;
            this.partWithTokenAuthorization = partWithTokenAuthorization;
        }

        boolean v4() {
            return name().startsWith("V4");
        }

        HttpObjectStorage storage() {
            HttpObjectStorage.Builder b = HttpObjectStorage.builder()
                    .clock(Clock.fixed(time, ZoneOffset.UTC))
                    .dnsResolver(new WireSupport.LoopbackDns());
            if (!v4()) {
                // the virtual-hosted endpoint names a region, which would otherwise select V4
                b.signatureVersion(SignatureVersion.V1);
            }
            return b.build();
        }

        StorageTarget target(String key) {
            int port = server.port();
            if (pathStyle) {
                StorageTarget t = StorageTarget.of("http://127.0.0.1:" + port, BUCKET, key);
                return v4() ? t.withRegion("cn-hangzhou") : t;
            }
            return StorageTarget.of("http://oss-cn-hangzhou.aliyuncs.com:" + port, BUCKET, key);
        }

        String path(String encodedKey) {
            return (pathStyle ? "/" + BUCKET + "/" : "/") + encodedKey;
        }

        String host() {
            return (pathStyle ? "127.0.0.1" : BUCKET + ".oss-cn-hangzhou.aliyuncs.com") + ":" + server.port();
        }

        String date() {
            return OssDates.httpDate(time);
        }
    }

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

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> all = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static void assertCommonHeaders(LoggedRequest r, Style style, Credentials credentials) {
        assertThat(r.getHeader("Host")).isEqualTo(style.host());
        assertThat(r.getHeader("Date")).isEqualTo(style.date());
        if (style.v4()) {
            assertThat(r.getHeader("x-oss-date")).isEqualTo(OssDates.ISO_BASIC.format(style.time));
            assertThat(r.getHeader("x-oss-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        } else {
            assertThat(r.containsHeader("x-oss-date")).isFalse();
            assertThat(r.containsHeader("x-oss-content-sha256")).isFalse();
        }
        if (credentials.securityToken().isPresent()) {
            assertThat(r.getHeader("x-oss-security-token")).isEqualTo(credentials.securityToken().get());
        } else {
            assertThat(r.containsHeader("x-oss-security-token")).isFalse();
        }
        assertThat(r.containsHeader("Accept-Encoding")).as("content compression is off").isFalse();
        assertThat(r.containsHeader("Expect")).isFalse();
        WireSupport.assertSignedAsSent(r, credentials, BUCKET, style.pathStyle);
    }

    private Path randomFile(int size) throws IOException {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        Path file = dir.resolve("data-" + size + ".bin");
        Files.write(file, data);
        return file;
    }

    // ---- InitiateMultipartUpload -------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Style.class)
    void initiateMultipart_contentType_sendsSignedPostMatchingTheDerivedVector(Style style) {
        server.stubFor(post(urlEqualTo(style.path("dir/obj.bin") + "?uploads")).willReturn(aResponse().withStatus(200)
                .withHeader("x-oss-request-id", "REQ-INIT")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<InitiateMultipartUploadResult><Bucket>"
                        + BUCKET + "</Bucket><Key>dir/obj.bin</Key><UploadId>" + UPLOAD_ID
                        + "</UploadId></InitiateMultipartUploadResult>")));

        String uploadId;
        try (HttpObjectStorage storage = style.storage()) {
            uploadId = storage.initiateMultipart(style.target("dir/obj.bin"), AK_SK,
                    ObjectMetadata.ofContentType("application/octet-stream"));
        }

        assertThat(uploadId).isEqualTo(UPLOAD_ID);
        LoggedRequest r = onlyRequest();
        assertThat(r.getMethod().getName()).isEqualTo("POST");
        assertThat(r.getUrl()).isEqualTo(style.path("dir/obj.bin") + "?uploads");
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(r.getHeader("Authorization")).isEqualTo(style.initiateAuthorization);
        assertCommonHeaders(r, style, AK_SK);
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void initiateMultipart_metadataAndToken_sendsAndSignsEveryHeader(Style style) {
        server.stubFor(post(urlEqualTo(style.path("v/a.mp4") + "?uploads")).willReturn(aResponse().withStatus(200)
                .withBody("<InitiateMultipartUploadResult><UploadId>U1</UploadId></InitiateMultipartUploadResult>")));
        ObjectMetadata metadata = new ObjectMetadata(Optional.of("video/mp4"),
                Map.of("x-oss-meta-author", "alice", "X-OSS-Notification", "eyJDYWxsYmFjayI6MX0="));

        try (HttpObjectStorage storage = style.storage()) {
            assertThat(storage.initiateMultipart(style.target("v/a.mp4"), WireSupport.STS, metadata)).isEqualTo("U1");
        }

        LoggedRequest r = onlyRequest();
        assertThat(r.getHeader("Content-Type")).isEqualTo("video/mp4");
        assertThat(r.getHeader("x-oss-meta-author")).isEqualTo("alice");
        assertThat(r.getHeader("x-oss-notification")).isEqualTo("eyJDYWxsYmFjayI6MX0=");
        assertCommonHeaders(r, style, WireSupport.STS);
    }

    // ---- UploadPart --------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Style.class)
    void uploadPart_regionOfFile_streamsItWithContentLengthAndMatchesTheDerivedVector(Style style) throws IOException {
        Path file = randomFile(300_000);
        byte[] all = Files.readAllBytes(file);
        FileRegion region = new FileRegion(file, 1_000, 200_000);
        long crc = Crc64.of(all, 1_000, 200_000);
        server.stubFor(put(urlEqualTo(style.path("dir/obj.bin") + "?partNumber=1&uploadId=" + UPLOAD_ID))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"3349DC700140D7F86A0784842780****\"")
                        .withHeader("x-oss-hash-crc64ecma", Crc64.toUnsignedString(crc))
                        .withHeader("x-oss-request-id", "REQ-PART")));
        AtomicLong reported = new AtomicLong();

        PartReceipt receipt;
        try (HttpObjectStorage storage = style.storage()) {
            receipt = storage.uploadPart(style.target("dir/obj.bin"), AK_SK_TOKEN, UPLOAD_ID, 1, region,
                    reported::addAndGet);
        }

        assertThat(receipt).isEqualTo(PartReceipt.of(1, "3349DC700140D7F86A0784842780****", 200_000, crc));
        assertThat(reported).hasValue(200_000);
        LoggedRequest r = onlyRequest();
        assertThat(r.getMethod().getName()).isEqualTo("PUT");
        assertThat(r.getUrl()).isEqualTo(style.path("dir/obj.bin") + "?partNumber=1&uploadId=" + UPLOAD_ID);
        assertThat(r.getHeader("Content-Length")).isEqualTo("200000");
        assertThat(r.containsHeader("Transfer-Encoding")).isFalse();
        assertThat(r.containsHeader("Content-Type")).as("nothing added after signing").isFalse();
        assertThat(r.getBody()).isEqualTo(java.util.Arrays.copyOfRange(all, 1_000, 201_000));
        // read from the file before the body, so OSS refuses a body that changed on the way
        assertThat(r.getHeader("Content-MD5")).isEqualTo(md5(java.util.Arrays.copyOfRange(all, 1_000, 201_000)));
        assertThat(r.getHeader("Authorization")).isEqualTo(style.partWithTokenAuthorization);
        assertCommonHeaders(r, style, AK_SK_TOKEN);
    }

    @ParameterizedTest
    @EnumSource(value = Style.class, names = {"V1_PATH", "V4_VIRTUAL"})
    void uploadPart_serverSendsNoCrc_receiptCarriesTheCrcOfTheBytesSent(Style style) throws IOException {
        Path file = randomFile(5_000);
        server.stubFor(put(urlEqualTo(style.path("k") + "?partNumber=7&uploadId=U"))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"ABC\"")));

        PartReceipt receipt;
        try (HttpObjectStorage storage = style.storage()) {
            receipt = storage.uploadPart(style.target("k"), WireSupport.STS, "U", 7, new FileRegion(file, 0, 5_000),
                    bytes -> { });
        }

        assertThat(receipt.crc64()).hasValue(Crc64.of(Files.readAllBytes(file)));
        assertThat(receipt.etag()).isEqualTo("ABC");
    }

    @ParameterizedTest
    @EnumSource(value = Style.class, names = {"V1_PATH", "V4_VIRTUAL"})
    void uploadPart_emptyQuotedEtag_isRefused(Style style) throws IOException {
        Path file = randomFile(5_000);
        server.stubFor(put(urlEqualTo(style.path("k") + "?partNumber=2&uploadId=U"))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"\"")));

        try (HttpObjectStorage storage = style.storage()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> storage.uploadPart(style.target("k"),
                            WireSupport.STS, "U", 2, new FileRegion(file, 0, 5_000), bytes -> { }))
                    .isInstanceOf(io.vodupload.ports.StorageException.class).hasMessageContaining("no ETag");
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return java.util.Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Style.class, names = {"V1_PATH", "V4_VIRTUAL"})
    void uploadPart_emptyRegion_sendsContentLengthZero(Style style) throws IOException {
        Path file = randomFile(10);
        server.stubFor(put(urlEqualTo(style.path("k") + "?partNumber=2&uploadId=U"))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"E\"").withHeader("x-oss-hash-crc64ecma", "0")));

        try (HttpObjectStorage storage = style.storage()) {
            PartReceipt receipt = storage.uploadPart(style.target("k"), WireSupport.STS, "U", 2,
                    new FileRegion(file, 10, 0), bytes -> { });
            assertThat(receipt.crc64()).hasValue(0);
        }

        assertThat(onlyRequest().getHeader("Content-Length")).isEqualTo("0");
    }

    // ---- ListParts ---------------------------------------------------------------------------------

    private static String listPage(boolean truncated, int next, int... parts) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListPartsResult>"
                + "<Bucket>" + BUCKET + "</Bucket><Key>dir/obj.bin</Key><UploadId>" + UPLOAD_ID + "</UploadId>"
                + "<StorageClass>Standard</StorageClass><PartNumberMarker>0</PartNumberMarker>"
                + "<NextPartNumberMarker>" + next + "</NextPartNumberMarker><MaxParts>2</MaxParts>"
                + "<IsTruncated>" + truncated + "</IsTruncated>");
        for (int p : parts) {
            sb.append("<Part><PartNumber>").append(p).append("</PartNumber>")
                    .append("<LastModified>2012-02-23T07:01:34.000Z</LastModified>")
                    .append("<ETag>\"ETAG-").append(p).append("\"</ETag><Size>").append(102400 + p).append("</Size>")
                    .append("<HashCrc64ecma>").append(Long.toUnsignedString(-p)).append("</HashCrc64ecma></Part>");
        }
        return sb.append("</ListPartsResult>").toString();
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void listParts_threePages_followsTheMarkersToTheEnd(Style style) {
        String base = style.path("dir/obj.bin") + "?uploadId=" + UPLOAD_ID;
        server.stubFor(get(urlEqualTo(base)).willReturn(aResponse().withStatus(200).withBody(listPage(true, 2, 1, 2))));
        server.stubFor(get(urlEqualTo(base + "&part-number-marker=2"))
                .willReturn(aResponse().withStatus(200).withBody(listPage(true, 4, 3, 4))));
        server.stubFor(get(urlEqualTo(base + "&part-number-marker=4"))
                .willReturn(aResponse().withStatus(200).withBody(listPage(false, 0, 6))));

        List<PartReceipt> parts;
        try (HttpObjectStorage storage = style.storage()) {
            parts = storage.listParts(style.target("dir/obj.bin"), WireSupport.STS, UPLOAD_ID);
        }

        assertThat(parts).extracting(PartReceipt::partNumber).containsExactly(1, 2, 3, 4, 6);
        assertThat(parts.get(2)).isEqualTo(PartReceipt.of(3, "ETAG-3", 102403, -3L));
        List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).extracting(LoggedRequest::getUrl)
                .containsExactly(base, base + "&part-number-marker=2", base + "&part-number-marker=4");
        for (LoggedRequest r : requests) {
            assertThat(r.getMethod().getName()).isEqualTo("GET");
            assertCommonHeaders(r, style, WireSupport.STS);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Style.class, names = {"V1_PATH", "V4_PATH"})
    void listParts_noParts_isEmpty(Style style) {
        server.stubFor(get(urlEqualTo(style.path("k") + "?uploadId=U"))
                .willReturn(aResponse().withStatus(200).withBody("<ListPartsResult><IsTruncated>false</IsTruncated>"
                        + "</ListPartsResult>")));

        try (HttpObjectStorage storage = style.storage()) {
            assertThat(storage.listParts(style.target("k"), WireSupport.STS, "U")).isEmpty();
        }
    }

    // ---- CompleteMultipartUpload -------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Style.class)
    void completeMultipart_partsOutOfOrder_sendsAscendingXmlWithQuotedEtagsAndMetadata(Style style) {
        server.stubFor(post(urlEqualTo(style.path("dir/obj.bin") + "?uploadId=" + UPLOAD_ID))
                .willReturn(aResponse().withStatus(200).withHeader("x-oss-hash-crc64ecma", "11051210869376104954")
                        .withHeader("x-oss-request-id", "REQ-COMPLETE")
                        .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CompleteMultipartUploadResult>"
                                + "<Location>http://x/dir/obj.bin</Location><Bucket>" + BUCKET + "</Bucket>"
                                + "<Key>dir/obj.bin</Key><ETag>\"097DE458AD02B5F89F9D0530231876D9-3\"</ETag>"
                                + "</CompleteMultipartUploadResult>")));
        List<PartReceipt> parts = List.of(PartReceipt.of(5, "\"E5\"", 100, 1), PartReceipt.of(1, "E1", 102400, 2),
                PartReceipt.of(2, "E2", 102400, 3));
        ObjectMetadata metadata = new ObjectMetadata(Optional.of("ignored/type"),
                Map.of("x-oss-notification", "eyJhIjoxfQ=="));

        ObjectReceipt receipt;
        try (HttpObjectStorage storage = style.storage()) {
            receipt = storage.completeMultipart(style.target("dir/obj.bin"), WireSupport.STS, UPLOAD_ID, parts, metadata);
        }

        assertThat(receipt.etag()).isEqualTo("097DE458AD02B5F89F9D0530231876D9-3");
        assertThat(receipt.crc64()).hasValue(0x995DC9BBDF1939FAL);
        assertThat(receipt.requestId()).contains("REQ-COMPLETE");
        LoggedRequest r = onlyRequest();
        assertThat(r.getMethod().getName()).isEqualTo("POST");
        assertThat(r.getUrl()).isEqualTo(style.path("dir/obj.bin") + "?uploadId=" + UPLOAD_ID);
        assertThat(r.getHeader("Content-Type")).isEqualTo("application/xml");
        assertThat(r.getHeader("x-oss-notification")).isEqualTo("eyJhIjoxfQ==");
        assertThat(r.containsHeader("Transfer-Encoding")).isFalse();
        assertThat(equalToXml("<CompleteMultipartUpload>"
                + "<Part><PartNumber>1</PartNumber><ETag>\"E1\"</ETag></Part>"
                + "<Part><PartNumber>2</PartNumber><ETag>\"E2\"</ETag></Part>"
                + "<Part><PartNumber>5</PartNumber><ETag>\"E5\"</ETag></Part>"
                + "</CompleteMultipartUpload>").match(r.getBodyAsString()).isExactMatch())
                .as(r.getBodyAsString()).isTrue();
        assertThat(r.getBodyAsString()).contains("<Part><PartNumber>1</PartNumber><ETag>\"E1\"</ETag></Part>"
                + "<Part><PartNumber>2</PartNumber>");
        assertCommonHeaders(r, style, WireSupport.STS);
    }

    // ---- AbortMultipartUpload ----------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Style.class)
    void abortMultipart_sendsSignedDelete(Style style) {
        server.stubFor(delete(urlEqualTo(style.path("dir/obj.bin") + "?uploadId=" + UPLOAD_ID))
                .willReturn(aResponse().withStatus(204)));

        try (HttpObjectStorage storage = style.storage()) {
            storage.abortMultipart(style.target("dir/obj.bin"), WireSupport.STS, UPLOAD_ID);
        }

        LoggedRequest r = onlyRequest();
        assertThat(r.getMethod().getName()).isEqualTo("DELETE");
        assertThat(r.getUrl()).isEqualTo(style.path("dir/obj.bin") + "?uploadId=" + UPLOAD_ID);
        assertCommonHeaders(r, style, WireSupport.STS);
    }

    // ---- PutObject ---------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Style.class)
    void putObject_emptyFile_sendsContentLengthZeroNotChunked(Style style) throws IOException {
        Path file = Files.createFile(java.nio.file.Files.createTempDirectory("empty").resolve("empty.bin"));
        server.stubFor(put(urlEqualTo(style.path("empty.bin"))).willReturn(aResponse().withStatus(200)
                .withHeader("ETag", "\"D41D8CD98F00B204E9800998ECF8427E\"").withHeader("x-oss-hash-crc64ecma", "0")));

        ObjectReceipt receipt;
        try (HttpObjectStorage storage = style.storage()) {
            receipt = storage.putObject(style.target("empty.bin"), WireSupport.STS, new FileRegion(file, 0, 0),
                    ObjectMetadata.EMPTY, TransferListener.NONE);
        }

        assertThat(receipt.crc64()).hasValue(0L);
        LoggedRequest r = onlyRequest();
        assertThat(r.getHeader("Content-Length")).isEqualTo("0");
        assertThat(r.containsHeader("Transfer-Encoding")).isFalse();
        assertThat(r.getBody()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void putObject_wholeFile_sendsBodyContentTypeAndMetadata(Style style) throws IOException {
        Path file = randomFile(70_000);
        byte[] all = Files.readAllBytes(file);
        server.stubFor(put(urlEqualTo(style.path("img/cover.png"))).willReturn(aResponse().withStatus(200)
                .withHeader("ETag", "\"D41D8CD98F00B204E9800998ECF8427E\"").withHeader("x-oss-request-id", "REQ-PUT")
                .withHeader("x-oss-hash-crc64ecma", Crc64.toUnsignedString(Crc64.of(all)))));
        ObjectMetadata metadata = new ObjectMetadata(Optional.of("image/png"), Map.of("x-oss-meta-title", "cover"));
        AtomicLong reported = new AtomicLong();

        ObjectReceipt receipt;
        try (HttpObjectStorage storage = style.storage()) {
            receipt = storage.putObject(style.target("img/cover.png"), WireSupport.STS, new FileRegion(file, 0, all.length),
                    metadata, reported::addAndGet);
        }

        assertThat(receipt).isEqualTo(new ObjectReceipt("D41D8CD98F00B204E9800998ECF8427E",
                java.util.OptionalLong.of(Crc64.of(all)), Optional.of("REQ-PUT")));
        assertThat(reported).hasValue(all.length);
        LoggedRequest r = onlyRequest();
        assertThat(r.getMethod().getName()).isEqualTo("PUT");
        assertThat(r.getUrl()).isEqualTo(style.path("img/cover.png"));
        assertThat(r.getHeader("Content-Type")).isEqualTo("image/png");
        assertThat(r.getHeader("Content-Length")).isEqualTo(Integer.toString(all.length));
        assertThat(r.containsHeader("Transfer-Encoding")).isFalse();
        assertThat(r.getHeader("x-oss-meta-title")).isEqualTo("cover");
        assertThat(r.getBody()).isEqualTo(all);
        assertThat(r.getHeader("Content-MD5")).isEqualTo(md5(all));
        assertCommonHeaders(r, style, WireSupport.STS);
    }

    // ---- HeadObject --------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Style.class)
    void headObject_existing_readsLengthEtagAndCrc(Style style) {
        server.stubFor(head(urlEqualTo(style.path("dir/obj.bin"))).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Length", "344606").withHeader("ETag", "\"5B3C1A2E053D763E1B002CC607C5A0FE-3\"")
                .withHeader("x-oss-object-type", "Multipart")
                .withHeader("x-oss-hash-crc64ecma", "4116537408385638600")));

        Optional<ObjectInfo> info;
        try (HttpObjectStorage storage = style.storage()) {
            info = storage.headObject(style.target("dir/obj.bin"), WireSupport.STS);
        }

        assertThat(info).contains(new ObjectInfo(344606, "5B3C1A2E053D763E1B002CC607C5A0FE-3",
                java.util.OptionalLong.of(0x3920E0F66B6EE0C8L)));
        LoggedRequest r = onlyRequest();
        assertThat(r.getMethod().getName()).isEqualTo("HEAD");
        assertThat(r.getUrl()).isEqualTo(style.path("dir/obj.bin"));
        assertCommonHeaders(r, style, WireSupport.STS);
    }

    @ParameterizedTest
    @EnumSource(value = Style.class, names = {"V1_PATH", "V4_VIRTUAL"})
    void headObject_missing_isEmpty(Style style) {
        server.stubFor(head(urlEqualTo(style.path("nope"))).willReturn(aResponse().withStatus(404)
                .withHeader("x-oss-request-id", "REQ-404")));

        try (HttpObjectStorage storage = style.storage()) {
            assertThat(storage.headObject(style.target("nope"), WireSupport.STS)).isEmpty();
        }
    }
}
