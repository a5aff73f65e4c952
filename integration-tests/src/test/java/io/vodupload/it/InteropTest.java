package io.vodupload.it;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.model.OSSObject;
import io.vodupload.adapters.http.HttpObjectStorage;
import io.vodupload.adapters.oss.OssObjectStorage;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.ObjectInfo;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;
import io.vodupload.testkit.oss.OssCredentials;
import io.vodupload.testkit.oss.OssServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two storage adapters write the same objects: what adapters-http uploads, Alibaba's own client
 * ({@code OSS.getObject}) reads back byte for byte; what adapters-oss uploads, a plain
 * {@link HttpClient} GET (signed here with V1, independently of both adapters) reads back byte for byte.
 * Both run against the testkit OSS server in-process.
 */
class InteropTest {

    private static final String BUCKET = "media";
    private static final Credentials STS = Credentials.sts("STS.interop", "interop-secret", "interop-token", null);
    private static final int PART = 100 * 1024;

    @TempDir
    Path dir;

    private OssServer server;
    private HttpObjectStorage http;
    private OssObjectStorage oss;

    @BeforeEach
    void start() {
        server = OssServer.builder().bucket(BUCKET)
                .credentials(OssCredentials.sts(STS.accessKeyId(), STS.accessKeySecret(), STS.securityToken().orElseThrow()))
                .start();
        http = HttpObjectStorage.builder().build();
        oss = OssObjectStorage.create();
    }

    @AfterEach
    void stop() {
        http.close();
        oss.close();
        server.close();
    }

    private Path file(int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve("interop-" + seed + ".bin"), bytes);
    }

    private StorageTarget target(String key) {
        return StorageTarget.of(server.endpoint().toString(), BUCKET, key);
    }

    /** Three parts (the last short) through {@code storage}, then Complete. */
    private static void multipart(ObjectStorage storage, StorageTarget target, Path file) throws IOException {
        long size = Files.size(file);
        String uploadId = storage.initiateMultipart(target, STS, ObjectMetadata.ofContentType("video/mp4"));
        List<PartReceipt> parts = new ArrayList<>();
        int number = 1;
        for (long offset = 0; offset < size; offset += PART, number++) {
            parts.add(storage.uploadPart(target, STS, uploadId, number,
                    new FileRegion(file.toAbsolutePath(), offset, Math.min(PART, size - offset)), TransferListener.NONE));
        }
        storage.completeMultipart(target, STS, uploadId, parts, ObjectMetadata.EMPTY);
    }

    @Test
    void writtenByAdaptersHttp_readBackByAliyunSdkGetObject_byteIdentical() throws IOException {
        Path multi = file(2 * PART + 4321, 1);
        Path small = file(7777, 2);
        multipart(http, target("http/multi 视频.mp4"), multi);
        http.putObject(target("http/small+1.bin"), STS, new FileRegion(small.toAbsolutePath(), 0, 7777),
                ObjectMetadata.EMPTY, TransferListener.NONE);

        ClientBuilderConfiguration config = new ClientBuilderConfiguration();
        config.setMaxErrorRetry(0); // crcCheckEnabled stays on: the SDK also checks the download's CRC-64
        OSS sdk = new OSSClientBuilder().build(server.endpoint().toString(),
                new DefaultCredentialProvider(STS.accessKeyId(), STS.accessKeySecret(), STS.securityToken().orElseThrow()),
                config);
        try {
            assertThat(sdkRead(sdk, "http/multi 视频.mp4")).isEqualTo(Files.readAllBytes(multi));
            assertThat(sdkRead(sdk, "http/small+1.bin")).isEqualTo(Files.readAllBytes(small));
        } finally {
            sdk.shutdown();
        }
    }

    private static byte[] sdkRead(OSS sdk, String key) throws IOException {
        OSSObject object = sdk.getObject(BUCKET, key);
        try (InputStream in = object.getObjectContent()) {
            return in.readAllBytes();
        }
    }

    @Test
    void writtenByAdaptersOss_readBackByRawHttpGet_byteIdentical() throws Exception {
        Path multi = file(2 * PART + 999, 3);
        Path small = file(5000, 4);
        multipart(oss, target("oss/multi clip.mp4"), multi);
        oss.putObject(target("oss/small~1.bin"), STS, new FileRegion(small.toAbsolutePath(), 0, 5000),
                ObjectMetadata.EMPTY, TransferListener.NONE);

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<byte[]> multiGet = rawGet(client, "oss/multi clip.mp4", "oss/multi%20clip.mp4");
        HttpResponse<byte[]> smallGet = rawGet(client, "oss/small~1.bin", "oss/small~1.bin");

        assertThat(multiGet.statusCode()).isEqualTo(200);
        assertThat(multiGet.body()).isEqualTo(Files.readAllBytes(multi));
        assertThat(multiGet.headers().firstValue("x-oss-hash-crc64ecma"))
                .hasValue(Long.toUnsignedString(Crc64.of(Files.readAllBytes(multi))));
        assertThat(smallGet.statusCode()).isEqualTo(200);
        assertThat(smallGet.body()).isEqualTo(Files.readAllBytes(small));
    }

    @Test
    void sameObjectThroughBothAdapters_headAgrees() throws IOException {
        Path body = file(PART + 10, 5);
        StorageTarget t = target("both/clip.mp4");
        multipart(oss, t, body);

        ObjectInfo viaOss = oss.headObject(t, STS).orElseThrow();
        ObjectInfo viaHttp = http.headObject(t, STS).orElseThrow();

        assertThat(viaOss).isEqualTo(viaHttp);
        assertThat(viaOss.crc64()).hasValue(Crc64.of(Files.readAllBytes(body)));
    }

    /** A GET signed with V1 by hand (OSS-PROTOCOL §2.1), with the STS token. */
    private HttpResponse<byte[]> rawGet(HttpClient client, String key, String encodedKey) throws Exception {
        String date = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
                .format(ZonedDateTime.now(ZoneOffset.UTC));
        String token = STS.securityToken().orElseThrow();
        String stringToSign = "GET\n\n\n" + date + "\nx-oss-security-token:" + token + "\n/" + BUCKET + "/" + key;
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(STS.accessKeySecret().getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.endpoint() + "/" + BUCKET + "/" + encodedKey))
                .header("Date", date)
                .header("x-oss-security-token", token)
                .header("Authorization", "OSS " + STS.accessKeyId() + ":" + signature)
                .GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
