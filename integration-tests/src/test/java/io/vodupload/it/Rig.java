package io.vodupload.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.adapters.http.HttpObjectStorage;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.SignatureVersion;
import io.vodupload.ports.StorageTarget;
import io.vodupload.testkit.ManualClock;
import io.vodupload.testkit.ManualSleeper;
import io.vodupload.testkit.oss.OssCredentials;
import io.vodupload.testkit.oss.OssServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One testkit OSS server on loopback and what every test builds around it: the HTTP adapter signing with
 * V1 or V4, STS credentials the server accepts, an uploader whose back-offs are recorded instead of slept,
 * and the independent {@link ObjectReader} that reads objects back.
 *
 * <p>Two STS credential sets are accepted from the start ({@link #first()} and {@link #second()}), so a
 * refresh from one to the other needs no server change. Close the rig to stop the server (which releases
 * any held stall) and the adapters.
 */
final class Rig implements AutoCloseable {

    static final String BUCKET = "media";

    /** The signature the HTTP adapter uses. */
    enum Signature { V1, V4 }

    private static final String FIRST_AK = "STS.it-first";
    private static final String FIRST_SK = "it-first-secret";
    private static final String FIRST_TOKEN = "it-first-token";
    private static final String SECOND_AK = "STS.it-second";
    private static final String SECOND_SK = "it-second-secret";
    private static final String SECOND_TOKEN = "it-second-token";
    private static final String READER_AK = "it-reader";
    private static final String READER_SK = "it-reader-secret";

    final OssServer server;
    /** Records the uploader's back-offs and returns at once: no test sleeps through a back-off. */
    final ManualSleeper sleeper = new ManualSleeper(new ManualClock());
    private final List<ObjectStorage> closeables = new ArrayList<>();
    private final List<Uploader> uploaders = new ArrayList<>();
    private final List<Thread> uploadThreads = new ArrayList<>();

    private Rig(OssServer server) {
        this.server = server;
    }

    static Rig start() {
        return start(b -> { });
    }

    /** A rig whose server builder {@code customise} may change before it starts. */
    static Rig start(Consumer<OssServer.Builder> customise) {
        OssServer.Builder b = OssServer.builder()
                .bucket(BUCKET)
                .credentials(OssCredentials.sts(FIRST_AK, FIRST_SK, FIRST_TOKEN))
                .credentials(OssCredentials.sts(SECOND_AK, SECOND_SK, SECOND_TOKEN))
                .credentials(OssCredentials.of(READER_AK, READER_SK));
        customise.accept(b);
        return new Rig(b.start());
    }

    /** The first STS set, valid for an hour by its own account (the server decides when it really expires). */
    static Credentials first() {
        return Credentials.sts(FIRST_AK, FIRST_SK, FIRST_TOKEN, Instant.now().plus(Duration.ofHours(1)));
    }

    /** The set a refresh hands out. */
    static Credentials second() {
        return Credentials.sts(SECOND_AK, SECOND_SK, SECOND_TOKEN, Instant.now().plus(Duration.ofHours(1)));
    }

    /** The first set as {@link UploadChild} reads it from its standard input: id, secret, token, one a line. */
    static String childCredentials() {
        return FIRST_AK + "\n" + FIRST_SK + "\n" + FIRST_TOKEN + "\n";
    }

    static String firstAccessKeyId() {
        return FIRST_AK;
    }

    /** A new HTTP adapter with its own connection pool, closed with the rig. */
    HttpObjectStorage storage(Signature signature, Duration responseTimeout) {
        HttpObjectStorage storage = HttpObjectStorage.builder()
                .signatureVersion(signature == Signature.V4 ? SignatureVersion.V4
                        : SignatureVersion.V1)
                .responseTimeout(responseTimeout)
                .connectTimeout(Duration.ofSeconds(5))
                .maxConnections(16)
                .build();
        closeables.add(storage);
        return storage;
    }

    /** Where {@code key} goes; a V4 target names the server's region, as a VOD UploadAuth does. */
    StorageTarget target(String key, Signature signature) {
        StorageTarget target = StorageTarget.of(server.endpoint().toString(), BUCKET, key);
        return signature == Signature.V4 ? target.withRegion(server.region()) : target;
    }

    /**
     * An uploader over {@code storage}; back-offs go to {@link #sleeper}; its threads are tracked so that
     * {@link #awaitUploadsQuiet()} can wait for them.
     */
    Uploader uploader(ObjectStorage storage, CheckpointStore checkpoints) {
        Uploader uploader = Uploader.builder(storage).checkpointStore(checkpoints).sleeper(sleeper).seed(20250101L)
                .threadFactory(this::uploadThread).build();
        synchronized (uploaders) {
            uploaders.add(uploader);
        }
        return uploader;
    }

    private void closeUploaders() {
        List<Uploader> open;
        synchronized (uploaders) {
            open = List.copyOf(uploaders);
            uploaders.clear();
        }
        open.forEach(Uploader::close);
    }

    private Thread uploadThread(Runnable r) {
        Thread t = new Thread(r, "it-upload-" + uploadThreads.size());
        t.setDaemon(true);
        synchronized (uploadThreads) {
            uploadThreads.add(t);
        }
        return t;
    }

    /**
     * Closes every uploader made so far (their uploads have ended: close cancels nothing then, it waits for
     * what came with their ends and stops their threads), and waits until every upload thread has ended.
     */
    void awaitUploadsQuiet() throws InterruptedException {
        closeUploaders();
        List<Thread> threads;
        synchronized (uploadThreads) {
            threads = List.copyOf(uploadThreads);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            assertThat(t.isAlive()).as("upload thread " + t.getName() + " still running").isFalse();
        }
    }

    ObjectReader reader() {
        return new ObjectReader(server, READER_AK, READER_SK);
    }

    /**
     * Asserts that only {@code signature} was used by the adapter so far. Call it before reading back (the
     * reader signs with V1).
     */
    void assertSignedOnlyWith(Signature signature) {
        if (signature == Signature.V4) {
            assertThat(server.stats().authenticatedV4()).as("V4-signed requests").isPositive();
            assertThat(server.stats().authenticatedV1()).as("V1-signed requests").isZero();
        } else {
            assertThat(server.stats().authenticatedV1()).as("V1-signed requests").isPositive();
            assertThat(server.stats().authenticatedV4()).as("V4-signed requests").isZero();
        }
    }

    /**
     * Reads {@code key} back over HTTP and asserts its bytes equal {@code file}'s by length, CRC-64 and
     * SHA-256, and that the server's own CRC-64 header agrees.
     */
    void assertObjectEquals(String key, Path file) throws IOException, InterruptedException {
        Digest expected = Digest.of(file);
        ObjectReader.Read read = reader().get(BUCKET, key).orElseThrow();
        assertThat(read.status()).as("GetObject status for " + key).isEqualTo(200);
        assertThat(read.digest().length()).as("object length").isEqualTo(expected.length());
        assertThat(read.digest().crc64()).as("CRC-64 of the bytes read back").isEqualTo(expected.crc64());
        assertThat(read.digest().sha256()).as("SHA-256 of the bytes read back").isEqualTo(expected.sha256());
        assertThat(read.crc64Header()).as("the server's x-oss-hash-crc64ecma").hasValue(expected.crc64());
    }

    @Override
    public void close() {
        closeUploaders();
        for (ObjectStorage c : closeables) {
            c.close();
        }
        server.close();
    }
}
