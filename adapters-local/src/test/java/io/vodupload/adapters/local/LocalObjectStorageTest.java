package io.vodupload.adapters.local;

import io.vodupload.ports.Crc64;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.ObjectInfo;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.ObjectReceipt;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static io.vodupload.adapters.local.LocalStoreFixture.CREDENTIALS;
import static io.vodupload.adapters.local.LocalStoreFixture.KIB;
import static io.vodupload.adapters.local.LocalStoreFixture.filesUnder;
import static io.vodupload.adapters.local.LocalStoreFixture.md5Hex;
import static io.vodupload.adapters.local.LocalStoreFixture.randomFile;
import static io.vodupload.adapters.local.LocalStoreFixture.slice;
import static io.vodupload.adapters.local.LocalStoreFixture.whole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LocalObjectStorageTest {

    @TempDir
    Path temp;

    private Path root;
    private LocalObjectStorage store;

    @BeforeEach
    void open() {
        root = temp.resolve("store");
        store = LocalObjectStorage.open(root);
    }

    @Test
    void open_missingRoot_createsItAndItsHiddenArea() {
        assertThat(root).isDirectory();
        assertThat(root.resolve(".vodupload")).isDirectory();
        assertThat(store.root()).isEqualTo(root.toAbsolutePath().normalize());
    }

    @Test
    void open_rootIsAFile_throwsUncheckedIO() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");

        assertThatThrownBy(() -> LocalObjectStorage.open(file)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void putObject_thenHead_reportsSizeUpperCaseMd5EtagAndCrc() throws Exception {
        Path file = randomFile(temp, "in.bin", 300 * KIB + 7, 1);
        byte[] bytes = Files.readAllBytes(file);
        StorageTarget target = store.target("videos", "clip.mp4");

        ObjectReceipt receipt = store.putObject(target, CREDENTIALS, whole(file), ObjectMetadata.ofContentType("video/mp4"),
                TransferListener.NONE);

        assertThat(receipt.etag()).isEqualTo(md5Hex(bytes)).matches("[0-9A-F]{32}");
        assertThat(receipt.crc64()).hasValue(Crc64.of(bytes));
        assertThat(receipt.requestId()).isEmpty();
        assertThat(root.resolve("videos").resolve("clip.mp4")).hasBinaryContent(bytes);
        assertThat(store.headObject(target, CREDENTIALS))
                .contains(new ObjectInfo(bytes.length, md5Hex(bytes), java.util.OptionalLong.of(Crc64.of(bytes))));
    }

    @Test
    void putObject_fileOverwrittenWhileCopied_isInvalidDigestAndTheOldObjectStays() throws Exception {
        StorageTarget target = store.target("videos", "clip.mp4");
        Path old = randomFile(temp, "old.bin", 10_000, 3);
        store.putObject(target, CREDENTIALS, whole(old), ObjectMetadata.EMPTY, TransferListener.NONE);
        Path file = randomFile(temp, "in.bin", 300 * KIB, 4);
        java.util.concurrent.atomic.AtomicBoolean changed = new java.util.concurrent.atomic.AtomicBoolean();
        TransferListener overwriteOnce = bytes -> {
            if (changed.compareAndSet(false, true)) {
                try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
                    raf.seek(250 * KIB);
                    raf.write(new byte[100]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };

        StorageException e = catchThrowableOfType(StorageException.class, () -> store.putObject(target, CREDENTIALS,
                whole(file), ObjectMetadata.EMPTY, overwriteOnce));

        assertThat(e.errorCode()).isEqualTo("InvalidDigest");
        assertThat(e.kind()).isEqualTo(StorageException.Kind.FATAL);
        assertThat(root.resolve("videos/clip.mp4")).hasBinaryContent(Files.readAllBytes(old));
        assertThat(store.checksContentMd5()).isTrue();
    }

    @Test
    void putObject_regionInsideFile_storesExactlyThoseBytes() throws Exception {
        Path file = randomFile(temp, "in.bin", 10_000, 2);
        byte[] bytes = Files.readAllBytes(file);
        StorageTarget target = store.target("b", "part.bin");

        ObjectReceipt receipt = store.putObject(target, CREDENTIALS, new FileRegion(file, 1234, 5000),
                ObjectMetadata.EMPTY, TransferListener.NONE);

        byte[] expected = slice(bytes, 1234, 5000);
        assertThat(root.resolve("b/part.bin")).hasBinaryContent(expected);
        assertThat(receipt.crc64()).hasValue(Crc64.of(expected));
        assertThat(receipt.etag()).isEqualTo(md5Hex(expected));
    }

    @Test
    void putObject_emptyBody_hasTheEmptyMd5AndCrcZero() throws Exception {
        Path file = Files.write(temp.resolve("empty"), new byte[0]);
        StorageTarget target = store.target("b", "empty");

        ObjectReceipt receipt = store.putObject(target, CREDENTIALS, whole(file), ObjectMetadata.EMPTY,
                TransferListener.NONE);

        assertThat(receipt.etag()).isEqualTo("D41D8CD98F00B204E9800998ECF8427E");
        assertThat(receipt.crc64()).hasValue(0);
        assertThat(store.headObject(target, CREDENTIALS)).get().extracting(ObjectInfo::contentLength).isEqualTo(0L);
    }

    @Test
    void putObject_existingObject_isReplaced() throws Exception {
        StorageTarget target = store.target("b", "k");
        Path first = randomFile(temp, "1", 1000, 3);
        Path second = randomFile(temp, "2", 2000, 4);
        store.putObject(target, CREDENTIALS, whole(first), ObjectMetadata.EMPTY, TransferListener.NONE);

        ObjectReceipt receipt = store.putObject(target, CREDENTIALS, whole(second), ObjectMetadata.EMPTY,
                TransferListener.NONE);

        assertThat(root.resolve("b/k")).hasSameBinaryContentAs(second);
        assertThat(store.headObject(target, CREDENTIALS)).get()
                .extracting(ObjectInfo::etag, ObjectInfo::contentLength).containsExactly(receipt.etag(), 2000L);
    }

    @Test
    void putObject_forbidOverwriteOnExisting_isFileAlreadyExistsAndKeepsTheOld() throws Exception {
        StorageTarget target = store.target("b", "k");
        Path first = randomFile(temp, "1", 1000, 3);
        Path second = randomFile(temp, "2", 2000, 4);
        ObjectMetadata forbid = new ObjectMetadata(Optional.empty(), Map.of("x-oss-forbid-overwrite", "true"));
        store.putObject(target, CREDENTIALS, whole(first), forbid, TransferListener.NONE);

        StorageException e = catchThrowableOfType(StorageException.class, () -> store.putObject(target, CREDENTIALS,
                whole(second), forbid, TransferListener.NONE));

        assertThat(e.kind()).isEqualTo(StorageException.Kind.FATAL);
        assertThat(e.errorCode()).isEqualTo("FileAlreadyExists");
        assertThat(root.resolve("b/k")).hasSameBinaryContentAs(first);
    }

    @Test
    void putObject_listener_isToldEveryByteInBoundedChunks() throws Exception {
        Path file = randomFile(temp, "in.bin", 1_000_000, 5);
        List<Long> calls = new CopyOnWriteArrayList<>();

        store.putObject(store.target("b", "k"), CREDENTIALS, whole(file), ObjectMetadata.EMPTY, calls::add);

        assertThat(calls.stream().mapToLong(Long::longValue).sum()).isEqualTo(1_000_000L);
        assertThat(calls).allMatch(n -> n > 0 && n <= Transfer.CHUNK);
        assertThat(calls.size()).isGreaterThanOrEqualTo(1_000_000 / Transfer.CHUNK);
    }

    @Test
    void putObject_listenerCancels_rethrowsTheSameExceptionAndLeavesNothing() throws Exception {
        Path file = randomFile(temp, "in.bin", 500_000, 6);
        StorageTarget target = store.target("b", "k");
        CancellationException cancel = new CancellationException("paused by the user");
        AtomicLong seen = new AtomicLong();
        TransferListener listener = n -> {
            if (seen.addAndGet(n) > 200_000) {
                throw cancel;
            }
        };

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> store.putObject(target, CREDENTIALS,
                whole(file), ObjectMetadata.EMPTY, listener));

        assertThat(thrown).isSameAs(cancel);
        assertThat(store.headObject(target, CREDENTIALS)).isEmpty();
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void putObject_missingSourceFile_isFatalSourceUnreadable() {
        FileRegion missing = new FileRegion(temp.resolve("nope.bin"), 0, 10);

        StorageException e = catchThrowableOfType(StorageException.class, () -> store.putObject(
                store.target("b", "k"), CREDENTIALS, missing, ObjectMetadata.EMPTY, TransferListener.NONE));

        assertThat(e.kind()).isEqualTo(StorageException.Kind.FATAL);
        assertThat(e.errorCode()).isEqualTo("SourceUnreadable");
        assertThat(e.getMessage()).contains("nope.bin");
    }

    @Test
    void putObject_regionPastTheEndOfTheFile_isFatalSourceChangedAndLeavesNothing() throws Exception {
        Path file = randomFile(temp, "short.bin", 1000, 7);
        StorageTarget target = store.target("b", "k");

        StorageException e = catchThrowableOfType(StorageException.class, () -> store.putObject(target, CREDENTIALS,
                new FileRegion(file, 500, 1000), ObjectMetadata.EMPTY, TransferListener.NONE));

        assertThat(e.errorCode()).isEqualTo("SourceChanged");
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void putObject_bodyOverFiveGiB_isEntityTooLarge() throws IOException {
        Path file = randomFile(temp, "small.bin", 10, 8);

        StorageException e = catchThrowableOfType(StorageException.class, () -> store.putObject(
                store.target("b", "k"), CREDENTIALS, new FileRegion(file, 0, LocalObjectStorage.MAX_BODY_SIZE + 1),
                ObjectMetadata.EMPTY, TransferListener.NONE));

        assertThat(e.errorCode()).isEqualTo("EntityTooLarge");
        assertThat(e.kind()).isEqualTo(StorageException.Kind.FATAL);
    }

    @Test
    void headObject_noSuchObjectOrBucket_isEmpty() throws Exception {
        assertThat(store.headObject(store.target("nobucket", "k"), CREDENTIALS)).isEmpty();
        Path file = randomFile(temp, "in.bin", 10, 9);
        store.putObject(store.target("b", "dir/k"), CREDENTIALS, whole(file), ObjectMetadata.EMPTY,
                TransferListener.NONE);

        assertThat(store.headObject(store.target("b", "other"), CREDENTIALS)).isEmpty();
        assertThat(store.headObject(store.target("b", "dir"), CREDENTIALS)).as("a prefix is no object").isEmpty();
        assertThat(store.headObject(store.target("b", "dir/k/deeper"), CREDENTIALS)).isEmpty();
    }

    @Test
    void headObject_fileDroppedInByHand_reportsItsMd5AndCrc() throws Exception {
        byte[] bytes = "placed without the store".getBytes();
        Files.createDirectories(root.resolve("b/manual"));
        Files.write(root.resolve("b/manual/f.txt"), bytes);

        Optional<ObjectInfo> info = store.headObject(store.target("b", "manual/f.txt"), CREDENTIALS);

        assertThat(info).contains(new ObjectInfo(bytes.length, md5Hex(bytes), java.util.OptionalLong.of(Crc64.of(bytes))));
    }

    @Test
    void headObject_objectChangedBehindTheStoresBack_reportsTheNewBytes() throws Exception {
        StorageTarget target = store.target("b", "k");
        store.putObject(target, CREDENTIALS, whole(randomFile(temp, "1", 1000, 10)), ObjectMetadata.EMPTY,
                TransferListener.NONE);
        byte[] replaced = "edited by hand".getBytes();
        Files.write(root.resolve("b/k"), replaced);

        Optional<ObjectInfo> info = store.headObject(target, CREDENTIALS);

        assertThat(info).contains(new ObjectInfo(replaced.length, md5Hex(replaced),
                java.util.OptionalLong.of(Crc64.of(replaced))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"with space.mp4", "plus+sign", "per%25cent%", "视频/短片 1.mp4", "a/b/c/d/e.bin",
            "tilde~and'quote\"", "emoji-\uD83C\uDFAC", ".hidden/under-dot", "a\\b"})
    void putObject_keysWithSpecialCharacters_roundTripToTheMatchingPath(String key) throws Exception {
        Path file = randomFile(temp, "in.bin", 2048, key.hashCode());
        StorageTarget target = store.target("b", key);

        ObjectReceipt receipt = store.putObject(target, CREDENTIALS, whole(file), ObjectMetadata.EMPTY,
                TransferListener.NONE);

        Path expected = root.resolve("b");
        for (String segment : key.split("/")) {
            expected = expected.resolve(segment);
        }
        assertThat(expected).hasSameBinaryContentAs(file);
        assertThat(store.headObject(target, CREDENTIALS)).get().extracting(ObjectInfo::etag).isEqualTo(receipt.etag());
    }

    @Test
    void putObject_keyUnderAnExistingObject_isObjectPathConflict() throws Exception {
        Path file = randomFile(temp, "in.bin", 10, 11);
        store.putObject(store.target("b", "a"), CREDENTIALS, whole(file), ObjectMetadata.EMPTY, TransferListener.NONE);
        store.putObject(store.target("b", "x/y"), CREDENTIALS, whole(file), ObjectMetadata.EMPTY, TransferListener.NONE);

        StorageException under = catchThrowableOfType(StorageException.class, () -> store.putObject(
                store.target("b", "a/b/c"), CREDENTIALS, whole(file), ObjectMetadata.EMPTY, TransferListener.NONE));
        StorageException over = catchThrowableOfType(StorageException.class, () -> store.putObject(
                store.target("b", "x"), CREDENTIALS, whole(file), ObjectMetadata.EMPTY, TransferListener.NONE));

        assertThat(under.errorCode()).isEqualTo("ObjectPathConflict");
        assertThat(under.kind()).isEqualTo(StorageException.Kind.FATAL);
        assertThat(under.getMessage()).contains("a/b/c");
        assertThat(over.errorCode()).isEqualTo("ObjectPathConflict");
        assertThat(root.resolve("b/a")).isRegularFile();
        assertThat(root.resolve("b/x/y")).isRegularFile();
    }

    @Test
    void initiateMultipart_keyUnderAnExistingObject_isRefusedBeforeAnyPartIsSent() throws Exception {
        Path file = randomFile(temp, "in.bin", 10, 15);
        store.putObject(store.target("b", "a"), CREDENTIALS, whole(file), ObjectMetadata.EMPTY, TransferListener.NONE);
        List<Long> sent = new CopyOnWriteArrayList<>();

        StorageException initiate = catchThrowableOfType(StorageException.class, () -> store.initiateMultipart(
                store.target("b", "a/b"), CREDENTIALS, ObjectMetadata.EMPTY));
        StorageException put = catchThrowableOfType(StorageException.class, () -> store.putObject(
                store.target("b", "a/b"), CREDENTIALS, whole(file), ObjectMetadata.EMPTY, sent::add));

        assertThat(initiate.errorCode()).isEqualTo("ObjectPathConflict");
        assertThat(put.errorCode()).isEqualTo("ObjectPathConflict");
        assertThat(sent).isEmpty();
    }

    // ---- targets and lifecycle ----

    @Test
    void endpoint_isTheRootAsFileUri_andTargetUsesIt() throws IOException {
        URI endpoint = store.endpoint();

        assertThat(endpoint.getScheme()).isEqualTo("file");
        assertThat(Path.of(endpoint)).isEqualTo(store.root().toRealPath());
        assertThat(store.target("b", "k").endpoint()).isEqualTo(endpoint);
    }

    @Test
    void anyCall_endpointWithTrailingSlashOrLinkedRoot_isAccepted() throws Exception {
        Path link = Files.createSymbolicLink(temp.resolve("link-to-store"), root);
        Path file = randomFile(temp, "in.bin", 10, 12);
        StorageTarget viaSlash = new StorageTarget(URI.create(root.toUri() + "/"), "b", "k", Optional.empty());
        StorageTarget viaLink = new StorageTarget(link.toUri(), "b", "k", Optional.empty());

        store.putObject(viaSlash, CREDENTIALS, whole(file), ObjectMetadata.EMPTY, TransferListener.NONE);

        assertThat(store.headObject(viaLink, CREDENTIALS)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://oss-cn-shanghai.aliyuncs.com", "http://127.0.0.1:9000", "file:///elsewhere/store"})
    void anyCall_endpointOfAnotherStore_isFatalInvalidEndpoint(String endpoint) throws IOException {
        StorageTarget target = StorageTarget.of(endpoint, "b", "k");
        Path file = randomFile(temp, "in.bin", 10, 13);

        StorageException e = catchThrowableOfType(StorageException.class, () -> store.putObject(target, CREDENTIALS,
                whole(file), ObjectMetadata.EMPTY, TransferListener.NONE));

        assertThat(e.kind()).isEqualTo(StorageException.Kind.FATAL);
        assertThat(e.errorCode()).isEqualTo("InvalidEndpoint");
        assertThat(e.getMessage()).contains(endpoint);
        assertThat(filesUnder(root)).isEmpty();
    }

    @Test
    void anyCall_afterClose_isFatalStorageClosed() {
        store.close();

        StorageException e = catchThrowableOfType(StorageException.class,
                () -> store.headObject(store.target("b", "k"), CREDENTIALS));

        assertThat(e.errorCode()).isEqualTo("StorageClosed");
        assertThat(e.kind()).isEqualTo(StorageException.Kind.FATAL);
    }

    @Test
    void anyCall_nullArguments_throwNullPointer() {
        StorageTarget target = store.target("b", "k");

        assertThatThrownBy(() -> store.headObject(null, CREDENTIALS)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.headObject(target, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.listParts(target, CREDENTIALS, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void storedFiles_neverContainTheCredentials() throws Exception {
        Path file = randomFile(temp, "in.bin", 200 * KIB, 14);
        store.putObject(store.target("b", "small"), CREDENTIALS, whole(file), ObjectMetadata.EMPTY,
                TransferListener.NONE);
        StorageTarget target = store.target("b", "multi");
        String id = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.ofContentType("video/mp4"));
        store.uploadPart(target, CREDENTIALS, id, 1, whole(file), TransferListener.NONE);

        for (String relative : filesUnder(root.resolve(".vodupload"))) {
            String text = Files.readString(root.resolve(".vodupload").resolve(relative),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(text).as(relative).doesNotContain("test-secret-value").doesNotContain("test-token-value")
                    .doesNotContain("STS.testkey");
        }
    }
}
