package io.vodupload.testkit.oss;

import static io.vodupload.testkit.oss.RawOssClient.completeXml;
import static io.vodupload.testkit.oss.RawOssClient.errorCode;
import static io.vodupload.testkit.oss.RawOssClient.etag;
import static io.vodupload.testkit.oss.RawOssClient.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.Crc64;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server's OSS behaviour as a raw HTTP client sees it: addressing, ETags, CRCs, multipart rules, errors. */
class OssServerProtocolTest {

    static final String BUCKET = "media";
    static final int KIB = 1024;

    OssServer server;
    RawOssClient client;

    @BeforeEach
    void start() {
        server = OssServer.builder().bucket(BUCKET).credentials(OssCredentials.of("ak", "sk")).start();
        client = new RawOssClient(server, BUCKET);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String md5Etag(byte[] data) throws Exception {
        return "\"" + OssCodec.hexUpper(MessageDigest.getInstance("MD5").digest(data)) + "\"";
    }

    @ParameterizedTest(name = "key [{0}]")
    @ValueSource(strings = {"plain.mp4", "with space.mp4", "a+b.mp4", "100%.mp4", "視頻/ü é.mp4", "dir/sub/x.bin", "q?&=#.bin"})
    void putObject_keyNeedingEncoding_getAndHeadFindTheSameObject(String key) throws Exception {
        byte[] data = random(3000, key.hashCode());

        HttpResponse<byte[]> put = client.put(key, data);
        HttpResponse<byte[]> get = client.get(key);
        HttpResponse<byte[]> head = client.head(key);

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(etag(put)).isEqualTo(md5Etag(data));
        assertThat(put.headers().firstValue("x-oss-hash-crc64ecma")).contains(Long.toUnsignedString(Crc64.of(data)));
        assertThat(put.headers().firstValue("x-oss-request-id")).hasValueSatisfying(id -> assertThat(id).hasSize(24));
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(data);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).contains("3000");
        assertThat(head.headers().firstValue("x-oss-object-type")).contains("Normal");
        assertThat(head.headers().firstValue("ETag")).contains(md5Etag(data));
        assertThat(server.object(BUCKET, key)).hasValueSatisfying(o -> assertThat(o.bytes()).isEqualTo(data));
    }

    @Test
    void headObject_missingKey_is404WithoutBodyAndTheErrorInXOssErr() throws Exception {
        HttpResponse<byte[]> head = client.head("missing");

        assertThat(head.statusCode()).isEqualTo(404);
        assertThat(head.body()).isEmpty();
        String xml = new String(Base64.getDecoder().decode(head.headers().firstValue("x-oss-err").orElseThrow()), StandardCharsets.UTF_8);
        assertThat(xml).contains("<Code>NoSuchKey</Code>");
        assertThat(head.headers().firstValue("x-oss-request-id")).isPresent();
    }

    @Test
    void getObject_missingKey_isErrorXmlWithTheResponsesRequestId() throws Exception {
        HttpResponse<byte[]> get = client.get("missing");

        assertThat(get.statusCode()).isEqualTo(404);
        assertThat(errorCode(get)).isEqualTo("NoSuchKey");
        assertThat(xpath(get.body(), "/Error/RequestId")).isEqualTo(get.headers().firstValue("x-oss-request-id").orElseThrow());
        assertThat(xpath(get.body(), "/Error/HostId")).isEqualTo(BUCKET + ".127.0.0.1");
        assertThat(get.headers().firstValue("Content-Type")).contains("application/xml");
    }

    @Test
    void request_unknownBucket_isNoSuchBucket() throws Exception {
        RawOssClient other = new RawOssClient(server, "other-bucket");

        HttpResponse<byte[]> r = other.put("k", new byte[1]);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(errorCode(r)).isEqualTo("NoSuchBucket");
    }

    @Test
    void request_anonymous_isAccessDenied() throws Exception {
        client.credentials("ak", null, null);

        HttpResponse<byte[]> r = client.put("k", new byte[1]);

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(errorCode(r)).isEqualTo("AccessDenied");
        assertThat(server.object(BUCKET, "k")).isEmpty();
    }

