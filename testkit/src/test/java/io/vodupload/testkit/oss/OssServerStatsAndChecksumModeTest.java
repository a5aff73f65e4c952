package io.vodupload.testkit.oss;

import static io.vodupload.testkit.oss.RawOssClient.completeXml;
import static io.vodupload.testkit.oss.RawOssClient.errorCode;
import static io.vodupload.testkit.oss.RawOssClient.etag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.ports.Crc64;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The statistics the server keeps, and the mode that keeps only checksums. */
class OssServerStatsAndChecksumModeTest {

    static final String BUCKET = "media";

    OssServer server;
    RawOssClient client;

    void start(StorageMode mode) {
        server = OssServer.builder().bucket(BUCKET).credentials(OssCredentials.of("ak", "sk")).storageMode(mode).start();
        client = new RawOssClient(server, BUCKET);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    @Test
    void stats_countRequestsPerOperationBytesAndPartAttempts() throws Exception {
        start(StorageMode.FULL);
        String id = client.initiate("k");
        client.uploadPart("k", id, 1, random(100 * 1024));
        client.uploadPart("k", id, 1, random(100 * 1024));
        String e2 = etag(client.uploadPart("k", id, 2, random(1000)));
        client.listParts("k", id, null);
        client.head("missing");
        client.put("small", random(7));

        OssServerStats stats = server.stats();

        assertThat(stats.requests(OssOperation.INITIATE_MULTIPART)).isEqualTo(1);
        assertThat(stats.requests(OssOperation.UPLOAD_PART)).isEqualTo(3);
        assertThat(stats.requests(OssOperation.LIST_PARTS)).isEqualTo(1);
        assertThat(stats.requests(OssOperation.HEAD_OBJECT)).isEqualTo(1);
        assertThat(stats.requests(OssOperation.PUT_OBJECT)).isEqualTo(1);
        assertThat(stats.requests(OssOperation.COMPLETE_MULTIPART)).isZero();
        assertThat(stats.bytesReceived()).isEqualTo(2 * 100 * 1024 + 1000 + 7);
        assertThat(stats.partAttempts(id)).containsExactly(Map.entry(1, 2), Map.entry(2, 1));
        assertThat(stats.partAttempts("unknown", 1)).isZero();
        assertThat(stats.authenticatedV1()).isEqualTo(7);
        assertThat(e2).startsWith("\"");
    }

    @Test
    void stats_reset_setsEverythingToZero() throws Exception {
        start(StorageMode.FULL);
        String id = client.initiate("k");
        client.uploadPart("k", id, 1, random(10));

        server.stats().reset();

        assertThat(server.stats().requestsByOperation().values()).containsOnly(0L);
        assertThat(server.stats().bytesReceived()).isZero();
        assertThat(server.stats().partAttempts(id)).isEmpty();
        assertThat(server.stats().authenticatedV1()).isZero();
        client.uploadPart("k", id, 2, random(10));
        assertThat(server.stats().partAttempts(id)).containsExactly(Map.entry(2, 1));
    }

    @Test
    void checksumOnly_multipart_keepsCrcEtagAndLengthButNoContent() throws Exception {
        start(StorageMode.CHECKSUM_ONLY);
        byte[] p1 = random(3 << 20);
        byte[] p2 = random(12345);
        String id = client.initiate("big.mp4");
        String e1 = etag(client.uploadPart("big.mp4", id, 1, p1));
        HttpResponse<byte[]> r2 = client.uploadPart("big.mp4", id, 2, p2);
        HttpResponse<byte[]> done = client.complete("big.mp4", id, completeXml(1, e1, 2, etag(r2)));

        OssObject o = server.object(BUCKET, "big.mp4").orElseThrow();
        long crc = Crc64.combine(Crc64.of(p1), Crc64.of(p2), p2.length);

        assertThat(e1).isEqualTo("\"" + OssCodec.hexUpper(MessageDigest.getInstance("MD5").digest(p1)) + "\"");
        assertThat(r2.headers().firstValue("x-oss-hash-crc64ecma")).contains(Long.toUnsignedString(Crc64.of(p2)));
        assertThat(done.headers().firstValue("x-oss-hash-crc64ecma")).contains(Long.toUnsignedString(crc));
        assertThat(o.crc64()).isEqualTo(crc);
        assertThat(o.length()).isEqualTo(p1.length + p2.length);
        assertThat(o.hasContent()).isFalse();
        assertThatThrownBy(o::bytes).isInstanceOf(IllegalStateException.class).hasMessageContaining("CHECKSUM_ONLY");
        assertThat(client.head("big.mp4").headers().firstValue("Content-Length")).contains(Long.toString(o.length()));
        assertThat(server.storageMode()).isEqualTo(StorageMode.CHECKSUM_ONLY);
    }

    @Test
    void checksumOnly_getObject_isNotImplementedNamingTheMode() throws Exception {
        start(StorageMode.CHECKSUM_ONLY);
        client.put("k", random(100));

        HttpResponse<byte[]> get = client.get("k");

        assertThat(get.statusCode()).isEqualTo(501);
        assertThat(errorCode(get)).isEqualTo("NotImplemented");
        assertThat(RawOssClient.xpath(get.body(), "/Error/Message")).contains("CHECKSUM_ONLY").contains("GetObject");
    }

    @Test
    void checksumOnly_largeStreamedPart_isCheckedWithoutKeepingIt() throws Exception {
        start(StorageMode.CHECKSUM_ONLY);
        int size = 64 << 20;
        Random random = new Random(7);
        byte[] block = new byte[1 << 20];
        random.nextBytes(block);
        long expectedCrc = 0;
        for (int i = 0; i < size / block.length; i++) {
            expectedCrc = Crc64.update(expectedCrc, block, 0, block.length);
        }
        String id = client.initiate("stream");
        HttpRequest request = client.build("PUT", "stream", "partNumber=1&uploadId=" + id, Map.of(),
                HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> repeat(block, size / block.length)), size));

        HttpResponse<byte[]> r = client.send(request);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-oss-hash-crc64ecma")).contains(Long.toUnsignedString(expectedCrc));
        assertThat(server.stats().bytesReceived()).isEqualTo(size);
    }

    private static InputStream repeat(byte[] block, int times) {
        return new InputStream() {
            private int done;
            private int offset;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (done == times) {
                    return -1;
                }
                int n = Math.min(len, block.length - offset);
                System.arraycopy(block, offset, b, off, n);
                offset += n;
                if (offset == block.length) {
                    offset = 0;
                    done++;
                }
                return n;
            }
        };
    }
}
