package io.vodupload.domain;

import static io.vodupload.domain.Fixture.OLD;
import static io.vodupload.domain.Fixture.PART;
import static io.vodupload.domain.Fixture.TARGET;
import static io.vodupload.domain.Fixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.PartBody;
import io.vodupload.ports.ObjectInfo;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.ObjectReceipt;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;
import io.vodupload.ports.Verification;
import io.vodupload.testkit.RecordingCallback;
import io.vodupload.testkit.RecordingCallback.Failed;
import io.vodupload.testkit.RecordingCallback.Success;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Never a success for an object that differs from the file: a file changed while it is sent, and a store
 * that reports no CRC-64. Real files, the in-memory storage (which checks Content-MD5 as OSS does).
 */
class IntegrityTest {

    @TempDir
    Path dir;

    /** The in-memory storage, with {@code change} run once, when the body of part {@code atPart} (0: PutObject) starts. */
    private static final class ChangingStorage implements ObjectStorage {
        private final ObjectStorage delegate;
        private final int atPart;
        private final Change change;
        private final AtomicBoolean done = new AtomicBoolean();

        ChangingStorage(ObjectStorage delegate, int atPart, Change change) {
            this.delegate = delegate;
            this.atPart = atPart;
            this.change = change;
        }

        private TransferListener changingOnce(TransferListener listener, int part) {
            return bytes -> {
                if (part == atPart && done.compareAndSet(false, true)) {
                    try {
                        change.run();
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }
                listener.bytesTransferred(bytes);
            };
        }

        @Override
        public String initiateMultipart(StorageTarget target, Credentials credentials, ObjectMetadata metadata) {
            return delegate.initiateMultipart(target, credentials, metadata);
        }

        @Override
        public PartReceipt uploadPart(StorageTarget target, Credentials credentials, String uploadId, int partNumber,
                                      PartBody body, TransferListener listener) {
            return delegate.uploadPart(target, credentials, uploadId, partNumber, body,
                    changingOnce(listener, partNumber));
        }

        @Override
        public List<PartReceipt> listParts(StorageTarget target, Credentials credentials, String uploadId) {
            return delegate.listParts(target, credentials, uploadId);
        }

        @Override
        public ObjectReceipt completeMultipart(StorageTarget target, Credentials credentials, String uploadId,
                                               List<PartReceipt> parts, ObjectMetadata metadata) {
            return delegate.completeMultipart(target, credentials, uploadId, parts, metadata);
        }

        @Override
        public void abortMultipart(StorageTarget target, Credentials credentials, String uploadId) {
            delegate.abortMultipart(target, credentials, uploadId);
        }

        @Override
        public ObjectReceipt putObject(StorageTarget target, Credentials credentials, PartBody body,
                                       ObjectMetadata metadata, TransferListener listener) {
            return delegate.putObject(target, credentials, body, metadata, changingOnce(listener, 0));
        }

        @Override
        public Optional<ObjectInfo> headObject(StorageTarget target, Credentials credentials) {
            return delegate.headObject(target, credentials);
        }

        @Override
        public boolean checksContentMd5() {
            return delegate.checksContentMd5();
        }
    }

    @FunctionalInterface
    private interface Change {
        void run() throws IOException;
    }

    private static Uploader uploader(Fixture f, ObjectStorage storage) {
        return Uploader.builder(storage).checkpointStore(f.checkpoints).clock(f.clock).sleeper(f.sleeper).seed(42)
                .build();
    }

    /**
     * Writes {@code bytes} in place and makes sure the change time moved: the kernel stamps times at its
     * clock tick, so a write within the tick of the file's creation would look like no change at all.
     */
    private static void overwrite(Path file, long offset, byte[] bytes) throws IOException {
        FileTime before = ctime(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            raf.write(bytes);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (ctime(file).equals(before) && System.nanoTime() < deadline) {
            Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 1));
        }
        assertThat(ctime(file)).isNotEqualTo(before);
    }

    private static FileTime ctime(Path file) throws IOException {
        return (FileTime) Files.getAttribute(file, "unix:ctime");
    }

    private static RecordingCallback.Event run(Fixture f, ObjectStorage storage, Path file, UploadConfig config)
            throws InterruptedException {
        uploader(f, storage).start(f.request(file, config), CredentialsProvider.fixed(OLD), f.callback);
        return f.callback.awaitTerminal(WAIT);
    }