    @Test
    void request_virtualHostedStyle_addressesTheBucketFromTheHost() throws Exception {
        byte[] data = "virtual".getBytes(StandardCharsets.UTF_8);
        client.put("dir/v x.txt", data);
        String date = RawOssClient.HTTP_DATE.format(java.time.Instant.now());
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec("sk".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(
                mac.doFinal(("GET\n\n\n" + date + "\n/media/dir/v x.txt").getBytes(StandardCharsets.UTF_8)));

        String response;
        try (Socket socket = new Socket(server.endpoint().getHost(), server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /dir/v%20x.txt HTTP/1.1\r\nHost: media.localhost:" + server.port() + "\r\nDate: " + date
                    + "\r\nAuthorization: OSS ak:" + signature + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }

        assertThat(response).startsWith("HTTP/1.1 200").endsWith("virtual");
    }

    @Test
    void multipart_threeParts_completesWithOssEtagAndCombinedCrc() throws Exception {
        byte[] p1 = random(100 * KIB, 1);
        byte[] p2 = random(150 * KIB, 2);
        byte[] p3 = random(7, 3);
        String id = client.initiate("video.mp4");

        HttpResponse<byte[]> r1 = client.uploadPart("video.mp4", id, 1, p1);
        HttpResponse<byte[]> r2 = client.uploadPart("video.mp4", id, 2, p2);
        HttpResponse<byte[]> r3 = client.uploadPart("video.mp4", id, 3, p3);
        HttpResponse<byte[]> done = client.complete("video.mp4", id, completeXml(1, etag(r1), 2, etag(r2), 3, etag(r3)));

        assertThat(r2.statusCode()).isEqualTo(200);
        assertThat(etag(r2)).isEqualTo(md5Etag(p2));
        assertThat(r2.headers().firstValue("x-oss-hash-crc64ecma")).contains(Long.toUnsignedString(Crc64.of(p2)));
        assertThat(done.statusCode()).isEqualTo(200);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        for (byte[] p : new byte[][] {p1, p2, p3}) {
            md5.update(MessageDigest.getInstance("MD5").digest(p));
        }
        String expectedEtag = "\"" + OssCodec.hexUpper(md5.digest()) + "-3\"";
        assertThat(xpath(done.body(), "/CompleteMultipartUploadResult/ETag")).isEqualTo(expectedEtag);
        assertThat(xpath(done.body(), "/CompleteMultipartUploadResult/Key")).isEqualTo("video.mp4");
        long crc = Crc64.combine(Crc64.combine(Crc64.of(p1), Crc64.of(p2), p2.length), Crc64.of(p3), p3.length);
        assertThat(done.headers().firstValue("x-oss-hash-crc64ecma")).contains(Long.toUnsignedString(crc));
        byte[] whole = new byte[p1.length + p2.length + p3.length];
        System.arraycopy(p1, 0, whole, 0, p1.length);
        System.arraycopy(p2, 0, whole, p1.length, p2.length);
        System.arraycopy(p3, 0, whole, p1.length + p2.length, p3.length);
        assertThat(client.get("video.mp4").body()).isEqualTo(whole);
        assertThat(Crc64.of(whole)).isEqualTo(crc);
        assertThat(client.head("video.mp4").headers().firstValue("x-oss-object-type")).contains("Multipart");
        assertThat(server.uploadIds()).doesNotContain(id);
    }

    @Test
    void listParts_maxParts2_paginatesWithNextPartNumberMarker() throws Exception {
        String id = client.initiate("k");
        for (int n : new int[] {1, 2, 5}) {
            client.uploadPart("k", id, n, random(10, n));
        }

        HttpResponse<byte[]> first = client.listParts("k", id, "max-parts=2");
        HttpResponse<byte[]> second = client.listParts("k", id, "max-parts=2&part-number-marker="
                + xpath(first.body(), "/ListPartsResult/NextPartNumberMarker"));

        assertThat(xpath(first.body(), "/ListPartsResult/IsTruncated")).isEqualTo("true");
        assertThat(xpath(first.body(), "/ListPartsResult/NextPartNumberMarker")).isEqualTo("2");
        assertThat(xpath(first.body(), "count(/ListPartsResult/Part)")).isEqualTo("2");
        assertThat(xpath(second.body(), "/ListPartsResult/IsTruncated")).isEqualTo("false");
        assertThat(xpath(second.body(), "/ListPartsResult/Part/PartNumber")).isEqualTo("5");
        assertThat(xpath(second.body(), "/ListPartsResult/Part/Size")).isEqualTo("10");
        assertThat(xpath(second.body(), "/ListPartsResult/Part/HashCrc64ecma")).isEqualTo(Long.toUnsignedString(Crc64.of(random(10, 5))));
        assertThat(xpath(second.body(), "/ListPartsResult/Part/ETag")).isEqualTo(md5Etag(random(10, 5)));
    }

    @Test
    void listParts_encodingTypeUrl_encodesTheKey() throws Exception {
        String id = client.initiate("a b+c");

        HttpResponse<byte[]> list = client.listParts("a b+c", id, "encoding-type=url");

        assertThat(xpath(list.body(), "/ListPartsResult/Key")).isEqualTo("a%20b%2Bc");
        assertThat(xpath(list.body(), "/ListPartsResult/EncodingType")).isEqualTo("url");
    }

    @Test
    void listParts_maxPartsOutOfRange_isInvalidArgument() throws Exception {
        String id = client.initiate("k");

        assertThat(client.listParts("k", id, "max-parts=1001").statusCode()).isEqualTo(400);
        assertThat(errorCode(client.listParts("k", id, "max-parts=x"))).isEqualTo("InvalidArgument");
    }

    @Test
    void complete_partsOutOfOrder_isInvalidPartOrder() throws Exception {
        String id = client.initiate("k");
        String e1 = etag(client.uploadPart("k", id, 1, random(100 * KIB, 1)));
        String e2 = etag(client.uploadPart("k", id, 2, random(10, 2)));

        HttpResponse<byte[]> r = client.complete("k", id, completeXml(2, e2, 1, e1));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(errorCode(r)).isEqualTo("InvalidPartOrder");
        assertThat(server.uploadIds()).contains(id);
    }

    @Test
    void complete_wrongEtag_isInvalidPart() throws Exception {
        String id = client.initiate("k");
        client.uploadPart("k", id, 1, random(10, 1));

        HttpResponse<byte[]> r = client.complete("k", id, completeXml(1, "\"0123456789ABCDEF0123456789ABCDEF\""));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(errorCode(r)).isEqualTo("InvalidPart");
    }

    @Test
    void complete_missingPart_isInvalidPart() throws Exception {
        String id = client.initiate("k");
        String e1 = etag(client.uploadPart("k", id, 1, random(10, 1)));

        HttpResponse<byte[]> r = client.complete("k", id, completeXml(1, e1, 2, e1));

        assertThat(errorCode(r)).isEqualTo("InvalidPart");
    }

    @Test
    void complete_nonLastPartUnder100KiB_isEntityTooSmall() throws Exception {
        String id = client.initiate("k");
        String e1 = etag(client.uploadPart("k", id, 1, random(100 * KIB - 1, 1)));
        String e2 = etag(client.uploadPart("k", id, 2, random(10, 2)));

        HttpResponse<byte[]> r = client.complete("k", id, completeXml(1, e1, 2, e2));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(errorCode(r)).isEqualTo("EntityTooSmall");
    }

    @Test
    void complete_unknownUploadId_isNoSuchUpload() throws Exception {
        HttpResponse<byte[]> r = client.complete("k", "0123456789ABCDEF0123456789ABCDEF", completeXml(1, "\"x\""));

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(errorCode(r)).isEqualTo("NoSuchUpload");
    }

    @Test
    void complete_malformedBody_isMalformedXml() throws Exception {
        String id = client.initiate("k");

        HttpResponse<byte[]> r = client.complete("k", id, "<CompleteMultipartUpload><Part>");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(errorCode(r)).isEqualTo("MalformedXML");
    }

    @Test
    void complete_completeAllHeader_usesEveryUploadedPart() throws Exception {
        String id = client.initiate("k");
        byte[] p1 = random(100 * KIB, 1);
        byte[] p2 = random(5, 2);
        client.uploadPart("k", id, 1, p1);
        client.uploadPart("k", id, 2, p2);

        HttpResponse<byte[]> r = client.send("POST", "k", "uploadId=" + id, Map.of("x-oss-complete-all", "yes"), null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(server.object(BUCKET, "k").orElseThrow().length()).isEqualTo(p1.length + p2.length);
    }

    @Test
    void complete_twice_secondIsNoSuchUpload() throws Exception {
        String id = client.initiate("k");
        String e1 = etag(client.uploadPart("k", id, 1, random(10, 1)));

        assertThat(client.complete("k", id, completeXml(1, e1)).statusCode()).isEqualTo(200);
        assertThat(errorCode(client.complete("k", id, completeXml(1, e1)))).isEqualTo("NoSuchUpload");
    }

    @Test
    void abort_thenListParts_isNoSuchUpload() throws Exception {
        String id = client.initiate("k");
        client.uploadPart("k", id, 1, random(10, 1));

        HttpResponse<byte[]> abort = client.abort("k", id);

        assertThat(abort.statusCode()).isEqualTo(204);
        assertThat(abort.headers().firstValue("x-oss-request-id")).isPresent();
        assertThat(errorCode(client.listParts("k", id, null))).isEqualTo("NoSuchUpload");
        assertThat(client.abort("k", id).statusCode()).isEqualTo(404);
    }

    @Test
    void uploadPart_sameNumberTwice_overwritesAndCountsTwoAttempts() throws Exception {
        String id = client.initiate("k");
        client.uploadPart("k", id, 1, random(10, 1));
        String e = etag(client.uploadPart("k", id, 1, random(20, 2)));

        HttpResponse<byte[]> list = client.listParts("k", id, null);

        assertThat(xpath(list.body(), "/ListPartsResult/Part/Size")).isEqualTo("20");
        assertThat(xpath(list.body(), "/ListPartsResult/Part/ETag")).isEqualTo(e);
        assertThat(server.stats().partAttempts(id, 1)).isEqualTo(2);
    }

    @ParameterizedTest(name = "partNumber={0}")
    @ValueSource(strings = {"0", "10001", "x", "-1"})
    void uploadPart_partNumberOutside1To10000_isInvalidArgument(String partNumber) throws Exception {
        String id = client.initiate("k");

        HttpResponse<byte[]> r = client.send("PUT", "k", "partNumber=" + partNumber + "&uploadId=" + id, Map.of(), new byte[3]);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(errorCode(r)).isEqualTo("InvalidArgument");
        assertThat(xpath(r.body(), "/Error/EC")).isEqualTo("0017-00000220");
        assertThat(r.headers().firstValue("x-oss-ec")).contains("0017-00000220");
    }

    @Test
    void uploadPart_chunkedWithoutLength_isMissingContentLength() throws Exception {
        String id = client.initiate("k");
        HttpRequest chunked = client.build("PUT", "k", "partNumber=1&uploadId=" + id, Map.of(),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(random(5000, 1))));

        HttpResponse<byte[]> r = client.send(chunked);

        assertThat(r.statusCode()).isEqualTo(411);
        assertThat(errorCode(r)).isEqualTo("MissingContentLength");
        assertThat(server.partNumbers(id)).hasValueSatisfying(parts -> assertThat(parts).isEmpty());
        // the connection stays usable: the server read the whole chunked body before answering
        assertThat(client.uploadPart("k", id, 1, random(10, 1)).statusCode()).isEqualTo(200);
    }

    @Test
    void putObject_chunked_isAccepted() throws Exception {
        byte[] data = random(70_000, 9);
        HttpRequest chunked = client.build("PUT", "chunked", null, Map.of(),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(data)));

        HttpResponse<byte[]> r = client.send(chunked);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(server.object(BUCKET, "chunked").orElseThrow().bytes()).isEqualTo(data);
    }

    @Test
    void putObject_wrongContentMd5_isInvalidDigestAndStoresNothing() throws Exception {
        byte[] data = random(100, 1);
        String wrong = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(random(100, 2)));

        HttpResponse<byte[]> r = client.send("PUT", "k", null, Map.of("Content-MD5", wrong), data);
        HttpResponse<byte[]> ok = client.send("PUT", "k", null,
                Map.of("Content-MD5", Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data))), data);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(errorCode(r)).isEqualTo("InvalidDigest");
        assertThat(ok.statusCode()).isEqualTo(200);
    }

    @Test
    void putObject_omitCrc64Mode_answersWithoutTheCrcHeaderAndCountsBodiesWithoutContentMd5() throws Exception {
        server.faults().omitCrc64(true);
        byte[] data = random(100, 1);

        HttpResponse<byte[]> r = client.send("PUT", "k", null, Map.of(), data);
        HttpResponse<byte[]> head = client.send("HEAD", "k", null, Map.of(), null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-oss-hash-crc64ecma")).isEmpty();
        assertThat(r.headers().firstValue("ETag")).isPresent();
        assertThat(head.headers().firstValue("x-oss-hash-crc64ecma")).isEmpty();
        assertThat(server.stats().bodiesWithoutContentMd5()).isEqualTo(1);
    }

    @Test
    void putObject_forbidOverwriteOnExistingKey_isFileAlreadyExists() throws Exception {
        client.put("k", new byte[1]);

        HttpResponse<byte[]> r = client.send("PUT", "k", null, Map.of("x-oss-forbid-overwrite", "true"), new byte[2]);

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(errorCode(r)).isEqualTo("FileAlreadyExists");
        assertThat(server.object(BUCKET, "k").orElseThrow().length()).isEqualTo(1);
    }

    @Test
    void deleteObject_existing_is204AndGone() throws Exception {
        client.put("k", new byte[1]);

        assertThat(client.send("DELETE", "k", null, Map.of(), null).statusCode()).isEqualTo(204);
        assertThat(server.object(BUCKET, "k")).isEmpty();
    }

    @Test
    void request_unsupportedOperationWithValidSignature_isNotImplemented() throws Exception {
        HttpResponse<byte[]> r = client.send("GET", "k", "acl", Map.of(), null);

        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(errorCode(r)).isEqualTo("NotImplemented");
    }
}
