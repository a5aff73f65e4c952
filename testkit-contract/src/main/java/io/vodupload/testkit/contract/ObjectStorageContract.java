package io.vodupload.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vodupload.ports.Crc64;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.MemoryBody;
import io.vodupload.ports.ObjectInfo;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.ObjectReceipt;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;
import io.vodupload.testkit.StorageFaults;
import io.vodupload.testkit.StorageFaults.Operation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link ObjectStorage} must pass: extend it, implement the hooks, and run it with
 * JUnit 5. It checks the semantics the domain relies on (multipart rules, CRC-64 of parts and objects,
 * error kinds, key encoding, listener and cancellation behaviour, no secret in any exception) against
 * real files in a temporary directory.
 *
 * <p>Fault cases drive {@link #faults()}; a storage that cannot produce a fault throws
 * {@link UnsupportedOperationException} there, and the case is skipped (JUnit "aborted"), not failed.
 *
 * <p>Each test uses fresh keys under a random prefix, so one storage may serve every test. Bodies are
 * small (a few hundred KiB) so the suite stays fast over loopback HTTP.
 */
public abstract class ObjectStorageContract {

    /** The smallest size of a part that is not the last. */
    protected static final int MIN_PART = 100 * 1024;

    @TempDir
    protected Path tempDir;

    private final String prefix = "contract-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    private final Random random = new Random(20250101);
    private final java.util.Map<String, StorageTarget> uploadIds = new java.util.LinkedHashMap<>();

    /** The storage under test (may be the same instance for every test). */
    protected abstract ObjectStorage storage();

    /** A target for {@code key} in a bucket the storage serves. */
    protected abstract StorageTarget target(String key);

    /** Credentials the storage accepts. */
    protected abstract Credentials credentials();

    /** Credentials with the right AccessKeyId and a wrong secret. */
    protected abstract Credentials wrongSecretCredentials();

    /** The fault switch of the storage under test. */
    protected abstract StorageFaults faults();

    /** The stored bytes of the object at {@code target}, read back by other means than the port. */
    protected abstract byte[] readObject(StorageTarget target) throws Exception;

    /**
     * Whether the storage checks credentials at all. A store that by design accepts any credentials
     * (the local filesystem store) answers false, and the wrong-secret case is skipped, not failed.
     */
    protected boolean checksCredentials() {
        return true;
    }

    @AfterEach
    void clearFaultsAndUploads() {
        try {
            faults().clear();
        } catch (UnsupportedOperationException ignored) {
            // nothing was injected
        }
        for (java.util.Map.Entry<String, StorageTarget> upload : uploadIds.entrySet()) {
            try {
                storage().abortMultipart(upload.getValue(), credentials(), upload.getKey());
            } catch (RuntimeException ignored) {
                // best effort clean-up
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A file of {@code size} pseudo-random bytes. */
    protected Path file(int size) throws IOException {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        Path path = Files.createTempFile(tempDir, "body", ".bin");
        Files.write(path, bytes);
        return path;
    }

    private StorageTarget fresh(String name) {
        return target(prefix + name);
    }

    private static FileRegion whole(Path path) {
        try {
            return new FileRegion(path.toAbsolutePath(), 0, Files.size(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String initiate(StorageTarget target) {
        String id = storage().initiateMultipart(target, credentials(), ObjectMetadata.EMPTY);
        uploadIds.put(id, target);
        return id;
    }

    private static long crcOf(Path path) throws IOException {
        return Crc64.of(Files.readAllBytes(path));
    }

    private static long crcOf(Path path, long offset, int length) throws IOException {
        byte[] all = Files.readAllBytes(path);
        return Crc64.of(all, (int) offset, length);
    }

    /** Asserts that neither the secret nor the token of any credentials used appears in {@code e}. */
    protected void assertNoSecrets(Throwable e) {
        List<String> secrets = new ArrayList<>();
        secrets.add(credentials().accessKeySecret());
        credentials().securityToken().ifPresent(secrets::add);
        secrets.add(wrongSecretCredentials().accessKeySecret());
        wrongSecretCredentials().securityToken().ifPresent(secrets::add);
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (String secret : secrets) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
                assertThat(t.toString()).doesNotContain(secret);
            }
        }
    }

    private StorageException expectStorageException(Runnable call) {
        StorageException e = catchThrowableOfType(StorageException.class, call::run);
        assertThat(e).as("a StorageException").isNotNull();
        assertNoSecrets(e);
        return e;
    }

    private void inject(Runnable injection) {
        try {
            injection.run();
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("the storage under test cannot inject this fault: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ simple objects

    /** The port's argument checks ({@code StorageArguments}): the same rejections from every storage. */
    @Test
    void badArguments_blankUploadIdPartNumberOutOfRangeOrPartTwice_illegalArgument() throws IOException {
        StorageTarget target = fresh("arguments/k");
        String id = initiate(target);
        FileRegion body = whole(file(10));
        PartReceipt receipt = storage().uploadPart(target, credentials(), id, 1, body, TransferListener.NONE);

        assertThatThrownBy(() -> storage().uploadPart(target, credentials(), " ", 1, body, TransferListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("uploadId is blank");
        assertThatThrownBy(() -> storage().uploadPart(target, credentials(), id, 0, body, TransferListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("partNumber out of 1..10000: 0");
        assertThatThrownBy(() -> storage().uploadPart(target, credentials(), id, 10_001, body,
                TransferListener.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partNumber out of 1..10000: 10001");
        assertThatThrownBy(() -> storage().listParts(target, credentials(), ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("uploadId is blank");
        assertThatThrownBy(() -> storage().completeMultipart(target, credentials(), id, List.of(receipt, receipt),
                ObjectMetadata.EMPTY)).isInstanceOf(IllegalArgumentException.class).hasMessage("part 1 given twice");
        assertThatThrownBy(() -> storage().abortMultipart(target, credentials(), " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("uploadId is blank");
        assertThat(storage().listParts(target, credentials(), id)).extracting(PartReceipt::partNumber)
                .containsExactly(1);
    }

    @Test
    void putObject_thenHead_reportsSizeAndCrcOfTheFile() throws Exception {
        Path body = file(3000);
        StorageTarget target = fresh("put/small.bin");

        ObjectReceipt receipt = storage().putObject(target, credentials(), whole(body),
                ObjectMetadata.ofContentType("application/octet-stream"), TransferListener.NONE);
        Optional<ObjectInfo> info = storage().headObject(target, credentials());

        assertThat(receipt.crc64()).hasValue(crcOf(body));
        assertThat(receipt.etag()).isNotBlank().doesNotContain("\"");
        assertThat(info).isPresent();
        assertThat(info.get().contentLength()).isEqualTo(3000);
        assertThat(info.get().crc64()).hasValue(crcOf(body));
        assertThat(readObject(target)).isEqualTo(Files.readAllBytes(body));
    }

    @Test
    void putObject_emptyBody_roundTripsAsAnEmptyObjectWithCrcZero() throws Exception {
        Path body = file(0);
        StorageTarget target = fresh("put/empty.bin");
        List<Long> told = new java.util.concurrent.CopyOnWriteArrayList<>();

        ObjectReceipt receipt = storage().putObject(target, credentials(), whole(body),
                ObjectMetadata.ofContentType("application/octet-stream"), told::add);
        Optional<ObjectInfo> info = storage().headObject(target, credentials());

        assertThat(receipt.crc64()).hasValue(0L);
        assertThat(receipt.etag()).isNotBlank();
        assertThat(info).isPresent();
        assertThat(info.get().contentLength()).isZero();
        assertThat(info.get().crc64()).hasValue(0L);
        assertThat(readObject(target)).isEmpty();
        assertThat(told.stream().mapToLong(Long::longValue).sum()).isZero();
    }

    @Test
    void putObject_fromAnOffset_storesOnlyThatRegion() throws Exception {
        Path body = file(10_000);
        StorageTarget target = fresh("put/region.bin");

        ObjectReceipt receipt = storage().putObject(target, credentials(),
                new FileRegion(body.toAbsolutePath(), 1000, 2500), ObjectMetadata.EMPTY, TransferListener.NONE);

        byte[] expected = java.util.Arrays.copyOfRange(Files.readAllBytes(body), 1000, 3500);
        assertThat(readObject(target)).isEqualTo(expected);
        assertThat(receipt.crc64()).hasValue(Crc64.of(expected));
    }

    @Test
    void headObject_missingObject_isEmpty() {
        assertThat(storage().headObject(fresh("missing/nothing-here"), credentials())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"with space.bin", "plus+sign.bin", "percent%20literal.bin", "unicode-视频-é.bin",
        "deep/nested/dir/file.bin", "tilde~and*star.bin"})
    void putObject_keysThatNeedEncoding_roundTrip(String name) throws Exception {
        Path body = file(1234);
        StorageTarget target = fresh("keys/" + name);

        storage().putObject(target, credentials(), whole(body), ObjectMetadata.EMPTY, TransferListener.NONE);

        assertThat(storage().headObject(target, credentials())).get()
                .extracting(ObjectInfo::contentLength).isEqualTo(1234L);
        assertThat(readObject(target)).isEqualTo(Files.readAllBytes(body));
    }

    @Test
    void multipart_keysThatNeedEncoding_roundTrip() throws Exception {
        Path body = file(2000);
        StorageTarget target = fresh("keys/multi part+100%/视频.bin");

        String id = initiate(target);
        PartReceipt part = storage().uploadPart(target, credentials(), id, 1, whole(body), TransferListener.NONE);
        assertThat(storage().listParts(target, credentials(), id)).extracting(PartReceipt::partNumber)
                .containsExactly(1);
        storage().completeMultipart(target, credentials(), id, List.of(part), ObjectMetadata.EMPTY);

        assertThat(readObject(target)).isEqualTo(Files.readAllBytes(body));
    }

    // ------------------------------------------------------------------ multipart

    @Test
    void multipart_threeParts_completesWithTheFilesCrc() throws Exception {
        int size = 2 * MIN_PART + 777;
        Path body = file(size);
        Path abs = body.toAbsolutePath();
        StorageTarget target = fresh("multi/three.bin");

        String id = initiate(target);
        assertThat(id).isNotBlank();
        List<PartReceipt> parts = new ArrayList<>();
        parts.add(storage().uploadPart(target, credentials(), id, 1, new FileRegion(abs, 0, MIN_PART),
                TransferListener.NONE));
        parts.add(storage().uploadPart(target, credentials(), id, 2, new FileRegion(abs, MIN_PART, MIN_PART),
                TransferListener.NONE));
        parts.add(storage().uploadPart(target, credentials(), id, 3, new FileRegion(abs, 2L * MIN_PART, 777),
                TransferListener.NONE));
        ObjectReceipt receipt = storage().completeMultipart(target, credentials(), id, parts, ObjectMetadata.EMPTY);

        assertThat(parts.get(0).crc64()).hasValue(crcOf(body, 0, MIN_PART));
        assertThat(parts.get(2).crc64()).hasValue(crcOf(body, 2L * MIN_PART, 777));
        assertThat(parts.get(2).size()).isEqualTo(777);
        long combined = 0;
        for (PartReceipt p : parts) {
            combined = Crc64.combine(combined, p.crc64().getAsLong(), p.size());
        }
        assertThat(combined).isEqualTo(crcOf(body));
        assertThat(receipt.crc64()).hasValue(crcOf(body));
        assertThat(storage().headObject(target, credentials())).get().satisfies(info -> {
            assertThat(info.contentLength()).isEqualTo(size);
            assertThat(info.crc64()).hasValue(crcOf(body));
        });
        assertThat(readObject(target)).isEqualTo(Files.readAllBytes(body));
        uploadIds.remove(id);
    }

    /**
     * Memory bodies (a stream's parts, {@link MemoryBody}) go like file regions: same CRC-64, same object;
     * the buffer's own position is left alone, and a body sent twice (a retry) sends the same bytes.
     */
    @Test
    void multipart_memoryBodies_completesWithTheBytesCrcAndLeavesTheBuffersAlone() throws Exception {
        int size = 2 * MIN_PART + 555;
        byte[] bytes = Files.readAllBytes(file(size));
        ByteBuffer first = ByteBuffer.wrap(bytes, 0, MIN_PART);
        StorageTarget target = fresh("multi/memory.bin");

        String id = initiate(target);
        List<PartReceipt> parts = new ArrayList<>();
        MemoryBody one = MemoryBody.of(first);
        parts.add(storage().uploadPart(target, credentials(), id, 1, one, TransferListener.NONE));
        parts.set(0, storage().uploadPart(target, credentials(), id, 1, one, TransferListener.NONE)); // again
        java.util.concurrent.atomic.AtomicLong told = new java.util.concurrent.atomic.AtomicLong();
        parts.add(storage().uploadPart(target, credentials(), id, 2,
                MemoryBody.of(ByteBuffer.wrap(bytes, MIN_PART, MIN_PART)), told::addAndGet));
        parts.add(storage().uploadPart(target, credentials(), id, 3,
                MemoryBody.of(ByteBuffer.wrap(bytes, 2 * MIN_PART, 555).asReadOnlyBuffer()), TransferListener.NONE));
        ObjectReceipt receipt = storage().completeMultipart(target, credentials(), id, parts, ObjectMetadata.EMPTY);

        assertThat(first.position()).as("the caller's buffer position").isZero();
        assertThat(told.get()).as("progress of a memory body").isEqualTo(MIN_PART);
        assertThat(parts.get(0).crc64()).hasValue(Crc64.of(java.util.Arrays.copyOfRange(bytes, 0, MIN_PART)));
        assertThat(parts.get(2).size()).isEqualTo(555);
        assertThat(receipt.crc64()).hasValue(Crc64.of(bytes));
        assertThat(readObject(target)).isEqualTo(bytes);
        uploadIds.remove(id);
    }

    @Test
    void putObject_memoryBody_storesTheBytesWithTheirCrc() throws Exception {
        byte[] bytes = Files.readAllBytes(file(4321));
        StorageTarget target = fresh("memory/put.bin");

        ObjectReceipt receipt = storage().putObject(target, credentials(),
                MemoryBody.of(ByteBuffer.wrap(bytes, 100, 4000)), ObjectMetadata.EMPTY, TransferListener.NONE);

        byte[] sent = java.util.Arrays.copyOfRange(bytes, 100, 4100);
        assertThat(receipt.crc64()).hasValue(Crc64.of(sent));
        assertThat(readObject(target)).isEqualTo(sent);
    }

    @Test
    void putObject_emptyMemoryBody_storesAnEmptyObject() {
        StorageTarget target = fresh("memory/empty.bin");

        storage().putObject(target, credentials(), MemoryBody.of(ByteBuffer.allocate(0)), ObjectMetadata.EMPTY,
                TransferListener.NONE);

        assertThat(storage().headObject(target, credentials())).get()
                .satisfies(info -> assertThat(info.contentLength()).isZero());
    }

    @Test
    void listParts_partsUploadedOutOfOrder_areListedAscendingWithSizesAndCrcs() throws Exception {
        Path body = file(3 * MIN_PART);
        Path abs = body.toAbsolutePath();
        StorageTarget target = fresh("multi/list.bin");
        String id = initiate(target);

        for (int n : new int[] {3, 1, 2}) {
            storage().uploadPart(target, credentials(), id, n, new FileRegion(abs, (n - 1L) * MIN_PART, MIN_PART - n),
                    TransferListener.NONE);
        }
        List<PartReceipt> listed = storage().listParts(target, credentials(), id);

        assertThat(listed).extracting(PartReceipt::partNumber).containsExactly(1, 2, 3);
        for (PartReceipt p : listed) {
            int n = p.partNumber();
            assertThat(p.size()).isEqualTo(MIN_PART - n);
            assertThat(p.etag()).isNotBlank().doesNotContain("\"");
            if (p.crc64().isPresent()) {
                assertThat(p.crc64()).hasValue(crcOf(body, (n - 1L) * MIN_PART, MIN_PART - n));
            }
        }
    }

    @Test
    void uploadPart_samePartNumberAgain_replacesThePart() throws Exception {
        Path first = file(MIN_PART);
        Path second = file(MIN_PART + 10);
        Path last = file(50);
        StorageTarget target = fresh("multi/replace.bin");
        String id = initiate(target);

        storage().uploadPart(target, credentials(), id, 1, whole(first), TransferListener.NONE);
        PartReceipt replaced = storage().uploadPart(target, credentials(), id, 1, whole(second), TransferListener.NONE);
        PartReceipt two = storage().uploadPart(target, credentials(), id, 2, whole(last), TransferListener.NONE);

        assertThat(storage().listParts(target, credentials(), id)).hasSize(2).first()
                .satisfies(p -> assertThat(p.size()).isEqualTo(MIN_PART + 10));
        storage().completeMultipart(target, credentials(), id, List.of(replaced, two), ObjectMetadata.EMPTY);
        byte[] expected = new byte[MIN_PART + 10 + 50];
        System.arraycopy(Files.readAllBytes(second), 0, expected, 0, MIN_PART + 10);
        System.arraycopy(Files.readAllBytes(last), 0, expected, MIN_PART + 10, 50);
        assertThat(readObject(target)).isEqualTo(expected);
        uploadIds.remove(id);
    }

    @Test
    void completeMultipart_nonLastPartBelow100KiB_isFatalEntityTooSmall() throws Exception {
        Path small = file(1000);
        StorageTarget target = fresh("multi/too-small.bin");
        String id = initiate(target);
        PartReceipt one = storage().uploadPart(target, credentials(), id, 1, whole(small), TransferListener.NONE);
        PartReceipt two = storage().uploadPart(target, credentials(), id, 2, whole(small), TransferListener.NONE);

        StorageException e = expectStorageException(() ->
                storage().completeMultipart(target, credentials(), id, List.of(one, two), ObjectMetadata.EMPTY));

        assertThat(e.kind()).isEqualTo(StorageException.Kind.FATAL);
        assertThat(e.errorCode()).isEqualTo("EntityTooSmall");
    }

    @Test
    void completeMultipart_wrongEtag_isFatalInvalidPart() throws Exception {
        Path body = file(1000);
        StorageTarget target = fresh("multi/wrong-etag.bin");
        String id = initiate(target);
        PartReceipt one = storage().uploadPart(target, credentials(), id, 1, whole(body), TransferListener.NONE);

        StorageException e = expectStorageException(() -> storage().completeMultipart(target, credentials(), id,
                List.of(PartReceipt.of(1, "0123456789ABCDEF0123456789ABCDEF", one.size(), 0)), ObjectMetadata.EMPTY));

        assertThat(e.kind()).isEqualTo(StorageException.Kind.FATAL);
        assertThat(e.errorCode()).isEqualTo("InvalidPart");
    }

    @Test
    void uploadPart_afterAbort_isUploadGone() throws Exception {
        Path body = file(1000);
        StorageTarget target = fresh("multi/aborted.bin");
        String id = initiate(target);
        storage().abortMultipart(target, credentials(), id);

        StorageException e = expectStorageException(() ->
                storage().uploadPart(target, credentials(), id, 1, whole(body), TransferListener.NONE));

        assertThat(e.kind()).isEqualTo(StorageException.Kind.UPLOAD_GONE);
        assertThat(e.errorCode()).isEqualTo("NoSuchUpload");
    }

    @Test
    void listParts_unknownUploadId_isUploadGone() {
        StorageException e = expectStorageException(() ->
                storage().listParts(fresh("multi/unknown.bin"), credentials(), "0000DEADBEEF0000DEADBEEF0000BEEF"));

        assertThat(e.kind()).isEqualTo(StorageException.Kind.UPLOAD_GONE);
    }

    @Test
    void abortMultipart_unknownUploadId_isNotAnError() {
        StorageTarget target = fresh("multi/abort-unknown.bin");
        String id = initiate(target);
        storage().abortMultipart(target, credentials(), id);

        storage().abortMultipart(target, credentials(), id);
        storage().abortMultipart(target, credentials(), "0000DEADBEEF0000DEADBEEF0000BEEF");

        assertThatThrownBy(() -> storage().listParts(target, credentials(), id))
                .isInstanceOf(StorageException.class);
    }

    // ------------------------------------------------------------------ credentials, listener, cancellation

    @Test
    void anyCall_wrongSecret_isFatalAndHidesTheSecret() throws Exception {
        Assumptions.assumeTrue(checksCredentials(), "the storage under test does not check credentials");
        Path body = file(100);
        StorageTarget target = fresh("auth/wrong-secret.bin");

        StorageException put = expectStorageException(() -> storage().putObject(target, wrongSecretCredentials(),
                whole(body), ObjectMetadata.EMPTY, TransferListener.NONE));
        StorageException head = expectStorageException(() -> storage().headObject(target, wrongSecretCredentials()));
        StorageException initiate = expectStorageException(() ->
                storage().initiateMultipart(target, wrongSecretCredentials(), ObjectMetadata.EMPTY));

        assertThat(List.of(put, head, initiate)).allSatisfy(e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.FATAL));
        assertThat(storage().headObject(target, credentials())).isEmpty();
    }

    @Test
    void uploadPart_listener_isToldEveryByteOfTheBody() throws Exception {
        Path body = file(MIN_PART + 4321);
        StorageTarget target = fresh("listener/part.bin");
        String id = initiate(target);
        AtomicLong told = new AtomicLong();
        List<Long> calls = new ArrayList<>();

        storage().uploadPart(target, credentials(), id, 1, whole(body), bytes -> {
            assertThat(bytes).isPositive();
            synchronized (calls) {
                calls.add(bytes);
            }
            told.addAndGet(bytes);
        });

        assertThat(told.get()).isEqualTo(MIN_PART + 4321);
        assertThat(calls).isNotEmpty();
    }

    @Test
    void putObject_listener_isToldEveryByteOfTheBody() throws Exception {
        Path body = file(54_321);
        AtomicLong told = new AtomicLong();

        storage().putObject(fresh("listener/put.bin"), credentials(), whole(body), ObjectMetadata.EMPTY,
                told::addAndGet);

        assertThat(told.get()).isEqualTo(54_321);
    }

    @Test
    void uploadPart_listenerThrowsCancellation_isRethrownUnchanged() throws Exception {
        Path body = file(3 * MIN_PART);
        StorageTarget target = fresh("cancel/part.bin");
        String id = initiate(target);
        CancellationException mine = new CancellationException("paused by the test");

        Throwable thrown = catchThrowableOfType(CancellationException.class, () ->
                storage().uploadPart(target, credentials(), id, 1, whole(body), bytes -> {
                    throw mine;
                }));

        assertThat(thrown).isSameAs(mine);
        // the storage is still usable, and the aborted body was not stored as the part
        assertThat(storage().listParts(target, credentials(), id)).isEmpty();
    }

    @Test
    void putObject_listenerThrowsCancellation_isRethrownUnchanged() throws Exception {
        Path body = file(3 * MIN_PART);
        StorageTarget target = fresh("cancel/put.bin");
        CancellationException mine = new CancellationException("canceled by the test");

        Throwable thrown = catchThrowableOfType(CancellationException.class, () ->
                storage().putObject(target, credentials(), whole(body), ObjectMetadata.EMPTY, bytes -> {
                    throw mine;
                }));

        assertThat(thrown).isSameAs(mine);
        assertThat(storage().headObject(target, credentials())).isEmpty();
    }

    // ------------------------------------------------------------------ faults

    @Test
    void failNext_503_isRetryableWithCodeAndStatus() throws Exception {
        Path body = file(500);
        StorageTarget target = fresh("faults/503.bin");
        inject(() -> faults().failNext(Operation.PUT_OBJECT, 503, "ServiceUnavailable"));

        StorageException e = expectStorageException(() ->
                storage().putObject(target, credentials(), whole(body), ObjectMetadata.EMPTY, TransferListener.NONE));

        assertThat(e.kind()).isEqualTo(StorageException.Kind.RETRYABLE);
        assertThat(e.errorCode()).isEqualTo("ServiceUnavailable");
        assertThat(e.httpStatus()).hasValue(503);
        // once only
        storage().putObject(target, credentials(), whole(body), ObjectMetadata.EMPTY, TransferListener.NONE);
    }

    @Test
    void failNext_securityTokenExpired_isCredentialsExpired() {
        inject(() -> faults().failNext(Operation.HEAD_OBJECT, 403, "SecurityTokenExpired"));

        StorageException e = expectStorageException(() -> storage().headObject(fresh("faults/ste"), credentials()));

        assertThat(e.kind()).isEqualTo(StorageException.Kind.CREDENTIALS_EXPIRED);
        assertThat(e.errorCode()).isEqualTo("SecurityTokenExpired");
        assertThat(e.httpStatus()).hasValue(403);
    }

    @Test
    void failNext_requestTimeTooSkewed_isClockSkew() {
        inject(() -> faults().failNext(Operation.INITIATE_MULTIPART, 403, "RequestTimeTooSkewed"));

        StorageException e = expectStorageException(() ->
                storage().initiateMultipart(fresh("faults/skew"), credentials(), ObjectMetadata.EMPTY));

        assertThat(e.kind()).isEqualTo(StorageException.Kind.CLOCK_SKEW);
        assertThat(e.errorCode()).isEqualTo("RequestTimeTooSkewed");
    }

    @Test
    void resetConnectionOnNext_uploadPart_isRetryableAndTheNextAttemptWorks() throws Exception {
        Path body = file(2 * MIN_PART);
        StorageTarget target = fresh("faults/reset.bin");
        String id = initiate(target);
        inject(() -> faults().resetConnectionOnNext(Operation.UPLOAD_PART));

        StorageException e = expectStorageException(() ->
                storage().uploadPart(target, credentials(), id, 1, whole(body), TransferListener.NONE));
        PartReceipt again = storage().uploadPart(target, credentials(), id, 1, whole(body), TransferListener.NONE);

        assertThat(e.kind()).isEqualTo(StorageException.Kind.RETRYABLE);
        assertThat(again.crc64()).hasValue(crcOf(body));
    }

    @Test
    void expireCredentials_everyRequest_isCredentialsExpiredUntilCleared() {
        StorageTarget target = fresh("faults/expired");
        inject(() -> faults().expireCredentials());

        StorageException e = expectStorageException(() -> storage().headObject(target, credentials()));
        assertThat(e.kind()).isEqualTo(StorageException.Kind.CREDENTIALS_EXPIRED);

        faults().clear();
        assertThat(storage().headObject(target, credentials())).isEmpty();
    }

    @Test
    void forgetUpload_thenUploadPart_isUploadGone() throws Exception {
        Path body = file(1000);
        StorageTarget target = fresh("faults/forgotten.bin");
        String id = initiate(target);
        inject(() -> faults().forgetUpload(id));

        StorageException e = expectStorageException(() ->
                storage().uploadPart(target, credentials(), id, 1, whole(body), TransferListener.NONE));

        assertThat(e.kind()).isEqualTo(StorageException.Kind.UPLOAD_GONE);
    }
}
