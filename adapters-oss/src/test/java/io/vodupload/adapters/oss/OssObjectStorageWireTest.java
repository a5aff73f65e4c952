package io.vodupload.adapters.oss;

import io.vodupload.adapters.oss.ScriptedServer.Response;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageException.Kind;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Wire-level cases against a scripted loopback server: what goes out (headers, Complete body, ListParts
 * paging) and how odd answers (a wrong CRC, an HTML 502, an error echoing the token) come back.
 */
class OssObjectStorageWireTest {

    private static final String SECRET = "wire-secret-value";
    private static final String TOKEN = "wire-token-value";
    private static final Credentials CREDS = Credentials.sts("STS.wire", SECRET, TOKEN, null);

    @TempDir
    Path dir;

    private ScriptedServer server;
    private OssObjectStorage storage;
    private StorageTarget target;

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedServer();
        storage = OssObjectStorage.create();
        target = StorageTarget.of(server.endpoint().toString(), "media", "dir/clip.mp4");
    }

    @AfterEach
    void stop() {
        storage.close();
        server.close();
    }

    private Path file(int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve("f" + size + ".bin"), bytes);
    }

    private static FileRegion whole(Path p) throws IOException {
        return new FileRegion(p.toAbsolutePath(), 0, Files.size(p));
    }

    @Test
    void uploadPart_request_pathStyleV1WithTokenLengthAndNoSecret() throws IOException {
        Path body = file(5000);
        long crc = Crc64.of(Files.readAllBytes(body));
        server.then(Response.of(200, "", "ETag", "\"ABC\"", "x-oss-hash-crc64ecma", Long.toUnsignedString(crc),
                "x-oss-request-id", "R1"));

        PartReceipt receipt = storage.uploadPart(target, CREDS, "UP1", 3, whole(body), TransferListener.NONE);

        ScriptedServer.Recorded sent = server.requests().get(0);
        assertThat(sent.method()).isEqualTo("PUT");
        assertThat(sent.uri().getRawPath()).isEqualTo("/media/dir/clip.mp4");
        assertThat(sent.uri().getRawQuery()).contains("partNumber=3", "uploadId=UP1");
        assertThat(sent.header("authorization")).startsWith("OSS STS.wire:");
        assertThat(sent.header("x-oss-security-token")).isEqualTo(TOKEN);
        assertThat(sent.header("content-length")).isEqualTo("5000");
        assertThat(sent.header("transfer-encoding")).isNull();
        assertThat(sent.headers().toString()).doesNotContain(SECRET);
        assertThat(sent.body()).isEqualTo(Files.readAllBytes(body));
        assertThat(receipt).isEqualTo(PartReceipt.of(3, "ABC", 5000, crc));
    }

    @Test
    void uploadPart_serverReportsOtherCrc_retryablePartCrcMismatch() throws IOException {
        Path body = file(3000);
        server.then(Response.of(200, "", "ETag", "\"ABC\"", "x-oss-hash-crc64ecma", "12345",
                "x-oss-request-id", "R-CRC"));

        StorageException e = catchThrowableOfType(StorageException.class, () ->
                storage.uploadPart(target, CREDS, "UP1", 1, whole(body), TransferListener.NONE));

        assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(e.errorCode()).isEqualTo("PartCrcMismatch");
        assertThat(e.requestId()).hasValue("R-CRC");
        assertThat(e.httpStatus()).hasValue(200);
    }

    @Test
    void uploadPart_serverSendsNoCrc_receiptHasTheCrcOfTheBytesSent() throws IOException {
        Path body = file(2000);
        server.then(Response.of(200, "", "ETag", "\"E\""));

        PartReceipt receipt = storage.uploadPart(target, CREDS, "UP1", 1, new FileRegion(body, 100, 1000),
                TransferListener.NONE);

        assertThat(receipt.crc64()).hasValue(Crc64.of(Files.readAllBytes(body), 100, 1000));
        assertThat(receipt.size()).isEqualTo(1000);
    }

    @Test
    void putObject_htmlBadGateway_retryableWithStatus() throws IOException {
        Path body = file(100);
        server.then(Response.of(502, "<html><body>Bad Gateway</body></html>", "Content-Type", "text/html"));

        StorageException e = catchThrowableOfType(StorageException.class, () ->
                storage.putObject(target, CREDS, whole(body), ObjectMetadata.EMPTY, TransferListener.NONE));

        assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(e.errorCode()).isEqualTo("BadGateway");
        assertThat(e.httpStatus()).hasValue(502);
        OssErrorsTest.assertNoSdkTypeOrSecretInChain(e);
    }

    @Test
    void anyCall_errorEchoesTokenAndSecret_neitherInExceptionNorSdkLog() throws IOException {
        server.then(Response.error(403, "SecurityTokenExpired", "The security token you provided has expired: "
                + TOKEN + " " + SECRET, "<SecurityToken>" + TOKEN + "</SecurityToken>"));
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger sdkLogger = Logger.getLogger("com.aliyun.oss");
        Level before = sdkLogger.getLevel();
        sdkLogger.setLevel(Level.ALL);
        sdkLogger.addHandler(capture);
        StorageException e;
        try {
            // proves the capture sees what the SDK logs, so an empty capture below means "nothing logged"
            com.aliyun.oss.common.utils.LogUtils.getLog().warn("capture probe");
            e = catchThrowableOfType(StorageException.class, () ->
                    storage.initiateMultipart(target, CREDS, ObjectMetadata.EMPTY));
        } finally {
            sdkLogger.removeHandler(capture);
            sdkLogger.setLevel(before);
        }

        assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS_EXPIRED);
        assertThat(e.httpStatus()).hasValue(403);
        assertThat(e.toString()).doesNotContain(TOKEN).doesNotContain(SECRET).contains("***");
        OssErrorsTest.assertNoSdkTypeOrSecretInChain(e);
        assertThat(logged).anyMatch(line -> line.contains("capture probe"));
        assertThat(String.join("\n", logged)).doesNotContain(TOKEN).doesNotContain(SECRET);
    }

    @Test
    void listParts_twoPages_followsTheMarkerAndKeepsEveryCrc() {
        server.then(Response.of(200, listPage(false, 1, 2), "Content-Type", "application/xml"))
                .then(Response.of(200, listPage(true, 5), "Content-Type", "application/xml"));

        List<PartReceipt> parts = storage.listParts(target, CREDS, "UP1");

        assertThat(parts).extracting(PartReceipt::partNumber).containsExactly(1, 2, 5);
        assertThat(parts).allSatisfy(p -> assertThat(p.crc64()).hasValue(1000L + p.partNumber()));
        List<ScriptedServer.Recorded> sent = server.requests();
        assertThat(sent.get(0).uri().getRawQuery()).contains("uploadId=UP1", "max-parts=1000")
                .doesNotContain("part-number-marker");
        assertThat(sent.get(1).uri().getRawQuery()).contains("part-number-marker=2");
    }

    @Test
    void listParts_truncatedWithoutProgress_failsInsteadOfLooping() {
        server.then(Response.of(200, listPage(false, 1), "Content-Type", "application/xml"))
                .then(Response.of(200, listPage(false, 1), "Content-Type", "application/xml"));

        StorageException e = catchThrowableOfType(StorageException.class, () ->
                storage.listParts(target, CREDS, "UP1"));

        assertThat(e.errorCode()).isEqualTo("InvalidResponse");
        assertThat(server.requests()).hasSize(2);
    }

    private static String listPage(boolean last, int... numbers) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListPartsResult>"
                + "<Bucket>media</Bucket><Key>dir/clip.mp4</Key><UploadId>UP1</UploadId>"
                + "<NextPartNumberMarker>" + numbers[numbers.length - 1] + "</NextPartNumberMarker>"
                + "<MaxParts>1000</MaxParts><IsTruncated>" + !last + "</IsTruncated>");
        for (int n : numbers) {
            sb.append("<Part><PartNumber>").append(n).append("</PartNumber>")
                    .append("<LastModified>2024-01-01T00:00:00.000Z</LastModified>")
                    .append("<ETag>\"E").append(n).append("\"</ETag><Size>").append(100 + n).append("</Size>")
                    .append("<HashCrc64ecma>").append(1000 + n).append("</HashCrc64ecma></Part>");
        }
        return sb.append("</ListPartsResult>").toString();
    }

    @Test
    void completeMultipart_partsOutOfOrder_sentAscendingWithMetadataHeaders() {
        server.then(Response.of(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CompleteMultipartUploadResult>"
                        + "<Location>l</Location><Bucket>media</Bucket><Key>dir/clip.mp4</Key><ETag>\"M-3\"</ETag>"
                        + "</CompleteMultipartUploadResult>", "Content-Type", "application/xml",
                "x-oss-hash-crc64ecma", "18446744073709551615", "x-oss-request-id", "R-C"));
        List<PartReceipt> parts = List.of(PartReceipt.of(3, "C", 10, 3), PartReceipt.of(1, "A", 10, 1),
                PartReceipt.of(2, "B", 10, 2));
        ObjectMetadata metadata = new ObjectMetadata(Optional.empty(),
                Map.of("x-oss-notification", "eyJDYWxsYmFjayI6MX0=", "x-oss-meta-origin", "test"));

        var receipt = storage.completeMultipart(target, CREDS, "UP1", parts, metadata);

        ScriptedServer.Recorded sent = server.requests().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.uri().getRawQuery()).isEqualTo("uploadId=UP1");
        assertThat(sent.header("x-oss-notification")).isEqualTo("eyJDYWxsYmFjayI6MX0=");
        assertThat(sent.header("x-oss-meta-origin")).isEqualTo("test");
        String xml = sent.bodyText();
        assertThat(xml.indexOf("<PartNumber>1</PartNumber>")).isLessThan(xml.indexOf("<PartNumber>2</PartNumber>"));
        assertThat(xml.indexOf("<PartNumber>2</PartNumber>")).isLessThan(xml.indexOf("<PartNumber>3</PartNumber>"));
        assertThat(receipt.etag()).isEqualTo("M-3");
        assertThat(receipt.crc64()).hasValue(-1L);
        assertThat(receipt.requestId()).hasValue("R-C");
    }

    @Test
    void completeMultipart_200WithErrorBody_translatedByItsCode() {
        server.then(Response.of(200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InternalError</Code>"
                + "<Message>We encountered an internal error. Please try again.</Message>"
                + "<RequestId>R-200</RequestId><HostId>h</HostId></Error>", "Content-Type", "application/xml",
                "x-oss-request-id", "R-200"));

        StorageException e = catchThrowableOfType(StorageException.class, () -> storage.completeMultipart(target,
                CREDS, "UP1", List.of(PartReceipt.of(1, "A", 10, 1)), ObjectMetadata.EMPTY));

        assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(e.errorCode()).isEqualTo("InternalError");
        assertThat(e.httpStatus()).hasValue(200);
        assertThat(e.requestId()).hasValue("R-200");
    }

    @Test
    void headObject_noSuchBucket404_isAnErrorNotEmpty() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchBucket</Code>"
                + "<Message>The specified bucket does not exist.</Message><RequestId>R-NB</RequestId></Error>";
        server.then(Response.of(404, "", "x-oss-request-id", "R-NB", "x-oss-err",
                java.util.Base64.getEncoder().encodeToString(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8))));

        StorageException e = catchThrowableOfType(StorageException.class, () -> storage.headObject(target, CREDS));

        assertThat(e.kind()).isEqualTo(Kind.FATAL);
        assertThat(e.errorCode()).isEqualTo("NoSuchBucket");
        assertThat(e.httpStatus()).hasValue(404);
    }

    @Test
    void headObject_404_emptyAndHeadersRead() {
        server.then(Response.of(404, "", "x-oss-request-id", "R-404"))
                .then(Response.of(200, "", "ETag", "\"E1\"", "x-oss-hash-crc64ecma", "77",
                        "Content-Length", "0"));

        assertThat(storage.headObject(target, CREDS)).isEmpty();
        assertThat(storage.headObject(target, CREDS)).get().satisfies(info -> {
            assertThat(info.etag()).isEqualTo("E1");
            assertThat(info.crc64()).hasValue(77L);
        });
    }

    @Test
    void abortMultipart_noSuchUpload_notAnError() {
        server.then(Response.error(404, "NoSuchUpload", "The specified upload does not exist.", ""));

        storage.abortMultipart(target, CREDS, "GONE");

        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("DELETE");
            assertThat(r.uri().getRawQuery()).isEqualTo("uploadId=GONE");
        });
    }

    @Test
    void anyCall_afterClose_fatalStorageClosed() {
        storage.close();

        StorageException e = catchThrowableOfType(StorageException.class, () -> storage.headObject(target, CREDS));

        assertThat(e.kind()).isEqualTo(Kind.FATAL);
        assertThat(e.errorCode()).isEqualTo("StorageClosed");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void uploadPart_fileMissing_fatalLocalFileErrorWithoutRequest() {
        StorageException e = catchThrowableOfType(StorageException.class, () -> storage.uploadPart(target, CREDS,
                "UP1", 1, new FileRegion(dir.resolve("gone.bin").toAbsolutePath(), 0, 10), TransferListener.NONE));

        assertThat(e.kind()).isEqualTo(Kind.FATAL);
        assertThat(e.errorCode()).isEqualTo("LocalFileError");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void uploadPart_fileShorterThanRegion_fatalLocalFileError() throws IOException {
        Path body = file(1000);

        StorageException e = catchThrowableOfType(StorageException.class, () -> storage.uploadPart(target, CREDS,
                "UP1", 1, new FileRegion(body.toAbsolutePath(), 0, 5000), TransferListener.NONE));

        assertThat(e.kind()).isEqualTo(Kind.FATAL);
        assertThat(e.errorCode()).isEqualTo("LocalFileError");
        OssErrorsTest.assertNoSdkTypeOrSecretInChain(e);
    }
}
