package io.vodupload.adapters.oss;

import io.vodupload.ports.Crc64;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.ObjectReceipt;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.SignatureVersion;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageException.Kind;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;
import io.vodupload.testkit.oss.OssCredentials;
import io.vodupload.testkit.oss.OssObject;
import io.vodupload.testkit.oss.OssOperation;
import io.vodupload.testkit.oss.OssServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What the contract suite does not cover, against the testkit OSS server: signature selection, clock-skew
 * correction shared by every client, credential refresh on one adapter, parallel parts, metadata, empty
 * bodies.
 */
class OssObjectStorageServerTest {

    private static final String BUCKET = "media";
    private static final Credentials FIRST = Credentials.sts("STS.first", "first-secret", "first-token", null);
    private static final Credentials SECOND = Credentials.sts("STS.second", "second-secret", "second-token", null);

    @TempDir
    Path dir;

    private OssServer server;
    private final List<OssObjectStorage> opened = new ArrayList<>();

    @BeforeEach
    void start() {
        server = OssServer.builder().bucket(BUCKET).credentials(ossCredentials(FIRST)).start();
    }

    @AfterEach
    void stop() {
        opened.forEach(OssObjectStorage::close);
        server.close();
    }

    private static OssCredentials ossCredentials(Credentials c) {
        return OssCredentials.sts(c.accessKeyId(), c.accessKeySecret(), c.securityToken().orElseThrow());
    }

    private OssObjectStorage storage(OssStorageConfig config) {
        OssObjectStorage s = OssObjectStorage.create(config);
        opened.add(s);
        return s;
    }

    private StorageTarget target(String key) {
        return StorageTarget.of(server.endpoint().toString(), BUCKET, key);
    }

