package io.vodupload.adapters.local;

import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.vodupload.adapters.local.LocalStoreFixture.CREDENTIALS;
import static io.vodupload.adapters.local.LocalStoreFixture.filesUnder;
import static io.vodupload.adapters.local.LocalStoreFixture.randomFile;
import static io.vodupload.adapters.local.LocalStoreFixture.whole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The local store never writes outside its root: every way a bucket or key could lead elsewhere is refused. */
class LocalObjectStorageSafetyTest {

    @TempDir
    Path temp;

    private Path root;
    private Path outside;
    private Path body;
    private LocalObjectStorage store;

    @BeforeEach
    void open() throws IOException {
        root = temp.resolve("store");
        outside = Files.createDirectories(temp.resolve("outside"));
        store = LocalObjectStorage.open(root);
        body = randomFile(temp, "body.bin", 4096, 7);
    }

    /** Every operation of the port, by name, on one target. */
    private Map<String, ThrowingConsumer<StorageTarget>> operations() {
        Map<String, ThrowingConsumer<StorageTarget>> ops = new LinkedHashMap<>();
        String someId = "0123456789ABCDEF0123456789ABCDEF";
        ops.put("putObject", t -> store.putObject(t, CREDENTIALS, whole(body), ObjectMetadata.EMPTY, TransferListener.NONE));
        ops.put("headObject", t -> store.headObject(t, CREDENTIALS));
        ops.put("initiateMultipart", t -> store.initiateMultipart(t, CREDENTIALS, ObjectMetadata.EMPTY));
        ops.put("uploadPart", t -> store.uploadPart(t, CREDENTIALS, someId, 1, whole(body), TransferListener.NONE));
        ops.put("listParts", t -> store.listParts(t, CREDENTIALS, someId));
        ops.put("completeMultipart", t -> store.completeMultipart(t, CREDENTIALS, someId,
                List.of(PartReceipt.of(1, "ABCD", 4096, 0)), ObjectMetadata.EMPTY));
        ops.put("abortMultipart", t -> store.abortMultipart(t, CREDENTIALS, someId));
        return ops;
    }

    private void assertEveryOperationRefuses(StorageTarget target, String code, String named) throws IOException {
        operations().forEach((name, op) -> {
            StorageException e = catchThrowableOfType(StorageException.class, () -> op.accept(target));
            assertThat(e).as(name + " must refuse " + named).isNotNull();
            assertThat(e.kind()).as(name).isEqualTo(StorageException.Kind.FATAL);
            assertThat(e.errorCode()).as(name).isEqualTo(code);
            assertThat(e.getMessage()).as(name).contains(named);
        });
        assertThat(filesUnder(outside)).isEmpty();
        assertThat(filesUnder(temp)).as("nothing written anywhere but the root")
                .allMatch(p -> p.equals("body.bin") || p.startsWith("store/") || p.startsWith("outside/"));
        assertThat(filesUnder(root).stream().filter(p -> !p.startsWith(".vodupload/"))).isEmpty();
    }

    static Stream<Arguments> badKeys() {
        return Stream.of(
                Arguments.of("../escape", "'../escape'"),
                Arguments.of("a/../../escape", "'a/../../escape'"),
                Arguments.of("../../outside/x", "'../../outside/x'"),
                Arguments.of("a/..", "'a/..'"),
                Arguments.of("..", "'..'"),
                Arguments.of(".", "'.'"),
                Arguments.of("a/./b", "'a/./b'"),
                Arguments.of("a//b", "'a//b'"),
                Arguments.of("a/", "'a/'"),
                Arguments.of("nul\0byte", "'nul\\u0000byte'"),
                Arguments.of("dir/\0", "'dir/\\u0000'"),
                Arguments.of("x".repeat(256), "'" + "x".repeat(256) + "'"),
                Arguments.of("a/".repeat(600) + "b", "'" + "a/".repeat(600) + "b'"));
    }

    @ParameterizedTest(name = "key {1}")
    @MethodSource("badKeys")
    void everyOperation_keyThatCouldLeadElsewhere_isFatalInvalidObjectNameNamingTheKey(String key, String shown)
            throws IOException {
        assertEveryOperationRefuses(store.target("b", key), "InvalidObjectName", shown);
    }

