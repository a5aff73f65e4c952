package io.vodupload.adapters.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staging area: never used through a symbolic link, and abandoned uploads aborted after their age. */
class LocalObjectStorageStagingTest {

    private static final Credentials CREDENTIALS = Credentials.of("id", "secret");
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    Path temp;

    private Path file() throws Exception {
        byte[] data = new byte[200 * 1024];
        new Random(5).nextBytes(data);
        return Files.write(temp.resolve("in.bin"), data);
    }

    @Test
    void open_uploadUntouchedLongerThanTheAbandonedAge_isAbortedAndAYoungerOneKept() throws Exception {
        Path root = temp.resolve("store");
        LocalObjectStorage store = LocalObjectStorage.open(root, Clock.fixed(NOW, ZoneOffset.UTC));
        StorageTarget target = store.target("b", "k");
        String old = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        String young = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        store.uploadPart(target, CREDENTIALS, old, 1, new FileRegion(file(), 0, 1000), TransferListener.NONE);
        Path uploads = root.resolve(".vodupload").resolve("uploads");
        Duration age = LocalObjectStorage.ABANDONED_UPLOAD_AGE;
        Files.setLastModifiedTime(uploads.resolve(old), FileTime.from(NOW.minus(age).minusSeconds(1)));
        Files.setLastModifiedTime(uploads.resolve(young), FileTime.from(NOW.minus(age).plusSeconds(60)));

        LocalObjectStorage reopened = LocalObjectStorage.open(root, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(uploads.resolve(old)).doesNotExist();
        assertThatThrownBy(() -> reopened.listParts(target, CREDENTIALS, old))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.UPLOAD_GONE));
        assertThat(reopened.listParts(target, CREDENTIALS, young)).isEmpty();
    }

    @Test
    void uploadPart_stagingDirectoryReplacedByALinkOutside_writesNothingThereRemovesTheLinkAndIsNoSuchUpload()
            throws Exception {
        Path root = temp.resolve("store");
        LocalObjectStorage store = LocalObjectStorage.open(root);
        StorageTarget target = store.target("b", "k");
        String uploadId = store.initiateMultipart(target, CREDENTIALS, ObjectMetadata.EMPTY);
        Path staging = root.resolve(".vodupload").resolve("uploads").resolve(uploadId);
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.copy(staging.resolve("upload.json"), outside.resolve("upload.json"));
        Files.delete(staging.resolve("upload.json"));
        Files.delete(staging);
        Files.createSymbolicLink(staging, outside);

        assertThatThrownBy(() -> store.uploadPart(target, CREDENTIALS, uploadId, 1, new FileRegion(file(), 0, 1000),
                TransferListener.NONE))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("NoSuchUpload"));
        store.abortMultipart(target, CREDENTIALS, uploadId);

        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("upload.json");
        }
        assertThat(Files.exists(staging, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void open_hiddenAreaIsALinkEvenInsideTheRoot_isRefused() throws Exception {
        Path root = Files.createDirectories(temp.resolve("store"));
        Path elsewhere = Files.createDirectories(root.resolve("media").resolve("area"));
        Files.createSymbolicLink(root.resolve(".vodupload"), elsewhere);

        assertThatThrownBy(() -> LocalObjectStorage.open(root))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("cannot open the local store");
    }
}
