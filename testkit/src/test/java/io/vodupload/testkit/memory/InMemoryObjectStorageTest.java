package io.vodupload.testkit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vodupload.ports.Crc64;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.ObjectReceipt;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;
import io.vodupload.testkit.StorageFaults.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InMemoryObjectStorageTest {

    private static final Credentials OLD = Credentials.sts("STS.old", "old-secret", "old-token", null);
    private static final Credentials NEW = Credentials.sts("STS.new", "new-secret", "new-token", null);
    private static final StorageTarget TARGET = StorageTarget.of("oss-cn-hangzhou.aliyuncs.com", "b", "v/x.mp4");
    private static final int PART = 100 * 1024;

    @TempDir
    Path dir;

    private final InMemoryObjectStorage storage = new InMemoryObjectStorage(OLD);

    private Path file(int size) throws Exception {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve("f" + size), bytes);
    }

    private FileRegion part(Path file, int n) {
        return new FileRegion(file.toAbsolutePath(), (n - 1L) * PART, PART);
    }

    @Test
    void failPart_onSecondAttempt_failsOnlyThatAttempt() throws Exception {
        Path f = file(PART);
        String id = storage.initiateMultipart(TARGET, OLD, ObjectMetadata.EMPTY);
        storage.failPart(1, 2, StorageException.Kind.RETRYABLE);

        storage.uploadPart(TARGET, OLD, id, 1, part(f, 1), TransferListener.NONE);
        StorageException second = catchThrowableOfType(StorageException.class,
                () -> storage.uploadPart(TARGET, OLD, id, 1, part(f, 1), TransferListener.NONE));
        storage.uploadPart(TARGET, OLD, id, 1, part(f, 1), TransferListener.NONE);

        assertThat(second.kind()).isEqualTo(StorageException.Kind.RETRYABLE);
        assertThat(second.httpStatus()).hasValue(503);
        assertThat(storage.statistics().partAttempts(1)).isEqualTo(3);
        assertThat(storage.statistics().partsStored(1)).isEqualTo(2);
    }

    @Test
    void expireCredentialsAfterParts_afterTwoParts_rejectsOldAndAcceptsFresh() throws Exception {
        Path f = file(3 * PART);
        String id = storage.initiateMultipart(TARGET, OLD, ObjectMetadata.EMPTY);
        storage.expireCredentialsAfterParts(2, NEW);

        storage.uploadPart(TARGET, OLD, id, 1, part(f, 1), TransferListener.NONE);
        storage.uploadPart(TARGET, OLD, id, 2, part(f, 2), TransferListener.NONE);
        StorageException expired = catchThrowableOfType(StorageException.class,
                () -> storage.uploadPart(TARGET, OLD, id, 3, part(f, 3), TransferListener.NONE));
        storage.uploadPart(TARGET, NEW, id, 3, part(f, 3), TransferListener.NONE);

        assertThat(expired.kind()).isEqualTo(StorageException.Kind.CREDENTIALS_EXPIRED);
        assertThat(expired.errorCode()).isEqualTo("SecurityTokenExpired");
        assertThat(storage.listParts(TARGET, NEW, id)).hasSize(3);
    }

    @Test
    void unknownAccessKeyId_isFatalInvalidAccessKeyId() {
        StorageException e = catchThrowableOfType(StorageException.class,
                () -> storage.headObject(TARGET, Credentials.of("nobody", "whatever")));

        assertThat(e.kind()).isEqualTo(StorageException.Kind.FATAL);
        assertThat(e.errorCode()).isEqualTo("InvalidAccessKeyId");
    }

    @Test
    void wrongToken_isCredentialsExpiredInvalidSecurityToken() {
        StorageException e = catchThrowableOfType(StorageException.class,
                () -> storage.headObject(TARGET, Credentials.sts("STS.old", "old-secret", "other-token", null)));

        assertThat(e.kind()).isEqualTo(StorageException.Kind.CREDENTIALS_EXPIRED);
        assertThat(e.errorCode()).isEqualTo("InvalidSecurityToken");
        assertThat(e.getMessage()).doesNotContain("other-token").doesNotContain("old-secret");
    }

    @Test
    void onlyBuckets_otherBucket_isNoSuchBucket() {
        storage.onlyBuckets("b");

        StorageTarget other = new StorageTarget(TARGET.endpoint(), "other", "k", Optional.empty());

        StorageException e = catchThrowableOfType(StorageException.class, () -> storage.headObject(other, OLD));

        assertThat(e.errorCode()).isEqualTo("NoSuchBucket");
        assertThat(e.kind()).isEqualTo(StorageException.Kind.FATAL);
    }

    @Test
    void lostResponse_onComplete_completesButThrowsRetryable() throws Exception {
        Path f = file(1000);
        String id = storage.initiateMultipart(TARGET, OLD, ObjectMetadata.EMPTY);
        PartReceipt p = storage.uploadPart(TARGET, OLD, id, 1, new FileRegion(f.toAbsolutePath(), 0, 1000),
                TransferListener.NONE);
        storage.failNext(Operation.COMPLETE_MULTIPART, Fault.lostResponse());

        StorageException e = catchThrowableOfType(StorageException.class,
                () -> storage.completeMultipart(TARGET, OLD, id, List.of(p), ObjectMetadata.EMPTY));

        assertThat(e.kind()).isEqualTo(StorageException.Kind.RETRYABLE);
        assertThat(storage.objectBytes(TARGET)).hasValueSatisfying(b -> assertThat(b).hasSize(1000));
        assertThat(storage.uploadsInProgress()).isEmpty();
    }

    @Test
    void corruptNextObject_reportsTheTrueCrcOfTheCorruptedBytes() throws Exception {
        Path f = file(2000);
        storage.corruptNextObject();

        ObjectReceipt r = storage.putObject(TARGET, OLD, new FileRegion(f.toAbsolutePath(), 0, 2000),
                ObjectMetadata.EMPTY, TransferListener.NONE);

        byte[] stored = storage.objectBytes(TARGET).orElseThrow();
        assertThat(stored).isNotEqualTo(Files.readAllBytes(f));
        assertThat(r.crc64()).hasValue(Crc64.of(stored));
        assertThat(r.crc64().getAsLong()).isNotEqualTo(Crc64.of(Files.readAllBytes(f)));
    }

    @Test
    void holdPart_holdsTheRequestAfterTheFirstChunkUntilOpened() throws Exception {
        Path f = file(PART);
        String id = storage.initiateMultipart(TARGET, OLD, ObjectMetadata.EMPTY);
        Gate gate = storage.holdPart(1);
        AtomicLong told = new AtomicLong();

        CompletableFuture<PartReceipt> upload = CompletableFuture.supplyAsync(() ->
                storage.uploadPart(TARGET, OLD, id, 1, part(f, 1), told::addAndGet));

        assertThat(gate.awaitArrival(Duration.ofSeconds(10))).isTrue();
        assertThat(told.get()).isPositive().isLessThan(PART);
        assertThat(upload).isNotDone();
        gate.open();
        assertThat(upload.get(10, TimeUnit.SECONDS).size()).isEqualTo(PART);
        assertThat(told.get()).isEqualTo(PART);
    }

    @Test
    void statistics_countRequestsAndBytes() throws Exception {
        Path f = file(5000);
        storage.putObject(TARGET, OLD, new FileRegion(f.toAbsolutePath(), 0, 5000), ObjectMetadata.EMPTY,
                TransferListener.NONE);
        storage.headObject(TARGET, OLD);
        storage.headObject(TARGET, OLD);

        StorageStatistics s = storage.statistics();

        assertThat(s.requests(Operation.PUT_OBJECT)).isEqualTo(1);
        assertThat(s.requests(Operation.HEAD_OBJECT)).isEqualTo(2);
        assertThat(s.bytesReceived()).isEqualTo(5000);
        assertThat(s.maxConcurrentPartUploads()).isEqualTo(1);
        storage.resetStatistics();
        assertThat(storage.statistics().requests()).isEqualTo(Map.of());
    }

    @Test
    void complete_mergesInitiateAndCompleteMetadata() throws Exception {
        Path f = file(1000);
        String id = storage.initiateMultipart(TARGET, OLD, new ObjectMetadata(Optional.of("video/mp4"),
                Map.of("x-oss-meta-a", "1")));
        PartReceipt p = storage.uploadPart(TARGET, OLD, id, 1, new FileRegion(f.toAbsolutePath(), 0, 1000),
                TransferListener.NONE);

        ObjectReceipt r = storage.completeMultipart(TARGET, OLD, id, List.of(p),
                new ObjectMetadata(Optional.empty(), Map.of("x-oss-notification", "e30=")));

        assertThat(r.etag()).endsWith("-1");
        ObjectMetadata m = storage.objectMetadata(TARGET).orElseThrow();
        assertThat(m.contentType()).hasValue("video/mp4");
        assertThat(m.headers()).containsEntry("x-oss-meta-a", "1").containsEntry("x-oss-notification", "e30=");
    }

    @Test
    void kindOf_mapsCodesAsTheProtocolBriefSays() {
        assertThat(Fault.kindOf(503, "ServiceUnavailable")).isEqualTo(StorageException.Kind.RETRYABLE);
        assertThat(Fault.kindOf(429, "Throttled")).isEqualTo(StorageException.Kind.RETRYABLE);
        assertThat(Fault.kindOf(0, "ConnectionReset")).isEqualTo(StorageException.Kind.RETRYABLE);
        assertThat(Fault.kindOf(403, "SecurityTokenExpired")).isEqualTo(StorageException.Kind.CREDENTIALS_EXPIRED);
        assertThat(Fault.kindOf(403, "RequestTimeTooSkewed")).isEqualTo(StorageException.Kind.CLOCK_SKEW);
        assertThat(Fault.kindOf(404, "NoSuchUpload")).isEqualTo(StorageException.Kind.UPLOAD_GONE);
        assertThat(Fault.kindOf(403, "AccessDenied")).isEqualTo(StorageException.Kind.FATAL);
        assertThat(Fault.kindOf(404, "NoSuchBucket")).isEqualTo(StorageException.Kind.FATAL);
    }
}