    @ParameterizedTest(name = "bucket {0}")
    @ValueSource(strings = {"..", ".", "/tmp/evil", "a/b", "../outside", ".vodupload", ".hidden", "nul\0", "with space",
            "back\\slash", "-dash-first"})
    void everyOperation_bucketThatIsNotOnePlainDirectoryName_isFatalInvalidBucketName(String bucket) throws IOException {
        assertEveryOperationRefuses(store.target(bucket, "k"), "InvalidBucketName",
                "'" + bucket.replace("\0", "\\u0000") + "'");
    }

    @Test
    void storageTarget_absoluteKeyOrBlankBucket_isRefusedBeforeReachingTheStore() {
        assertThatThrownBy(() -> store.target("b", "/etc/passwd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/etc/passwd");
        assertThatThrownBy(() -> store.target("", "k")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyOperation_keyThroughASymlinkedDirectoryLeadingOut_isRefused() throws IOException {
        Files.createDirectories(root.resolve("b"));
        Files.createSymbolicLink(root.resolve("b/link"), outside);

        assertEveryOperationRefuses(store.target("b", "link/x"), "InvalidObjectName", "'link/x'");
        assertEveryOperationRefuses(store.target("b", "link/deeper/x"), "InvalidObjectName", "'link/deeper/x'");
        assertThat(outside.resolve("deeper")).doesNotExist();
    }

    @Test
    void everyOperation_bucketThatIsASymlinkLeadingOut_isRefused() throws IOException {
        Files.createSymbolicLink(root.resolve("evil"), outside);

        assertEveryOperationRefuses(store.target("evil", "x"), "InvalidObjectName", "'x'");
    }

    @Test
    void everyOperation_keyThatIsASymlinkToAFileOutside_isRefusedAndTheFileUntouched() throws IOException {
        Path victim = Files.writeString(outside.resolve("victim.txt"), "keep me");
        Files.createDirectories(root.resolve("b"));
        Files.createSymbolicLink(root.resolve("b/file-link"), victim);

        operations().forEach((name, op) -> {
            StorageException e = catchThrowableOfType(StorageException.class, () -> op.accept(store.target("b", "file-link")));
            assertThat(e).as(name).isNotNull();
            assertThat(e.errorCode()).as(name).isEqualTo("InvalidObjectName");
        });
        assertThat(victim).hasContent("keep me");
        assertThat(root.resolve("b/file-link")).isSymbolicLink();
    }

    @Test
    void everyOperation_danglingSymlinkOnThePath_isRefused() throws IOException {
        Files.createDirectories(root.resolve("b"));
        Files.createSymbolicLink(root.resolve("b/dangling"), outside.resolve("not-yet"));

        assertEveryOperationRefuses(store.target("b", "dangling/x"), "InvalidObjectName", "'dangling/x'");
        assertThat(outside.resolve("not-yet")).doesNotExist();
    }

    @Test
    void putObject_symlinkThatStaysInsideTheRoot_isFollowed() throws Exception {
        Files.createDirectories(root.resolve("b/real"));
        Files.createSymbolicLink(root.resolve("b/alias"), root.resolve("b/real"));

        store.putObject(store.target("b", "alias/x"), CREDENTIALS, whole(body), ObjectMetadata.EMPTY,
                TransferListener.NONE);

        assertThat(root.resolve("b/real/x")).hasSameBinaryContentAs(body);
        assertThat(store.headObject(store.target("b", "alias/x"), CREDENTIALS)).isPresent();
    }

    @Test
    void open_hiddenAreaIsASymlinkLeadingOut_isRefused() throws IOException {
        Path other = Files.createDirectories(temp.resolve("other-root"));
        Files.createSymbolicLink(other.resolve(".vodupload"), outside);

        assertThatThrownBy(() -> LocalObjectStorage.open(other)).hasMessageContaining(other.toString());
        assertThat(filesUnder(outside)).isEmpty();
        try (Stream<Path> entries = Files.list(outside)) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void messages_neverContainTheCredentials() {
        StorageException e = catchThrowableOfType(StorageException.class,
                () -> store.headObject(store.target("b", "../x"), CREDENTIALS));

        assertThat(e.getMessage()).doesNotContain("test-secret-value").doesNotContain("test-token-value");
        assertThat(Optional.ofNullable(e.getCause())).isEmpty();
    }
}
