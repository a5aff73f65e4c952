package io.vodupload.adapters.http;

import io.vodupload.ports.Crc64;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.ObjectReceipt;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;
import io.vodupload.testkit.oss.OssCredentials;
import io.vodupload.testkit.oss.OssOperation;
import io.vodupload.testkit.oss.OssServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Which bodies carry a {@code Content-MD5}, against the testkit OSS server (which counts the bodies without
 * one): every PutObject; an UploadPart until the bucket has answered a part with its CRC-64; every body on a
 * bucket that reports none.
 */
class HttpObjectStoragePartDigestTest {

    private static final String BUCKET = "media";
    private static final Credentials KEY = Credentials.of("digest-ak", "digest-secret");
    private static final int PART = 102_400;

    @TempDir
    Path dir;

    private OssServer server;
    private HttpObjectStorage storage;

    @BeforeEach
    void start() {
        server = OssServer.builder().bucket(BUCKET).credentials(OssCredentials.of("digest-ak", "digest-secret"))
                .start();
        storage = HttpObjectStorage.builder().build();
    }

    @AfterEach
    void stop() {
        storage.close();
        server.close();
    }

    private StorageTarget target(String key) {
        return StorageTarget.of(server.endpoint().toString(), BUCKET, key);
    }

    private Path file(int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve("f" + size + ".bin"), bytes);
    }

    private List<PartReceipt> uploadThreeParts(StorageTarget t, String uploadId, Path body) {
        List<PartReceipt> parts = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            parts.add(storage.uploadPart(t, KEY, uploadId, n,
                    new FileRegion(body.toAbsolutePath(), (n - 1) * (long) PART, PART), TransferListener.NONE));
        }
        return parts;
    }

    @Test
    void uploadPart_bucketReportsCrc64_laterPartsGoWithoutContentMd5AndPutObjectKeepsIt() throws IOException {
        StorageTarget t = target("digests.bin");
        Path body = file(3 * PART);
        String uploadId = storage.initiateMultipart(t, KEY, ObjectMetadata.EMPTY);

        List<PartReceipt> parts = uploadThreeParts(t, uploadId, body);
        assertThat(server.stats().bodiesWithoutContentMd5()).as("parts 2 and 3, after part 1's CRC-64").isEqualTo(2);
        storage.putObject(target("single.bin"), KEY, new FileRegion(body.toAbsolutePath(), 0, 3 * PART),
                ObjectMetadata.EMPTY, TransferListener.NONE);
        ObjectReceipt receipt = storage.completeMultipart(t, KEY, uploadId, parts, ObjectMetadata.EMPTY);

        assertThat(server.stats().bodiesWithoutContentMd5()).as("the PutObject carried one").isEqualTo(2);
        assertThat(receipt.crc64()).hasValue(Crc64.of(Files.readAllBytes(body)));
    }

    @Test
    void uploadPart_bucketReportsNoCrc64_everyPartCarriesAContentMd5() throws IOException {
        server.faults().omitCrc64(true);
        StorageTarget t = target("no-crc.bin");
        Path body = file(3 * PART);
        String uploadId = storage.initiateMultipart(t, KEY, ObjectMetadata.EMPTY);

        uploadThreeParts(t, uploadId, body);

        assertThat(server.stats().requests(OssOperation.UPLOAD_PART)).isEqualTo(3);
        assertThat(server.stats().bodiesWithoutContentMd5()).isZero();
        assertThat(storage.checksContentMd5()).isTrue();
    }

    @Test
    void uploadPart_bucketStopsReportingCrc64_thePartWithoutMd5IsRetryablePartUnverifiedAndTheRetryCarriesOne()
            throws IOException {
        StorageTarget t = target("gateway.bin");
        Path body = file(2 * PART);
        String uploadId = storage.initiateMultipart(t, KEY, ObjectMetadata.EMPTY);
        FileRegion second = new FileRegion(body.toAbsolutePath(), PART, PART);
        storage.uploadPart(t, KEY, uploadId, 1, new FileRegion(body.toAbsolutePath(), 0, PART), TransferListener.NONE);
        server.faults().omitCrc64(true);

        StorageException e = catchThrowableOfType(StorageException.class,
                () -> storage.uploadPart(t, KEY, uploadId, 2, second, TransferListener.NONE));
        PartReceipt retried = storage.uploadPart(t, KEY, uploadId, 2, second, TransferListener.NONE);

        assertThat(e.kind()).isEqualTo(StorageException.Kind.RETRYABLE);
        assertThat(e.errorCode()).isEqualTo("PartUnverified");
        assertThat(server.stats().bodiesWithoutContentMd5()).as("only the unverified attempt").isEqualTo(1);
        assertThat(retried.crc64()).hasValue(Crc64.of(Files.readAllBytes(body), PART, PART));
    }
}