    private Path file(int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve("f" + size + ".bin"), bytes);
    }

    private static FileRegion whole(Path p) throws IOException {
        return new FileRegion(p.toAbsolutePath(), 0, Files.size(p));
    }

    // ---------------------------------------------------------------------------------- signatures

    @Test
    void sign_autoWithoutRegion_v1() {
        storage(OssStorageConfig.DEFAULTS).headObject(target("a"), FIRST);

        assertThat(server.stats().authenticatedV1()).isEqualTo(1);
        assertThat(server.stats().authenticatedV4()).isZero();
    }

    @Test
    void sign_autoWithTargetRegion_v4() {
        storage(OssStorageConfig.DEFAULTS).headObject(target("a").withRegion(server.region()), FIRST);

        assertThat(server.stats().authenticatedV4()).isEqualTo(1);
        assertThat(server.stats().authenticatedV1()).isZero();
    }

    @Test
    void sign_v4WithRegionFromConfiguration_v4() {
        OssObjectStorage s = storage(OssStorageConfig.DEFAULTS
                .withSignatureVersion(SignatureVersion.V4).withDefaultRegion(server.region()));

        s.headObject(target("a"), FIRST);

        assertThat(server.stats().authenticatedV4()).isEqualTo(1);
    }

    @Test
    void sign_v4WithTheWrongRegion_rejectedByTheServerAsFatal() {
        StorageException e = catchThrowableOfType(StorageException.class, () -> storage(OssStorageConfig.DEFAULTS)
                .initiateMultipart(target("a").withRegion("eu-central-1"), FIRST, ObjectMetadata.EMPTY));

        assertThat(e.kind()).isEqualTo(Kind.FATAL);
        assertThat(e.httpStatus()).hasValue(400);
    }

    @Test
    void sign_v4WithNoRegionAnywhere_fatalRegionUnknownAndNoRequest() {
        OssObjectStorage s = storage(OssStorageConfig.DEFAULTS.withSignatureVersion(SignatureVersion.V4));

        StorageException e = catchThrowableOfType(StorageException.class, () -> s.headObject(target("a"), FIRST));

        assertThat(e.kind()).isEqualTo(Kind.FATAL);
        assertThat(e.errorCode()).isEqualTo("RegionUnknown");
        assertThat(server.stats().requestsByOperation().values().stream().mapToLong(Long::longValue).sum()).isZero();
    }

    @Test
    void sign_v1ForcedWithTargetRegion_v1() {
        storage(OssStorageConfig.DEFAULTS.withSignatureVersion(SignatureVersion.V1))
                .headObject(target("a").withRegion(server.region()), FIRST);

        assertThat(server.stats().authenticatedV1()).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------- clock skew

    @Test
    void clockSkew_serverAnHourAhead_clockSkewOnceThenEveryClientSignsWithServerTime() throws IOException {
        server.credentials().add(ossCredentials(SECOND));
        OssObjectStorage s = storage(OssStorageConfig.DEFAULTS);
        s.headObject(target("warm-up"), SECOND); // SECOND's client exists before the skew is learnt
        server.faults().clockOffset(Duration.ofHours(1));

        StorageException e = catchThrowableOfType(StorageException.class, () ->
                s.initiateMultipart(target("skew.bin"), FIRST, ObjectMetadata.EMPTY));

        assertThat(e.kind()).isEqualTo(Kind.CLOCK_SKEW);
        assertThat(e.errorCode()).isEqualTo("RequestTimeTooSkewed");
        assertThat(e.serverTime()).hasValueSatisfying(t ->
                assertThat(Duration.between(t, server.serverTime()).abs()).isLessThan(Duration.ofMinutes(1)));
        // the next attempt, and the other credential set's client, sign with the corrected time
        assertThat(s.initiateMultipart(target("skew.bin"), FIRST, ObjectMetadata.EMPTY)).isNotBlank();
        Path body = file(100);
        s.putObject(target("skew2.bin"), SECOND, whole(body), ObjectMetadata.EMPTY, TransferListener.NONE);
        assertThat(server.object(BUCKET, "skew2.bin")).isPresent();
    }

    // ---------------------------------------------------------------------------------- credentials

    @Test
    void credentials_expiredThenRefreshed_sameAdapterCarriesOnAndTheOldClientGoes() throws IOException {
        OssObjectStorage s = storage(OssStorageConfig.DEFAULTS);
        StorageTarget t = target("refresh.bin");
        String uploadId = s.initiateMultipart(t, FIRST, ObjectMetadata.EMPTY);
        Path body = file(150_000);
        PartReceipt one = s.uploadPart(t, FIRST, uploadId, 1, new FileRegion(body, 0, 102_400), TransferListener.NONE);
        server.credentials().expire(FIRST.accessKeyId());
        server.credentials().add(ossCredentials(SECOND));

        StorageException e = catchThrowableOfType(StorageException.class, () -> s.uploadPart(t, FIRST, uploadId, 2,
                new FileRegion(body, 102_400, 150_000 - 102_400), TransferListener.NONE));
        assertThat(e.kind()).isEqualTo(Kind.CREDENTIALS_EXPIRED);
        assertThat(s.cachedClients()).isZero();

        PartReceipt two = s.uploadPart(t, SECOND, uploadId, 2, new FileRegion(body, 102_400, 150_000 - 102_400),
                TransferListener.NONE);
        ObjectReceipt done = s.completeMultipart(t, SECOND, uploadId, List.of(one, two), ObjectMetadata.EMPTY);

        assertThat(done.crc64()).hasValue(Crc64.of(Files.readAllBytes(body)));
        assertThat(s.cachedClients()).isEqualTo(1);
    }

    @Test
    void credentials_manySets_cacheBoundedByConfiguration() {
        OssObjectStorage s = storage(OssStorageConfig.DEFAULTS.withMaxCachedClients(2));
        for (int i = 0; i < 5; i++) {
            Credentials c = Credentials.sts("STS.n" + i, "secret" + i, "token" + i, null);
            server.credentials().add(ossCredentials(c));
            assertThat(s.headObject(target("none"), c)).isEmpty();
        }

        assertThat(s.cachedClients()).isEqualTo(2);
    }

    // ---------------------------------------------------------------------------------- bodies and metadata

    @Test
    void uploadPart_partsInParallel_oneClientAndTheFilesCrc() throws Exception {
        OssObjectStorage s = storage(OssStorageConfig.DEFAULTS);
        StorageTarget t = target("parallel.bin");
        int part = 102_400;
        Path body = file(4 * part + 999);
        String uploadId = s.initiateMultipart(t, FIRST, ObjectMetadata.ofContentType("video/mp4"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<PartReceipt>> futures = new ArrayList<>();
        try {
            for (int n = 1; n <= 5; n++) {
                int number = n;
                long offset = (long) (n - 1) * part;
                long length = n == 5 ? 999 : part;
                futures.add(pool.submit(() -> s.uploadPart(t, FIRST, uploadId, number,
                        new FileRegion(body.toAbsolutePath(), offset, length), TransferListener.NONE)));
            }
            List<PartReceipt> parts = new ArrayList<>();
            for (Future<PartReceipt> f : futures) {
                parts.add(f.get(30, TimeUnit.SECONDS));
            }
            ObjectReceipt receipt = s.completeMultipart(t, FIRST, uploadId, parts, ObjectMetadata.EMPTY);

            assertThat(receipt.crc64()).hasValue(Crc64.of(Files.readAllBytes(body)));
            assertThat(s.cachedClients()).isEqualTo(1);
            assertThat(server.object(BUCKET, "parallel.bin")).get().extracting(OssObject::contentType)
                    .isEqualTo("video/mp4");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void uploadPart_bucketReportsCrc64_laterPartsGoWithoutContentMd5AndPutObjectKeepsIt() throws IOException {
        OssObjectStorage s = storage(OssStorageConfig.DEFAULTS);
        StorageTarget t = target("digests.bin");
        Path body = file(3 * 102_400);
        String uploadId = s.initiateMultipart(t, FIRST, ObjectMetadata.EMPTY);
        List<PartReceipt> parts = new ArrayList<>();

        for (int n = 1; n <= 3; n++) {
            parts.add(s.uploadPart(t, FIRST, uploadId, n,
                    new FileRegion(body.toAbsolutePath(), (n - 1) * 102_400L, 102_400), TransferListener.NONE));
        }
        assertThat(server.stats().bodiesWithoutContentMd5()).as("parts 2 and 3, after part 1's CRC-64").isEqualTo(2);
        s.putObject(target("single.bin"), FIRST, whole(body), ObjectMetadata.EMPTY, TransferListener.NONE);
        ObjectReceipt receipt = s.completeMultipart(t, FIRST, uploadId, parts, ObjectMetadata.EMPTY);

        assertThat(server.stats().bodiesWithoutContentMd5()).as("the PutObject carried one").isEqualTo(2);
        assertThat(receipt.crc64()).hasValue(Crc64.of(Files.readAllBytes(body)));
    }

    @Test
    void uploadPart_bucketReportsNoCrc64_everyPartCarriesAContentMd5() throws IOException {
        server.faults().omitCrc64(true);
        OssObjectStorage s = storage(OssStorageConfig.DEFAULTS);
        StorageTarget t = target("no-crc.bin");
        Path body = file(3 * 102_400 + 1);
        String uploadId = s.initiateMultipart(t, FIRST, ObjectMetadata.EMPTY);

        for (int n = 1; n <= 3; n++) {
            s.uploadPart(t, FIRST, uploadId, n,
                    new FileRegion(body.toAbsolutePath(), (n - 1) * 102_400L, 102_400), TransferListener.NONE);
        }

        assertThat(server.stats().requests(OssOperation.UPLOAD_PART)).isEqualTo(3);
        assertThat(server.stats().bodiesWithoutContentMd5()).isZero();
        assertThat(s.checksContentMd5()).isTrue();
    }

    @Test
    void uploadPart_bucketStopsReportingCrc64_thePartWithoutMd5IsRetryablePartUnverifiedAndTheRetryCarriesOne()
            throws IOException {
        OssObjectStorage s = storage(OssStorageConfig.DEFAULTS);
        StorageTarget t = target("gateway.bin");
        Path body = file(2 * 102_400);
        String uploadId = s.initiateMultipart(t, FIRST, ObjectMetadata.EMPTY);
        FileRegion second = new FileRegion(body.toAbsolutePath(), 102_400, 102_400);
        s.uploadPart(t, FIRST, uploadId, 1, new FileRegion(body.toAbsolutePath(), 0, 102_400), TransferListener.NONE);
        server.faults().omitCrc64(true);

        StorageException e = catchThrowableOfType(StorageException.class,
                () -> s.uploadPart(t, FIRST, uploadId, 2, second, TransferListener.NONE));
        PartReceipt retried = s.uploadPart(t, FIRST, uploadId, 2, second, TransferListener.NONE);

        assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(e.errorCode()).isEqualTo("PartUnverified");
        assertThat(server.stats().bodiesWithoutContentMd5()).as("only the unverified attempt").isEqualTo(1);
        assertThat(retried.crc64()).hasValue(Crc64.of(Files.readAllBytes(body), 102_400, 102_400));
    }

    @Test
    void initiateMultipart_metadata_reachesTheObject() throws IOException {
        OssObjectStorage s = storage(OssStorageConfig.DEFAULTS);
        StorageTarget t = target("meta.mp4");
        ObjectMetadata metadata = new ObjectMetadata(Optional.of("video/mp4"), Map.of("x-oss-meta-title", "clip"));
        String uploadId = s.initiateMultipart(t, FIRST, metadata);
        Path body = file(10);
        PartReceipt one = s.uploadPart(t, FIRST, uploadId, 1, whole(body), TransferListener.NONE);

        s.completeMultipart(t, FIRST, uploadId, List.of(one), ObjectMetadata.EMPTY);

        OssObject stored = server.object(BUCKET, "meta.mp4").orElseThrow();
        assertThat(stored.contentType()).isEqualTo("video/mp4");
        assertThat(stored.userMetadata()).containsEntry("title", "clip");
    }

    @Test
    void putObject_everyMetadataHeader_reachesTheObjectThroughTheSdk() throws IOException {
        OssObjectStorage s = storage(OssStorageConfig.DEFAULTS);
        ObjectMetadata metadata = new ObjectMetadata(Optional.of("application/x-test"), Map.of(
                "x-oss-meta-owner", "team-a", "x-oss-meta-take", "2", "x-oss-storage-class", "Archive",
                "x-oss-object-acl", "public-read"));

        s.putObject(target("all.bin"), FIRST, whole(file(10)), metadata, TransferListener.NONE);

        OssObject stored = server.object(BUCKET, "all.bin").orElseThrow();
        assertThat(stored.contentType()).isEqualTo("application/x-test");
        assertThat(stored.userMetadata()).isEqualTo(Map.of("owner", "team-a", "take", "2"));
        assertThat(stored.storageClass()).isEqualTo("Archive");
        assertThat(stored.acl()).isEqualTo("public-read");
    }

    @Test
    void completeMultipart_aclHeader_reachesTheObjectThroughTheSdk() throws IOException {
        OssObjectStorage s = storage(OssStorageConfig.DEFAULTS);
        StorageTarget t = target("acl.bin");
        String uploadId = s.initiateMultipart(t, FIRST,
                new ObjectMetadata(Optional.empty(), Map.of("x-oss-storage-class", "DeepColdArchive")));
        PartReceipt one = s.uploadPart(t, FIRST, uploadId, 1, whole(file(10)), TransferListener.NONE);

        s.completeMultipart(t, FIRST, uploadId, List.of(one),
                new ObjectMetadata(Optional.empty(), Map.of("x-oss-object-acl", "private")));

        OssObject stored = server.object(BUCKET, "acl.bin").orElseThrow();
        assertThat(stored.storageClass()).isEqualTo("DeepColdArchive");
        assertThat(stored.acl()).isEqualTo("private");
    }

    @Test
    void putObject_noContentType_theSdkPicksOneFromTheKeysExtension() throws IOException {
        // a documented difference from adapters-http, which then sends no Content-Type at all
        OssObjectStorage s = storage(OssStorageConfig.DEFAULTS);
        Path body = file(10);

        s.putObject(target("guess.mp4"), FIRST, whole(body), ObjectMetadata.EMPTY, TransferListener.NONE);
        s.putObject(target("given.mp4"), FIRST, whole(body), ObjectMetadata.ofContentType("application/x-test"),
                TransferListener.NONE);

        assertThat(server.object(BUCKET, "guess.mp4")).get().extracting(OssObject::contentType).isEqualTo("video/mp4");
        assertThat(server.object(BUCKET, "given.mp4")).get().extracting(OssObject::contentType)
                .isEqualTo("application/x-test");
    }

    @Test
    void putObject_emptyFile_emptyObjectWithCrcZero() throws IOException {
        OssObjectStorage s = storage(OssStorageConfig.DEFAULTS);
        Path empty = Files.createFile(dir.resolve("empty.bin"));

        ObjectReceipt receipt = s.putObject(target("empty.bin"), FIRST, whole(empty), ObjectMetadata.EMPTY,
                bytes -> {
                    throw new AssertionError("no bytes to tell of: " + bytes);
                });

        assertThat(receipt.crc64()).hasValue(0L);
        assertThat(server.object(BUCKET, "empty.bin")).get().extracting(OssObject::length).isEqualTo(0L);
        // Content-Length: 0, as OSS expects of an empty PutObject, not a chunked body with no chunk
        assertThat(server.stats().chunkedBodies()).isZero();
    }
}