    @Test
    void put_fileOverwrittenInPlaceWhileSent_failsFileChangedAndTheOldObjectStays() throws Exception {
        Fixture f = new Fixture(dir);
        byte[] good = "the good object".getBytes();
        f.storage.storeObject(TARGET, good);
        Path file = f.file(80 * 1024);
        ObjectStorage storage = new ChangingStorage(f.storage, 0, () -> overwrite(file, 70_000, new byte[64]));

        RecordingCallback.Event end = run(f, storage, file, Fixture.config().build());

        assertThat(end).isInstanceOfSatisfying(Failed.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_CHANGED.code()));
        assertThat(f.stored()).isEqualTo(good);
        f.callback.assertWellFormed();
    }

    @Test
    void put_fileAppendedWhileSent_failsFileChanged() throws Exception {
        Fixture f = new Fixture(dir);
        Path file = f.file(80 * 1024);
        ObjectStorage storage = new ChangingStorage(f.storage, 0,
                () -> Files.write(file, new byte[1000], StandardOpenOption.APPEND));

        RecordingCallback.Event end = run(f, storage, file, Fixture.config().build());

        assertThat(end).isInstanceOfSatisfying(Failed.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_CHANGED.code()));
    }

    @Test
    void multipart_fileOverwrittenInPlaceWithItsMtimePutBack_failsFileChangedBeforeComplete() throws Exception {
        Fixture f = new Fixture(dir);
        Path file = f.file(3L * PART);
        FileTime mtime = Files.getLastModifiedTime(file);
        ObjectStorage storage = new ChangingStorage(f.storage, 3, () -> {
            overwrite(file, 10, new byte[64]); // part 1, already stored
            Files.setLastModifiedTime(file, mtime); // touch -r
        });

        RecordingCallback.Event end = run(f, storage, file, Fixture.config().parallelism(1).build());

        assertThat(end).isInstanceOfSatisfying(Failed.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_CHANGED.code()));
        assertThat(f.storage.objectBytes(TARGET)).isEmpty(); // Complete was never sent
    }

    @Test
    void multipart_verifySource_readsTheFileAgainAndSucceeds() throws Exception {
        Fixture f = new Fixture(dir);
        Path file = f.file(3L * PART);

        RecordingCallback.Event end = run(f, f.storage, file, Fixture.config().verifySource(true).build());

        assertThat(end).isInstanceOfSatisfying(Success.class,
                s -> assertThat(s.result().verification()).isEqualTo(Verification.CRC64));
        assertThat(f.stored()).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void storeWithoutCrc_multipart_succeedsVerifiedByContentMd5() throws Exception {
        Fixture f = new Fixture(dir);
        f.storage.omitCrc64(true);
        Path file = f.file(3L * PART);

        RecordingCallback.Event end = run(f, f.storage, file, Fixture.config().build());

        assertThat(end).isInstanceOfSatisfying(Success.class,
                s -> assertThat(s.result().verification()).isEqualTo(Verification.CONTENT_MD5));
        assertThat(f.stored()).isEqualTo(Files.readAllBytes(file));
        f.callback.assertWellFormed();
    }

    @Test
    void storeWithoutCrc_put_succeedsVerifiedByContentMd5() throws Exception {
        Fixture f = new Fixture(dir);
        f.storage.omitCrc64(true);
        Path file = f.file(50 * 1024);

        RecordingCallback.Event end = run(f, f.storage, file, Fixture.config().build());

        assertThat(end).isInstanceOfSatisfying(Success.class,
                s -> assertThat(s.result().verification()).isEqualTo(Verification.CONTENT_MD5));
        assertThat(f.stored()).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void storeWithoutCrc_crc64Required_failsCrcUnavailable() throws Exception {
        Fixture f = new Fixture(dir);
        f.storage.omitCrc64(true);
        Path file = f.file(3L * PART);

        RecordingCallback.Event end = run(f, f.storage, file, Fixture.config().requireCrc64(true).build());

        assertThat(end).isInstanceOfSatisfying(Failed.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CRC_UNAVAILABLE.code()));
    }
}
